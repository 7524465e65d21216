import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** Access: a peer decides who may download from it — grant, refuse, or set a rule for everyone. */
export const askMeFirst: Scenario = {
  name: "Ask me first",
  description:
    "Every download from you needs your OK. Say yes to the peers who ask, or nobody gets anything.",
  topology: "swarm",
  seed: 111,
  duration: 60,
  budget: 1500,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar(),
  workload: steadyWork(),
  failures: [],
  level: {
    intro: {
      you: "You are the seed. Your computer is set to “Ask me first”: every peer must get your permission.",
      todo: "Requests appear under “Sharing”. Press Allow for each peer that asks (or Deny). A request nobody answers is refused after 5 seconds.",
      idea: "In a swarm each peer grants or refuses access to its own files. Nobody else decides for you.",
    },
    node: "S1",
    role: "seed",
    goals: ["Answer every request", "Allow the peers you trust", "Keep the files flowing"],
    stars: { speed: [40, 60, 72], cost: [50, 70, 85], survival: [50, 80, 95] },
    hints: {
      speed: "Unanswered requests are refused. Press Allow as soon as a peer asks.",
    },
    setup: { policy: "approve" },
  },
};
