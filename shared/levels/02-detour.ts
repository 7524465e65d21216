import type { Scenario } from "../scenario";
import { smallRing, steadyWork } from "./maps";

/** Routing: a cut link stops every packet sent over it until a router picks another way. */
export const detour: Scenario = {
  name: "Take the detour",
  description:
    "A link next to your router is cut. Packets sent over it are lost until you send them the other way.",
  topology: "hub",
  seed: 102,
  duration: 90,
  budget: 1750,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallRing(),
  workload: steadyWork({ itemsPerUser: 6, thinkTime: 12 }),
  failures: [{ kind: "link-cut", at: 20, duration: 60, target: "R2-R3" }],
  level: {
    intro: {
      you: "You are Router 3, next to the server. You choose which link each packet takes.",
      todo: "Twenty seconds in, the link to Router 2 is cut. Send everything that went that way over your other link, to Router 4.",
      idea: "Routing: the network has more than one path. A router that reacts fast keeps the data flowing.",
    },
    node: "R3",
    role: "router",
    goals: [
      "Watch for an orange dashed link with an ✕",
      "Route around it at once",
      "Keep the clients' data flowing",
    ],
    stars: { speed: [50, 56, 64], cost: [30, 45, 60], survival: [60, 75, 90] },
    hints: {
      survival:
        "When the link breaks, pick each destination that used it and choose “to Router 4”, then Set route.",
      speed:
        "Every second on the dead link loses packets: re-route the moment the link turns orange and dashed.",
    },
  },
};
