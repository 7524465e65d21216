/**
 * Replaying a match from its scenario (seed included) and its record: the decisions of players and
 * the host, in the order they took effect. Bots decide again as they did, so the replay reaches the
 * same state hash at every tick.
 *
 * How a record replays (the contract with the room that wrote it): at each tick, first what was
 * applied at once between the previous step and this one (`now`: seats, a player away, time added,
 * pause and resume), in order; then what waited in the tick's queue; then one step. A room never
 * steps while its match is paused, so a pause and its resume are two decisions at the same tick.
 * Pure: no clocks, no randomness beyond the match's own PRNG.
 */
import { z } from "zod";
import { intentSchema } from "./intents";
import { applyNow, createMatch, stepMatch } from "./match";
import type { Scenario } from "./scenario";
import type { Architecture, Match, RecordedIntent } from "./types";

/**
 * Ticks between the state hashes a room stores with its match (every 5 s of play), so a replay that
 * goes wrong is caught at the first such tick, not only at the end.
 */
export const HASH_EVERY_TICKS = 50;
/**
 * Where in those 50 ticks the hash is taken: tick 7, 57, 107, … On a big network hashing costs a
 * millisecond or two, and so do the per-second ticks (scores and link loads, every 10th), the private
 * views (every 10th, at 5), the checkpoints (every 50th) and the routing rounds (every 40th): on its
 * own tick the hash adds to none of them. A replay checks the ticks a match stored, whatever they are.
 */
export const HASH_TICK_OFFSET = 7;

/** Whether a room takes the state hash after this tick's step. */
export function hashDue(tick: number): boolean {
  return tick % HASH_EVERY_TICKS === HASH_TICK_OFFSET;
}

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

/** The state hash a room took right after one of its steps (`result.hashes`). */
export interface TickHash {
  tick: number;
  hash: string;
}

/** Stored hashes, checked at the edge: ticks in increasing order, 8 hex digits each. */
export const tickHashesSchema = z
  .array(z.object({ tick: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{8}$/) }).strict())
  .superRefine((hashes, ctx) => {
    for (let i = 1; i < hashes.length; i++)
      if (hashes[i]!.tick <= hashes[i - 1]!.tick)
        ctx.addIssue({ code: "custom", path: [i, "tick"], message: "must come after the one before" });
  });

/** A replay under way: the match as far as it has been played, and the next decision to apply. */
export interface Replay {
  match: Match;
  record: readonly RecordedIntent[];
  next: number;
}

/**
 * A replay at its first tick. `rules`: the rules the match was played under (a stored result's
 * `rules`; absent there: 1, constants.ts rulesOf).
 */
export function startReplay(
  scenario: Scenario,
  record: readonly RecordedIntent[],
  options: { teams?: Architecture[]; rules?: number } = {},
): Replay {
  const { teams, rules } = options;
  return {
    match: createMatch(scenario, { ...(teams && { teams }), ...(rules && { rules }) }),
    record,
    next: 0,
  };
}

/** Applies the decisions taken at once at the current tick (before its step, or the match was stored). */
export function settleReplay(replay: Replay): void {
  const { match: m, record } = replay;
  while (replay.next < record.length && record[replay.next]!.tick === m.tick && record[replay.next]!.now) {
    const r = record[replay.next++]!;
    applyNow(m, r.actor, r.intent);
  }
}

/**
 * Plays one tick as it was played: decisions taken at once, then the tick's queue (after the bots'
 * decisions of the tick before, as it did), then the step. False when the match cannot go on: it
 * has ended, or the record leaves it paused.
 */
export function stepReplay(replay: Replay): boolean {
  const { match: m, record } = replay;
  if (m.ended) return false;
  settleReplay(replay);
  while (replay.next < record.length && record[replay.next]!.tick === m.tick && !record[replay.next]!.now) {
    const r = record[replay.next++]!;
    m.queued.push({ actor: r.actor, intent: r.intent });
  }
  const before = m.tick;
  stepMatch(m);
  return m.tick !== before || m.ended;
}

/**
 * Plays `scenario` with `record` to the tick the record's match reached (`ticks`), or to its end.
 * `afterStep` sees the match after every step, where a room takes its stored hashes.
 */
export function replayMatch(
  scenario: Scenario,
  record: readonly RecordedIntent[],
  options: {
    teams?: Architecture[];
    rules?: number;
    ticks?: number;
    afterStep?: (match: Match) => void;
  } = {},
): Match {
  const replay = startReplay(scenario, record, options);
  const m = replay.match;
  const until = options.ticks ?? Number.POSITIVE_INFINITY;
  while (!m.ended && m.tick < until) {
    if (!stepReplay(replay)) break;
    options.afterStep?.(m);
  }
  // An interrupted match was stored after its last step: with what was decided at once since.
  if (!m.ended) settleReplay(replay);
  return m;
}
