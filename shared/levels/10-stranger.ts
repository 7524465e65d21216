import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/**
 * No consensus in a swarm: a stranger can share a harmful file whose hashes match, so every check
 * passes. Only opening the file shows it; then block whoever sent it.
 */
export const stranger: Scenario = {
  name: "The stranger",
  description:
    "Two strangers join the swarm and share a harmful copy of the files, with hashes to match. Nobody vouches for a file.",
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
      you: "You are a peer in a small swarm. Your software checks every piece against its hashes, but nobody vouches for the file itself.",
      todo: "Five seconds in, two strangers (X1, X2) share a harmful copy (red ◆) whose hashes match: checks pass it. When a file you open is harmful, its senders are marked ⚠. Block them at once; other owners take their time.",
      idea: "In a swarm nobody is in charge: hashes catch damaged pieces, not a harmful file. Each peer must block cheats on its own.",
    },
    node: "U1",
    role: "peer",
    goals: ["Keep checking hashes", "Block the cheats (⚠)", "Pass on no harmful data"],
    stars: { speed: [45, 52, 60], cost: [50, 70, 85], survival: [70, 74, 80] },
    hints: {
      survival: "When a finished file turns out harmful, choose each peer marked ⚠ and press Block at once.",
    },
  },
};
