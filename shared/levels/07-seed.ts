import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** The swarm: a seed holds everything, leeches download, and every leech shares what it has. */
export const seed: Scenario = {
  name: "Be the seed",
  description:
    "You hold the whole file set. Six peers want it. In a swarm, everyone who downloads also uploads.",
  topology: "swarm",
  seed: 107,
  duration: 60,
  budget: 1500,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar(),
  workload: steadyWork(),
  failures: [],
  level: {
    intro: {
      you: "You are the seed: the one peer with 100 % of every file. The others are leeches: they start with nothing.",
      todo: "Your sharing is switched off. Set “Who may download from you” to “Share with everyone”, then watch the leeches share with each other too.",
      idea: "Peer-to-peer: every peer is client and server at once. No server to buy — the peers do the work.",
    },
    node: "S1",
    role: "seed",
    goals: ["Switch sharing on", "Watch leeches become sources", "No server needed: no cost"],
    stars: { speed: [40, 60, 75], cost: [50, 70, 85], survival: [50, 80, 95] },
    hints: {
      speed: "Nobody can start until you share: change “Who may download from you” to “Share with everyone”.",
    },
    setup: { policy: "deny" },
  },
};
