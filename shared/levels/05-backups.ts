import type { Scenario } from "../scenario";
import { smallStar, steadyWork } from "./maps";

/** Backups: a server that keeps a copy survives a disk failure; one that doesn't loses everything. */
export const backups: Scenario = {
  name: "Back it up",
  description:
    "Your server's disk will fail. With a backup you restore it in seconds; without one the files are gone.",
  topology: "hub",
  seed: 105,
  duration: 90,
  budget: 1750,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: smallStar(),
  workload: steadyWork({ itemsPerUser: 5, thinkTime: 12 }),
  failures: [{ kind: "disk-failure", at: 30, target: "S1" }],
  level: {
    intro: {
      you: "You are the only server, and you hold the only copy of every file.",
      todo: "Turn backups on now (a small cost each minute). When your disk fails, press “Restore from backup”.",
      idea: "Central control: the server's owner keeps backups, so one broken disk doesn't lose the data.",
    },
    node: "S1",
    role: "server",
    goals: ["Turn backups on", "Restore when the disk fails", "Lose no file"],
    stars: { speed: [50, 60, 70], cost: [35, 50, 65], survival: [40, 60, 75] },
    hints: {
      survival:
        "Backups must be on BEFORE the disk fails. Then “Restore from backup” brings everything back.",
    },
  },
};
