/**
 * Every built-in scenario states its lesson (`lesson` block), and the lesson is checked against play:
 * bots in every seat, versus, a few seeds here (`npm run lessons` runs 20, and every lesson holds on
 * all of them).
 */
import { describe, expect, it } from "vitest";
import {
  BUILT_IN_SCENARIOS,
  checkLesson,
  measureOf,
  parseScenario,
  type TeamResult,
} from "../../shared/index";

/** Seeds per lesson in `npm test`; district is left to `npm run lessons` (it is ten times bigger). */
const SEEDS = 3;

describe("stated lessons", () => {
  it("every built-in scenario states a lesson with a margin of at least 10 points", () => {
    for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
      expect(sc.lesson, name).toBeDefined();
      expect(sc.lesson!.margin, name).toBeGreaterThanOrEqual(10);
      expect(sc.lesson!.claim.length, name).toBeLessThanOrEqual(200);
    }
  });

  it("a lesson block is validated field by field", () => {
    const doc = JSON.parse(JSON.stringify(BUILT_IN_SCENARIOS.calm));
    doc.lesson = { claim: "", ahead: "cloud", measure: "fun", margin: -1, extra: 1 };
    const r = parseScenario(doc);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toContain("lesson.claim: must not be empty");
    expect(errors).toContain("lesson.ahead: must be hub or swarm");
    expect(errors.some((e) => e.startsWith("lesson.measure: must be one of total, speed"))).toBe(true);
    expect(errors).toContain("lesson.margin: must be 0 or more points");
    expect(errors).toContain('lesson: unknown field "extra"');
    delete doc.lesson;
    expect(parseScenario(doc).ok).toBe(true); // optional for teachers' scenarios
  });

  it("measures the data as the share that came through unharmed", () => {
    const team = {
      scores: { speed: 70, cost: 40, survival: 55, total: 60 },
      lostItems: [1, 2, 3],
      corruptDeliveries: 25,
      chunksDelivered: 100,
      leakedPackets: 10,
      dataPackets: 200,
    } as unknown as TeamResult;
    expect(measureOf(team, "survival", 12)).toBe(55);
    expect(measureOf(team, "lost", 12)).toBe(75);
    expect(measureOf(team, "corrupt", 12)).toBe(75);
    expect(measureOf(team, "leaked", 12)).toBe(95);
  });

  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    if (name === "district") continue;
    it(`${name}: ${sc.lesson!.ahead} ahead on ${sc.lesson!.measure} on seeds 1..${SEEDS}`, () => {
      const check = checkLesson(sc, sc.lesson!, SEEDS);
      expect(check.minMargin).toBeGreaterThanOrEqual(sc.lesson!.margin);
    });
  }
});
