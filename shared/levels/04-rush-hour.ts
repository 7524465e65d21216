import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** Scaling: a bigger server (up) helps until its own link is full; more servers (out) go further. */
export const rushHour: Scenario = {
  name: "Rush hour",
  description:
    "Twenty seconds in, thirty new users arrive, all wanting the same file. One small server will not cope.",
  topology: "hub",
  seed: 104,
  duration: 90,
  budget: 3000,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar(),
  workload: steadyWork({ items: 4, itemsPerUser: 3 }),
  failures: [{ kind: "flash-crowd", at: 20, magnitude: 30 }],
  level: {
    intro: {
      you: "You are the only server, and rush hour is coming.",
      todo: "Twenty seconds in, a crowd of 30 arrives. Scale up (upgrade your server) or scale out (bring a replica online: a second server). Try both.",
      idea: "Scale up: a bigger machine, until its cable is full. Scale out: more machines sharing the work.",
    },
    node: "S1",
    role: "server",
    goals: ["Get ready in the first 20 seconds", "Upgrade, or add a replica", "Serve the whole crowd"],
    stars: { speed: [60, 68, 76], cost: [30, 45, 60], survival: [55, 60, 66] },
    hints: {
      speed: "One upgrade is not enough for 36 users. Add a replica: a second server with its own cable.",
      cost: "Replicas and upgrades cost coins: buy what the crowd needs, not more.",
      survival:
        "When the crowd arrives, scale up and out at once: while your server is swamped, everyone waits.",
    },
  },
};
