import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** No consensus in a swarm: a stranger can serve poison. Verify what you get and block the cheat. */
export const stranger: Scenario = {
  name: "The stranger",
  description: "Two strangers join the swarm and send corrupt pieces. Nobody checks the data for you.",
  topology: "swarm",
  seed: 110,
  duration: 60,
  budget: 1500,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar({ users: 4 }),
  workload: steadyWork({ items: 8, itemsPerUser: 8, rampUp: 2, thinkTime: 1 }),
  failures: [{ kind: "malicious-peer", at: 5, magnitude: 2 }],
  level: {
    intro: {
      you: "You are a peer in a small swarm. Nobody checks what others send you.",
      todo: "At 0:05 two strangers (Peers X1 and X2) join and send corrupt pieces (red ◆). The other peers protect themselves. Turn on “Verifying chunks” and block each peer marked ⚠.",
      idea: "In a swarm nobody is in charge: bad data spreads unless each peer checks it and blocks cheats.",
    },
    node: "U1",
    role: "peer",
    goals: ["Verify every chunk", "Block the cheats (⚠)", "Pass on no corrupt data"],
    stars: { speed: [45, 52, 60], cost: [50, 70, 85], survival: [85, 89, 95] },
    hints: {
      survival: "Turn “Verifying chunks” on, then choose each peer marked ⚠ and press Block.",
    },
  },
};
