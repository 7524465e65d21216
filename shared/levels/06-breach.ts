import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** A hacked server controls everything it serves: isolate and patch it, fast. */
export const breach: Scenario = {
  name: "Hacked!",
  description: "A hacker breaks into your server and makes it send corrupt data to every client.",
  topology: "hub",
  seed: 106,
  duration: 90,
  budget: 1750,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar(),
  workload: steadyWork({ itemsPerUser: 5, thinkTime: 12 }),
  failures: [{ kind: "breach", at: 25, target: "S1" }],
  level: {
    intro: {
      you: "You are the only server. Every client trusts what you send.",
      todo: "At some point you get hacked: your status says HACKED and red diamonds (◆) go out. Press “Isolate and patch” at once.",
      idea: "One server, one weak point: a hacked server spoils everything it sends. Fixing one place fixes it for all.",
    },
    node: "S1",
    role: "server",
    goals: ["Watch your status", "Patch the moment you are HACKED", "Send no corrupt data"],
    stars: { speed: [55, 62, 70], cost: [35, 50, 65], survival: [50, 70, 85] },
    hints: {
      survival:
        "Every second hacked sends corrupt chunks. Press “Isolate and patch” as soon as your status turns HACKED.",
    },
  },
};
