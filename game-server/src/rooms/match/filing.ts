/**
 * Filing a round: its record (results with players' nicknames, every decision that took effect, the
 * state hashes, the events) and the writes that keep it, a checkpoint every few seconds while it runs
 * and the results once it is over, retried while the database does not take them.
 */
import { type Match, type MatchResult, matchResult, type Par, type TickHash } from "../../../../shared/index";
import { services } from "../../app/services";
import type { MatchRecord } from "../../db/match-store";
import { log } from "../../ops/log";
import { errorLine } from "./messages";

/**
 * Seconds of play between checkpoints: a running round is stored as "interrupted" this often, so a
 * server that dies without warning (kill -9, a power cut) loses at most these seconds of the record.
 */
export const CHECKPOINT_SECONDS = 5;
/** Pauses between tries of results the database did not take: 5 s, doubling up to a minute. */
const RETRY_FIRST_MS = 5000;
const RETRY_MAX_MS = 60_000;

/** Where a round is filed: under the class's host key (none for solo games), with the saved scenario's code. */
export interface FiledUnder {
  hostKey: string | null;
  scenarioCode: string | null;
  mode: MatchRecord["mode"];
}

/** The match's result as it stands, with players' nicknames instead of session ids. */
export function namedResult(
  match: Match,
  par: Par,
  nicknames: Map<string, string>,
  twin?: Match,
  points?: ReadonlyMap<string, number>,
): MatchResult {
  const result = matchResult(match, par, twin, points);
  for (const p of result.players) if (p.holder) p.holder = nicknames.get(p.holder) ?? p.holder;
  return result;
}

/** A round's record as it stands. */
export function matchRecord(round: {
  id: string;
  under: FiledUnder;
  roomCode: string;
  match: Match;
  status: MatchRecord["status"];
  result: MatchResult;
  hashes: readonly TickHash[];
  /** Every player seated in the round, by player id. */
  names: Map<string, string>;
}): MatchRecord {
  const { match } = round;
  return {
    id: round.id,
    ...round.under,
    roomCode: round.roomCode,
    scenario: match.scenario,
    status: round.status,
    // Stored with every decision that took effect: scenario, seed and these replay the round.
    result: {
      ...round.result,
      intents: match.record.slice(),
      hashes: round.hashes.slice(),
      names: Object.fromEntries(round.names),
    },
    events: match.log
      .filter((e) => e.event.code !== "refused")
      .map((e) => ({ tick: e.tick, team: e.team, event: e.event })),
  };
}

/** The room a round is filed for: its id for the log, and who is still in it. */
export interface FilingRoom {
  readonly roomId: string;
  readonly clients: { readonly length: number };
}

/**
 * One round's writes, one after another, so a late checkpoint never lands after the final one. A
 * write that fails is logged, never thrown.
 */
export class Filing {
  /** The final write, once started (finished, or interrupted by a shutdown). */
  private final: Promise<void> | null = null;
  private writes: Promise<void> = Promise.resolve();
  private writing = false;

  /**
   * @param record the round's record as it stands now
   * @param showSaved shows the host whether the results are in: "saving", "saved" or "retrying"
   */
  constructor(
    private readonly room: FilingRoom,
    private readonly record: (status: MatchRecord["status"]) => MatchRecord,
    private readonly showSaved: (saved: "saving" | "saved" | "retrying") => void,
  ) {}

  /** The final write, if it has started. */
  get stored(): Promise<void> | null {
    return this.final;
  }

  /**
   * Files the round's results in the database, once. If the database does not take them (it is down,
   * the disk is full), they wait on disk (db/pending.ts) and are tried again, while anyone is still in
   * the room, with longer and longer pauses; the host sees which ("saved" or "retrying" in the state).
   * After that, or after a restart, the server stores what waits. Never thrown: the class still sees
   * its results on screen.
   */
  storeResults(status: MatchRecord["status"]): Promise<void> {
    this.final ??= this.saveResults(status);
    return this.final;
  }

  /**
   * Stores the round so far as interrupted (what Past classes shows if the process dies now). Skipped
   * while an earlier write is still under way: a slow database gets fewer checkpoints, not a queue.
   */
  checkpoint(): void {
    if (this.final || this.writing) return;
    void this.write(this.record("interrupted"), "checkpoint");
  }

  private async saveResults(status: MatchRecord["status"]): Promise<void> {
    const record = this.record(status);
    this.showSaved("saving");
    let kept = false;
    for (let pause = RETRY_FIRST_MS; ; pause = Math.min(2 * pause, RETRY_MAX_MS)) {
      if (await this.write(record, "results")) {
        this.showSaved("saved");
        if (kept)
          await services()
            .pending.remove(record.id)
            .catch(() => undefined);
        return;
      }
      this.showSaved("retrying");
      if (!kept) {
        kept = true;
        await services()
          .pending.add(record)
          .catch((e: unknown) =>
            log.error(`room ${this.room.roomId}: results not kept on disk: ${errorLine(e)}`),
          );
      }
      if (services().shuttingDown || this.room.clients.length === 0) return; // the server's drain takes over
      await new Promise((r) => setTimeout(r, pause).unref());
    }
  }

  /** Queues one write behind any earlier one; true when it was stored. A failure is logged, never thrown. */
  private write(record: MatchRecord, what: "results" | "checkpoint"): Promise<boolean> {
    this.writing = true;
    const done = this.writes
      .then(() => services().store.matches.record(record))
      .then(
        () => {
          if (what === "results") log.info(`room ${this.room.roomId}: results stored (${record.status})`);
          return true;
        },
        (e: unknown) => {
          log.error(`room ${this.room.roomId}: ${what} not stored: ${errorLine(e)}`);
          return false;
        },
      );
    const settled = done.then(() => {
      if (this.writes === settled) this.writing = false; // nothing queued behind this one
    });
    this.writes = settled;
    return done;
  }
}
