/**
 * Scripted classes (classes.ts) through the competition: sabotage never pays, neither for the team
 * nor for the saboteurs' own points. (`npm run bench:classes` prints the whole table.)
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS, createMatch, type MatchResult, parOf, runMatch } from "../../shared/index";
import { playClasses } from "./classes";

const points = (r: MatchResult, team: string) =>
  r.players.filter((p) => p.team === team && p.holder).reduce((n, p) => n + p.points, 0);

describe("scripted classes", () => {
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    if (name === "district") continue;
    it(`${name}: saboteurs score below an idle class, team and points alike`, () => {
      const par = parOf(runMatch(createMatch(sc)));
      for (const team of ["hub", "swarm"] as const) {
        const idle = playClasses(sc, { [team]: "idle" }, par);
        const bad = playClasses(sc, { [team]: "saboteur" }, par);
        const of = (r: MatchResult) => r.teams.find((t) => t.team === team)!;
        expect(of(bad).againstAutopilot!, `${name} ${team}`).toBeLessThan(of(idle).againstAutopilot!);
        expect(points(bad, team), `${name} ${team} points`).toBeLessThanOrEqual(points(idle, team));
      }
    });
  }
});
