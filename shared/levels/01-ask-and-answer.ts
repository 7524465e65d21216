import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** Request and response: clients ask, the server answers, and a slow server keeps everyone waiting. */
export const askAndAnswer: Scenario = {
  name: "Ask and answer",
  description: "Ten clients ask one server for files. A slow server keeps everyone waiting.",
  topology: "hub",
  seed: 101,
  duration: 45,
  budget: 1500,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar({ users: 10 }),
  workload: steadyWork({ items: 8, itemsPerUser: 8, thinkTime: 1 }),
  failures: [],
  level: {
    intro: {
      you: "You are the server: the computer that holds the files.",
      todo: "Clients send you requests (▲). You answer with chunks of data (●). Your server is slow, so clients wait. Upgrade it to answer faster.",
      idea: "Client-server: a client asks and waits; the server answers. The faster the server, the shorter the wait.",
    },
    node: "S1",
    role: "server",
    goals: ["Answer every request", "Upgrade your server so clients wait less", "Don't spend every coin"],
    stars: { speed: [81, 85, 89], cost: [22, 30, 42], survival: [50, 80, 95] },
    hints: {
      speed: "Press “Upgrade capacity” early: a faster server answers more requests every second.",
      cost: "Each upgrade costs 150 coins. Two are enough here.",
    },
  },
};
