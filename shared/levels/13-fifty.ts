import type { Scenario } from "../scenario";

/** Picking the architecture, part 2: fifty computers, a spy on the wire and cheats in the crowd. */
export const fifty: Scenario = {
  name: "Your call: fifty computers",
  description: "A school of fifty computers, a wiretapped router and cheats trying to join. Hub or swarm?",
  topology: "versus",
  seed: 113,
  duration: 90,
  budget: 4000,
  weights: { speed: 30, cost: 20, survival: 50 },
  map: {
    shape: "ring",
    routers: 8,
    regions: 4,
    servers: 3,
    users: 50,
    origin: false,
    latency: 2,
    bandwidth: 24,
  },
  workload: {
    items: 8,
    chunksPerItem: 20,
    itemsPerUser: 4,
    rampUp: 10,
    thinkTime: 4,
    messagesPerMinute: 2,
    serverHolds: "all",
  },
  failures: [
    { kind: "wiretap", at: 10, duration: 80, target: "busiest" },
    { kind: "malicious-peer", at: 15, magnitude: 5 },
  ],
  level: {
    intro: {
      you: "You choose how a school of fifty computers is built: a hub with servers, or one big swarm.",
      todo: "Pick the architecture, then run Server 1 (hub) or Seed 1 (swarm). A spy listens on one router and cheats want in.",
      idea: "With fifty computers, who protects them all? A server is protected from one place; in a swarm every peer protects itself — or doesn't. Let the stars prove your choice.",
    },
    node: "S1",
    role: "server or seed",
    goals: ["Choose hub or swarm", "Encrypt what you send", "Keep the data safe"],
    stars: { speed: [40, 50, 60], cost: [15, 30, 45], survival: [75, 82, 92] },
    hints: {
      survival:
        "In a swarm every peer must protect itself, and many won't. In a hub you protect your server: turn encryption on at once.",
    },
    choose: true,
  },
};
