/**
 * The learner's progress on the ladder, kept in this browser (localStorage): the best stars of every
 * level played. What is read back is validated: a corrupt or hand-edited entry is ignored, never
 * trusted, and never crashes the page.
 */
import { z } from "zod";
import { LEVELS, type LevelOutcome, passed, STAR_PARTS, type Stars } from "../../../shared/index";

const KEY = "hub-swarm:levels";
const starCount = z.number().int().min(0).max(3).nullable(); // null: a part the level does not test
const starsSchema = z.object({ speed: starCount, cost: starCount, survival: starCount });
const progressSchema = z.object({
  version: z.literal(1),
  /** Best stars per level id (each part's best, possibly from different attempts). */
  best: z.record(z.string(), starsSchema),
});
export type Progress = z.infer<typeof progressSchema>;

const empty = (): Progress => ({ version: 1, best: {} });

export function loadProgress(): Progress {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return empty();
    const parsed = progressSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return empty();
    // Only levels that still exist count.
    const best: Progress["best"] = {};
    for (const l of LEVELS) if (parsed.data.best[l.id]) best[l.id] = parsed.data.best[l.id]!;
    return { version: 1, best };
  } catch {
    return empty(); // unreadable JSON, or storage switched off
  }
}

function save(progress: Progress): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(progress));
  } catch {
    // Storage full or switched off: the game still plays, it just won't remember.
  }
}

/** Keeps each part's best stars; returns the progress as saved. */
export function recordOutcome(outcome: LevelOutcome): Progress {
  const progress = loadProgress();
  const before = progress.best[outcome.id];
  const best = { ...outcome.stars };
  if (before)
    for (const p of STAR_PARTS) {
      const a = before[p];
      const b = best[p];
      best[p] = a === null ? b : b === null ? a : Math.max(a, b);
    }
  progress.best[outcome.id] = best;
  save(progress);
  return progress;
}

export function resetProgress(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing saved, nothing to forget
  }
}

/** Ids of the levels passed (a star in every part, counting each part's best). */
export function passedIds(progress: Progress): Set<string> {
  return new Set(Object.entries(progress.best).flatMap(([id, s]) => (passed(s as Stars) ? [id] : [])));
}
