import type { Scenario } from "../scenario";
import { steadyWork } from "./maps";

/** Rarest first: fetch the pieces fewest peers hold, so every piece exists in more than one place. */
export const rarestFirst: Scenario = {
  name: "Rarest first",
  description:
    "Everyone downloads the file in order from a far-away seed, and the seed leaves 28 seconds in. Will the last pieces survive?",
  topology: "swarm",
  seed: 108,
  duration: 60,
  budget: 1500,
  weights: { speed: 40, cost: 30, survival: 30 },
  // The seed is far away (a 4-second link): each round trip brings a peer 8 pieces at most (its
  // requests wait for their answers), so which pieces each peer asks for decides what exists when the
  // seed goes. The others all ask for the same ones; the player's computer starts last (rampUp), so
  // there is time to switch before it asks for anything.
  map: {
    routers: [
      { id: "R1", region: "Far", x: 150, y: 300 },
      { id: "R2", region: "Home", x: 750, y: 300 },
    ],
    links: [{ a: "R1", b: "R2", latency: 40, bandwidth: 16 }],
    servers: [{ id: "S1", router: "R1" }],
    users: ["U1", "U2", "U3", "U4"].map((id) => ({ id, router: "R2" })),
  },
  workload: steadyWork({ items: 1, chunksPerItem: 31, itemsPerUser: 1, rampUp: 6 }),
  failures: [{ kind: "churn", at: 28, target: "role:seed", magnitude: 1 }],
  level: {
    intro: {
      you: "You are a peer downloading a file in 31 pieces (chunks), like everyone else here.",
      todo: "Everyone grabs pieces in order: 1, 2, 3… The seed is far away and leaves 28 seconds in. Your computer starts downloading a few seconds in: switch to “Rarest first” before it does, so you ask for the pieces nobody else has.",
      idea: "Rarest first: copy the rarest pieces first, so every piece lives on more than one computer.",
    },
    node: "U4",
    role: "peer",
    goals: ["Switch to Rarest first, now", "Grab the pieces nobody has", "Keep the whole file alive"],
    stars: { speed: [50, 62, 72], cost: [50, 70, 85], survival: [60, 80, 95] },
    hints: {
      survival:
        "Change “Which chunk next” to “Rarest first” at the very start: the seed only stays for 28 seconds.",
    },
    setup: { strategy: "sequential" },
    others: { strategy: "sequential", react: false },
  },
};
