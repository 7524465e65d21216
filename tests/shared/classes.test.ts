/**
 * Scripted classes (classes.ts) through the competition: sabotage never pays the team (the
 * saboteurs' own points: points.test.ts); in every failure scenario an engaged class beats an idle one
 * by 10 points or more, with the autopilot between them, and wins the competition against it.
 * (`npm run bench:classes` prints the whole table.)
 */
import { describe, expect, it } from "vitest";
import {
  BUILT_IN_SCENARIOS,
  competitionWinner,
  createMatch,
  type MatchResult,
  parOf,
  runMatch,
} from "../../shared/index";
import { playClasses } from "./classes";

/** Seeds every versus claim is checked on here (`npm run bench:classes -- --seeds 20` checks 20). */
const SEEDS = 3;

describe("scripted classes", () => {
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    if (name === "district") continue;
    it(`${name}: saboteurs score below an idle class, an engaged class at least 10 points above it`, () => {
      const par = parOf(runMatch(createMatch(sc)));
      // Both teams hold the same kind of class in one match: each team's network is its own world, and
      // its results are the same as with the other team on autopilot (points included).
      const idle = playClasses(sc, { hub: "idle", swarm: "idle" }, par);
      const bad = playClasses(sc, { hub: "saboteur", swarm: "saboteur" }, par);
      const good = playClasses(sc, { hub: "engaged", swarm: "engaged" }, par);
      for (const team of ["hub", "swarm"] as const) {
        const of = (r: MatchResult) => r.teams.find((t) => t.team === team)!;
        expect(of(bad).againstAutopilot!, `${name} ${team}`).toBeLessThan(of(idle).againstAutopilot!);
        const gap = of(good).againstAutopilot! - of(idle).againstAutopilot!;
        if (sc.failures.length === 0) {
          // Where nothing fails, insurance (a seed's own backup) costs a little and buys nothing.
          expect(gap, `${name} ${team}: engaged against idle`).toBeGreaterThanOrEqual(-2);
          continue;
        }
        // Every failure scenario has a response a student can make (at least its security hole), and
        // the autopilot (100) lies between the idle class and the engaged one.
        expect(gap, `${name} ${team}: engaged beats idle by 10`).toBeGreaterThanOrEqual(10);
        expect(of(idle).againstAutopilot!, `${name} ${team}: idle below the autopilot`).toBeLessThan(100);
        // At most 3 points under it: in a regional outage the swarm's protocol beats this class's
        // routers by 0–3 points (students wait for the dark region's destinations, the protocol drops
        // what it cannot reach).
        expect(
          of(good).againstAutopilot!,
          `${name} ${team}: engaged about the autopilot or above`,
        ).toBeGreaterThanOrEqual(97);
      }
    });
  }

  for (const [name, base] of Object.entries(BUILT_IN_SCENARIOS)) {
    if (name === "district" || base.failures.length === 0) continue;
    it(`${name}: an engaged class wins the competition against an idle one, either team, seeds 1..${SEEDS}`, () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const sc = { ...base, seed };
        const par = parOf(runMatch(createMatch(sc)));
        for (const [engaged, idle] of [
          ["hub", "swarm"],
          ["swarm", "hub"],
        ] as const) {
          const r = playClasses(sc, { [engaged]: "engaged", [idle]: "idle" }, par);
          expect(competitionWinner(r.teams), `${name} seed ${seed}: ${engaged} engaged`).toBe(engaged);
        }
      }
    });
  }
});
