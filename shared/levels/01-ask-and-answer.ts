import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** Request and response: clients ask, the server answers, and a slow server keeps everyone waiting. */
export const askAndAnswer: Scenario = {
  name: "Ask and answer",
  description: "Ten clients ask one server for fourteen files each. A slow server keeps everyone waiting.",
  topology: "hub",
  seed: 101,
  duration: 45,
  budget: 2500,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar({ users: 10 }),
  // Enough files that the clients keep asking until the end: no idle second half.
  workload: steadyWork({ items: 14, itemsPerUser: 14, thinkTime: 1 }),
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
    stars: { speed: [85, 89, 92], cost: [50, 58, 66], survival: [50, 80, 95] },
    hints: {
      speed: "Press “Upgrade capacity” early: a faster server answers more requests every second.",
      cost: "Each upgrade costs 150 coins. One or two are enough here.",
    },
  },
};
