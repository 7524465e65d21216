import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** Picking the architecture, part 1: five people in a small office, a small budget, nothing to fear. */
export const smallOffice: Scenario = {
  name: "Your call: the small office",
  description: "Five people in a small office share files. Money is tight. Hub or swarm?",
  topology: "versus",
  seed: 112,
  duration: 60,
  budget: 700,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar({ users: 5 }),
  workload: steadyWork(),
  failures: [],
  level: {
    intro: {
      you: "You choose how the office network is built: a hub (you buy a server) or a swarm (the five computers share).",
      todo: "Pick the architecture for this job, then run the content holder: Server 1 in the hub, Seed 1 in the swarm.",
      idea: "A server costs money to buy and to run, and an admin to look after the network; peers cost nothing to buy, and each owner looks after their own. What matters most for five people on a small budget? Let the stars prove your choice.",
    },
    node: "S1",
    role: "server or seed",
    goals: ["Choose hub or swarm", "Keep within the budget", "Deliver every file"],
    stars: { speed: [40, 50, 70], cost: [40, 55, 70], survival: [50, 80, 95] },
    hints: {
      cost: "A server costs 300 coins to buy and more every minute. Does a small office need one?",
    },
    choose: true,
  },
};
