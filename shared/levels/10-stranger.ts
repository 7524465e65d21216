import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** No consensus in a swarm: a stranger can serve poison. Verify what you get and block the cheat. */
export const stranger: Scenario = {
  name: "The stranger",
  description: "A stranger joins the swarm and sends corrupt pieces. Nobody checks the data for you.",
  topology: "swarm",
  seed: 110,
  duration: 60,
  budget: 1500,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar({ users: 4 }),
  workload: steadyWork({ items: 4, itemsPerUser: 4, rampUp: 2 }),
  failures: [{ kind: "malicious-peer", at: 8, magnitude: 1 }],
  level: {
    intro: {
      you: "You are a peer in a small swarm. Nobody checks what others send you.",
      todo: "A stranger (Peer X1) will join and send corrupt pieces (red ◆). Turn on “Verifying chunks” and block the peer marked ⚠.",
      idea: "In a swarm nobody is in charge: bad data spreads unless each peer checks it and blocks cheats.",
    },
    node: "U1",
    role: "peer",
    goals: ["Verify every chunk", "Block the cheat (⚠)", "Pass on no corrupt data"],
    stars: { speed: [60, 70, 80], cost: [50, 70, 85], survival: [85, 90, 93] },
    hints: {
      survival: "Turn “Verifying chunks” on, then choose the peer marked ⚠ and press Block.",
    },
  },
};
