/**
 * The moments of a stored match that a replay viewer jumps to: each failure, each player's own
 * decisions, and the debrief's line for the moment on screen. Pure: read from the stored result and
 * record, nothing replayed.
 */
import { TICKS_PER_SECOND } from "./constants";
import type { Lesson } from "./debrief";
import type { GameEvent } from "./events";
import type { NodeIntent } from "./intents";
import type { MatchResult } from "./results";
import type { Architecture, RecordedIntent } from "./types";

export interface FailureMoment {
  /** The tick it started and the tick it ended (its start, when it has no length). */
  tick: number;
  endTick: number;
  kind: string;
  /**
   * What it hit, per team (the hub's server and the swarm's seed are different machines): its event,
   * or a result stored before events were codes, its words (events.ts failureWords reads both).
   */
  notes: { team: Architecture; event?: GameEvent; note?: string }[];
}

export interface DecisionMoment {
  tick: number;
  /** The player's id in the record. */
  player: string;
  intent: NodeIntent;
}

/** Each failure once (both teams' records of it together), in the order they started. */
export function failureMoments(result: MatchResult): FailureMoment[] {
  const byKey = new Map<string, FailureMoment>();
  for (const team of result.teams)
    for (const f of team.failures) {
      const key = `${f.kind}@${f.startSecond}`;
      let m = byKey.get(key);
      if (!m) {
        m = {
          tick: Math.round(f.startSecond * TICKS_PER_SECOND),
          endTick: Math.round(Math.max(f.startSecond, f.endSecond) * TICKS_PER_SECOND),
          kind: f.kind,
          notes: [],
        };
        byKey.set(key, m);
      }
      m.notes.push({ team: team.team, event: f.event, note: f.note });
    }
  return [...byKey.values()].sort((a, b) => a.tick - b.tick);
}

/**
 * Each player's own decisions, in order, by player id. Hand-overs to the autopilot are left out: the
 * room makes them when a connection drops, they are not a choice on the screen.
 */
export function playerDecisions(record: readonly RecordedIntent[]): Map<string, DecisionMoment[]> {
  const byPlayer = new Map<string, DecisionMoment[]>();
  for (const r of record) {
    if (r.actor.kind !== "player" || r.intent.type === "autopilot" || !("node" in r.intent)) continue;
    const list = byPlayer.get(r.actor.id) ?? [];
    list.push({ tick: r.tick, player: r.actor.id, intent: r.intent as NodeIntent });
    byPlayer.set(r.actor.id, list);
  }
  return byPlayer;
}

/**
 * The debrief's line for a moment of the match: the lesson of the latest failure started by `second`
 * (null before the first failure, or when the debrief tied no lesson to a failure).
 */
export function lessonAt(lessons: readonly Lesson[], second: number): Lesson | null {
  let found: Lesson | null = null;
  for (const l of lessons)
    if (l.second !== undefined && l.second <= second && (!found || l.second >= found.second!)) found = l;
  return found;
}
