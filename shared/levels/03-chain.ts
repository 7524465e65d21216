import type { Scenario } from "../scenario";
import { smallRing, steadyWork } from "./maps";

/** The server chain: a server without the file becomes a client of the far-away origin. */
export const chain: Scenario = {
  name: "The server chain",
  description:
    "Your server holds half the files; the rest come from a far-away origin. Ten seconds in, the link to the origin breaks.",
  topology: "hub",
  seed: 103,
  duration: 90,
  budget: 2250,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallRing({ servers: 2, origin: true, latency: 4 }),
  workload: steadyWork({ items: 10, itemsPerUser: 5, serverHolds: "some" }),
  failures: [
    { kind: "crash", at: 0, duration: 60, target: "S2" },
    { kind: "link-cut", at: 10, duration: 50, target: "R3-O1" },
  ],
  level: {
    intro: {
      you: "You are Server 1. You hold half of the files; the origin (the purple cloud, far away) holds them all. Server 2 is off for repairs, so every client asks you.",
      todo: "For a file you don't have, you must ask the origin first: slow (a cache miss). Ten seconds in, the link to the origin breaks for 50 seconds. Before that, fetch every missing file with “Cache from the origin”.",
      idea: "A server without the data becomes a client of another server. A copy kept close (a cache) is fast.",
    },
    node: "S1",
    role: "server",
    // Server 2 stays off for its repairs: nobody restarts it early.
    others: { react: false },
    goals: ["Cache the files you don't have", "Do it in the first 10 seconds", "Keep every download going"],
    stars: { speed: [60, 70, 78], cost: [30, 40, 50], survival: [75, 88, 96] },
    hints: {
      survival: "Use “Cache from the origin”: fetch every item you are missing in the first 10 seconds.",
      speed: "A cache miss waits for the far-away origin. Fetch the items at the start.",
    },
  },
};
