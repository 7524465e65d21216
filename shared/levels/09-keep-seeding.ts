import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** If nobody keeps seeding, the data is gone: a leech that finishes should stay and share. */
export const keepSeeding: Scenario = {
  name: "Keep seeding",
  description:
    "The seed leaves early. After that the only copies are on peers — and the others keep theirs to themselves.",
  topology: "swarm",
  seed: 109,
  duration: 60,
  budget: 1500,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar(),
  workload: steadyWork({ items: 1, chunksPerItem: 20, itemsPerUser: 1, rampUp: 12 }),
  failures: [{ kind: "churn", at: 4, target: "role:seed", magnitude: 1 }],
  level: {
    intro: {
      you: "You are the first peer to download the file. The seed (who has it all) goes home four seconds in.",
      todo: "Your app is set to keep files to yourself, like everyone else's. Switch sharing on, so when you finish you become the new seed. Don't leave!",
      idea: "A leech that finishes becomes a seed. If everyone stops seeding, the data is lost.",
    },
    node: "U1",
    role: "peer",
    goals: ["Switch sharing on", "Become the new seed", "Stay: don't leave"],
    stars: { speed: [52, 60, 68], cost: [50, 70, 85], survival: [65, 80, 92] },
    hints: {
      survival: "After the seed leaves, only you can give the others the file. Set “Share with everyone”.",
    },
    setup: { policy: "deny" },
    others: { policy: "deny", react: false },
  },
};
