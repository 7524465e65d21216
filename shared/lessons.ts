/**
 * Checking a scenario's stated lesson against play: run it with bots in every seat (versus) and
 * measure how far the architecture the lesson names is ahead, in points on the measure it names.
 * `npm run lessons` and the tests call these. Pure: a function of the scenario and the seed.
 */
import { createMatch, runMatch } from "./match";
import { matchResult, parOf, type TeamResult } from "./results";
import type { LessonClaim, LessonMeasure, Scenario } from "./scenario";
import type { Architecture } from "./types";

/**
 * A team's standing on a measure, 0–100, higher is better. Score parts are the scores themselves; the
 * data measures are the share of the data that came through unharmed, in per cent:
 * lost = items that still exist, corrupt = delivered chunks that were clean, leaked = data packets that
 * were not copied. `items` is the scenario's number of items.
 */
export function measureOf(team: TeamResult, measure: LessonMeasure, items: number): number {
  switch (measure) {
    case "total":
    case "speed":
    case "cost":
      return team.scores[measure];
    case "survival":
      return team.scores.survival ?? 100; // no failure reached this team: nothing of it was harmed
    case "lost":
      return 100 * (1 - team.lostItems.length / Math.max(1, items));
    case "corrupt":
      return 100 * (1 - team.corruptDeliveries / Math.max(1, team.chunksDelivered));
    case "leaked":
      return 100 * (1 - team.leakedPackets / Math.max(1, team.dataPackets));
  }
}

export interface LessonRun {
  seed: number;
  hub: number;
  swarm: number;
  /** How far the lesson's architecture is ahead, in points (negative: behind). */
  margin: number;
  totals: Record<Architecture, number>;
}

/** One versus run of a scenario on a seed, bots in every seat, measured against its lesson. */
export function runLesson(scenario: Scenario, lesson: LessonClaim, seed: number): LessonRun {
  const m = runMatch(createMatch({ ...scenario, topology: "versus", seed }));
  // The par match is exactly this all-bot versus run: measure par from it rather than run it twice.
  const result = matchResult(m, parOf(m));
  const team = (a: Architecture) => result.teams.find((t) => t.team === a)!;
  const items = scenario.workload.items;
  const hub = measureOf(team("hub"), lesson.measure, items);
  const swarm = measureOf(team("swarm"), lesson.measure, items);
  return {
    seed,
    hub,
    swarm,
    margin: lesson.ahead === "hub" ? hub - swarm : swarm - hub,
    totals: { hub: team("hub").scores.total, swarm: team("swarm").scores.total },
  };
}

export interface LessonCheck {
  runs: LessonRun[];
  meanMargin: number;
  minMargin: number;
  /** The lesson's architecture is ahead by at least the stated margin on every seed. */
  holds: boolean;
}

/** Runs a scenario's lesson on seeds 1..seeds. */
export function checkLesson(scenario: Scenario, lesson: LessonClaim, seeds: number): LessonCheck {
  const runs: LessonRun[] = [];
  for (let seed = 1; seed <= seeds; seed++) runs.push(runLesson(scenario, lesson, seed));
  const margins = runs.map((r) => r.margin);
  const minMargin = Math.min(...margins);
  return {
    runs,
    meanMargin: margins.reduce((a, b) => a + b, 0) / margins.length,
    minMargin,
    holds: minMargin >= lesson.margin,
  };
}
