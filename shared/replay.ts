/**
 * Replaying a match from its scenario (seed included) and its record: the decisions of players and
 * the host, in the order they took effect. Bots decide again as they did, so the replay reaches the
 * same state hash at every tick.
 */
import { z } from "zod";
import { intentSchema } from "./intents";
import { applyNow, createMatch, stepMatch } from "./match";
import type { Scenario } from "./scenario";
import type { Architecture, Match, RecordedIntent } from "./types";

/** One recorded decision, as a stored match carries it (`result.intents`): checked at the edge. */
export const recordedIntentSchema = z
  .object({
    tick: z.number().int().min(0),
    actor: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("player"), id: z.string().min(1) }).strict(),
      z.object({ kind: z.literal("host") }).strict(),
    ]),
    intent: intentSchema,
    now: z.literal(true).optional(),
  })
  .strict();

/** A match's record: decisions in the order they took effect, so never going back in time. */
export const matchRecordSchema = z.array(recordedIntentSchema).superRefine((record, ctx) => {
  for (let i = 1; i < record.length; i++)
    if (record[i]!.tick < record[i - 1]!.tick)
      ctx.addIssue({ code: "custom", path: [i, "tick"], message: "goes back in time" });
});

/** Plays `scenario` with `record` to the tick the record's match reached (`ticks`), or to its end. */
export function replayMatch(
  scenario: Scenario,
  record: readonly RecordedIntent[],
  options: { teams?: Architecture[]; ticks?: number } = {},
): Match {
  const m = createMatch(scenario, options.teams ? { teams: options.teams } : {});
  let i = 0;
  const until = options.ticks ?? Number.POSITIVE_INFINITY;
  while (!m.ended && m.tick < until) {
    // Between ticks: what was applied at once, then what waited for this tick's queue (after the
    // bots' decisions of the tick before, as it did).
    while (i < record.length && record[i]!.tick === m.tick && record[i]!.now) {
      const r = record[i++]!;
      applyNow(m, r.actor, r.intent);
    }
    while (i < record.length && record[i]!.tick === m.tick && !record[i]!.now) {
      const r = record[i++]!;
      m.queued.push({ actor: r.actor, intent: r.intent });
    }
    stepMatch(m);
  }
  return m;
}
