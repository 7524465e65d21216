/** The ladder as the game offers it: every level with its place, found by id, unlocked in order. */
import type { LevelInfo, LevelScenario } from "../levels";
import { LEVEL_SCENARIOS } from "./ladder";

export const LEVELS: readonly LevelInfo[] = Object.entries(LEVEL_SCENARIOS).map(([id, scenario], i) => {
  if (!scenario.level) throw new Error(`level ${id} has no level block`);
  return { id, number: i + 1, scenario: scenario as LevelScenario };
});

export function findLevel(id: string): LevelInfo | null {
  return LEVELS.find((l) => l.id === id) ?? null;
}

/** The ladder opens one level at a time: level 1 always, each next one once the one before is passed. */
export function isUnlocked(info: LevelInfo, passedIds: ReadonlySet<string>): boolean {
  const before = LEVELS[info.number - 2];
  return !before || passedIds.has(before.id);
}
