/**
 * The workload model, one for both architectures: which items each user wants, when, and the direct
 * messages users send each other. It depends only on the scenario (seed and workload), never on the
 * world, so a hub user and the swarm user in the same slot want exactly the same things.
 */
import { TICKS_PER_SECOND } from "./constants";
import { createRng, nextInt } from "./random";
import type { Scenario } from "./scenario";
import type { UserState } from "./types";

/** Item wants and first-want tick for user slot `slot` of `count`. */
export function wantsFor(
  scenario: Scenario,
  slot: number,
  count: number,
  stream = "wants",
): { wants: number[]; from: number } {
  const w = scenario.workload;
  const rng = createRng(scenario.seed, `${stream}:${slot}`);
  const wants: number[] = [];
  // Distinct items in a seeded order: a user never wants what it already has, in either world.
  const catalogue = Array.from({ length: w.items }, (_, i) => i);
  for (let i = 0; i < w.itemsPerUser; i++)
    wants.push(catalogue.splice(nextInt(rng, catalogue.length), 1)[0]!);
  const ramp = Math.round(w.rampUp * TICKS_PER_SECOND);
  const from = count <= 1 ? 0 : Math.floor((ramp * slot) / count) + nextInt(rng, TICKS_PER_SECOND);
  return { wants, from };
}

/** Sets a user's wants; the user becomes active at tick `from`. */
export function assignWants(
  user: UserState,
  wants: number[],
  from: number,
  messageEveryTicks: number,
  slot: number,
): void {
  user.wants = wants;
  user.current = 0;
  user.wantFrom = from;
  user.got = 0;
  user.gotCorrupt = 0;
  user.lastProgress = from;
  user.requestedAt = -1;
  user.nextMessageAt =
    messageEveryTicks > 0 ? from + ((slot * 7) % messageEveryTicks) + messageEveryTicks : -1;
}

/** Ticks between two messages of one user; 0 when the workload has none. */
export function messageInterval(scenario: Scenario): number {
  const m = scenario.workload.messagesPerMinute;
  return m > 0 ? Math.max(1, Math.round((60 * TICKS_PER_SECOND) / m)) : 0;
}

/** Who user `slot` writes its k-th message to: a fixed pattern, the same in both worlds. */
export function messageTarget(slot: number, k: number, users: number): number {
  if (users < 2) return -1;
  const offset = 1 + ((slot * 5 + k * 3) % (users - 1));
  return (slot + offset) % users;
}

/** The item the user wants now, or -1 when idle or done. */
export function currentWant(user: UserState, tick: number): number {
  if (user.current >= user.wants.length || tick < user.wantFrom) return -1;
  return user.wants[user.current]!;
}

/**
 * Marks the current item complete and schedules the next want after the think time. A corrupt copy
 * is not a finished item: the user moves on (it does not know yet), but no completion time counts.
 */
export function completeWant(user: UserState, tick: number, thinkTicks: number, clean = true): void {
  if (clean) {
    user.completionTicks.push(tick - user.wantFrom);
    user.completed++;
  }
  user.current++;
  user.got = 0;
  user.gotCorrupt = 0;
  user.redo = 0;
  user.wantFrom = tick + thinkTicks;
  user.lastProgress = user.wantFrom;
  user.requestedAt = -1;
}
