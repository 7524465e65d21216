/**
 * Scripted classes (classes.ts) through the competition: sabotage never pays the team (the
 * saboteurs' own points: points.test.ts). (`npm run bench:classes` prints the whole table.)
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS, createMatch, type MatchResult, parOf, runMatch } from "../../shared/index";
import { playClasses } from "./classes";

/**
 * Where an engaged class beats an idle one by at least 10 points against the autopilot
 * (`npm run bench:classes` prints every scenario; issue: every failure scenario should be here).
 */
const SKILL_DECIDES = new Set([
  "server-crash hub",
  "link-cut hub",
  "server-breach hub",
  "ddos hub",
  "ddos swarm",
  "wiretap hub",
  "wiretap swarm",
  "big-school hub",
  "big-school swarm",
  "malicious-peer swarm",
  "disk-failure swarm",
  "flash-crowd hub",
]);

describe("scripted classes", () => {
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    if (name === "district") continue;
    it(`${name}: saboteurs score below an idle class, an engaged class at least as high`, () => {
      const par = parOf(runMatch(createMatch(sc)));
      // Both teams hold the same kind of class in one match: each team's network is its own world, and
      // its results are the same as with the other team on autopilot (points included).
      const idle = playClasses(sc, { hub: "idle", swarm: "idle" }, par);
      const bad = playClasses(sc, { hub: "saboteur", swarm: "saboteur" }, par);
      const good = playClasses(sc, { hub: "engaged", swarm: "engaged" }, par);
      for (const team of ["hub", "swarm"] as const) {
        const of = (r: MatchResult) => r.teams.find((t) => t.team === team)!;
        expect(of(bad).againstAutopilot!, `${name} ${team}`).toBeLessThan(of(idle).againstAutopilot!);
        // Reacting to what the screen shows never does worse than doing nothing, and where a failure
        // has a response a student can make (SKILL_DECIDES), it does clearly better.
        const gap = of(good).againstAutopilot! - of(idle).againstAutopilot!;
        // Where nothing fails, insurance (a seed's own backup) costs a little and buys nothing.
        const insurance = sc.failures.length === 0 ? 2 : 0;
        expect(gap, `${name} ${team}: engaged against idle`).toBeGreaterThanOrEqual(-insurance);
        if (SKILL_DECIDES.has(`${name} ${team}`))
          expect(gap, `${name} ${team}: engaged beats idle by 10`).toBeGreaterThanOrEqual(10);
      }
    });
  }
});
