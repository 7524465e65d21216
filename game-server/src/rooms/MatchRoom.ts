/**
 * What classroom and solo rooms share: a thin adapter over the simulation. The room validates every
 * message (match/messages.ts: schema, host key, seat, rate), queues intents for the next tick, steps
 * the simulation at 10 ticks per second and projects the result into state. Order inside a tick:
 *
 *   1. stepMatch (applies the intents queued since the last tick, then simulates; see shared/match.ts);
 *      every HASH_EVERY_TICKS ticks (hashDue) the state hash, stored with the match for its replay
 *   2. project into state, patched to clients every 100 ms (one patch per tick); each packet's link
 *      crossing goes out once, packed with its enter and arrive ticks
 *   3. banners for what happened, private "you" views once per second (match/private-view.ts)
 *   4. every few seconds a checkpoint of the record; at the end of the round: results, kept until the
 *      room closes and filed once (match/filing.ts)
 *
 * The room changes the match only through decisions, validated and recorded (shared/replay.ts): a
 * seat taken or given back, a player away and back (match/seats.ts), time added, pause and resume
 * (match/host-commands.ts) are applied at once between two ticks; the host's failures, the end and
 * players' decisions wait for the next tick. No step runs while the match is paused.
 *
 * Joins and leaves change the match at once but reach state at the next patch, one projection for all
 * of them; in a crowd, joiners share one full-state encoding just before that patch (match/delivery.ts).
 *
 * An exception inside a tick stops this room only: it is logged, clients are told, others carry on.
 */
import { randomBytes } from "node:crypto";
import { type Client, Room, ServerError } from "@colyseus/core";
import {
  applyNow,
  autopilotTwin,
  type Banner,
  brokenRule,
  C2S,
  CLOSE,
  clearTransits,
  createMatch,
  ERROR,
  type HostAction,
  hashDue,
  hostActionSchema,
  initTeams,
  intentMessageSchema,
  isDecision,
  LiveStanding,
  type Match,
  type MatchResult,
  newProjection,
  type Par,
  pingSchema,
  projectMatch,
  type Refusal,
  ROOM_ERROR,
  refusal,
  S2C,
  type Scenario,
  type Seat,
  stateHash,
  stepMatch,
  submitIntent,
  TICKS_PER_SECOND,
  type TickHash,
} from "../../../shared/index";
import { countPoints, runInSlices } from "../app/headless";
import { parFor } from "../app/scenarios";
import { services } from "../app/services";
import type { MatchRecord } from "../db/match-store";
import { log } from "../ops/log";
import { recordSim, recordTick, recordTwin } from "../ops/metrics";
import { Delivery } from "./match/delivery";
import { timeEncoding } from "./match/encoding-time";
import { CHECKPOINT_SECONDS, type FiledUnder, Filing, matchRecord, namedResult } from "./match/filing";
import { isRoundCommand, runHostCommand } from "./match/host-commands";
import {
  type ClientData,
  dataOf,
  errorLine,
  handleMessage,
  newClientData,
  refuseOtherTypes,
  refuseWith,
} from "./match/messages";
import { sendPrivateViews } from "./match/private-view";
import { Seats } from "./match/seats";
import { holdRoom } from "./registry";
import { MatchState, SCHEMA_VIEWS } from "./schema";

export { CHECKPOINT_SECONDS } from "./match/filing";
export { MESSAGE_BURST, MESSAGES_PER_SECOND } from "./match/messages";

/** Seconds a dropped student has to come back to the same node. */
export const RECONNECT_SECONDS = 60;
/** Milliseconds between simulation ticks (10 per second) and between patches. */
const TICK_MS = 1000 / TICKS_PER_SECOND;
/**
 * How long a shutdown waits for a finished round's comparison with its autopilot and its players'
 * points (a class of 30 takes a few seconds) before filing the results as they stand. Within the
 * process's own limit (main.ts), with time left to write them.
 */
const RESULTS_AT_SHUTDOWN_MS = 8_000;
/**
 * Networks up to this many nodes step their autopilot twin (the live standing) in the room's tick:
 * every classroom map, at thousands of times real time. Larger ones (`district`, up to
 * LIVE_STANDING_NODES) step it just after the tick: in the tick, the room of 400 on `district` read
 * tick p99 7.3 ms against its budget of 5.
 */
const TWIN_IN_TICK_NODES = 300;

export abstract class MatchRoom extends Room<MatchState> {
  override state = new MatchState();
  protected match!: Match;
  protected par!: Par;
  protected results: MatchResult | null = null;
  /** Who sits where (set up with the match). */
  private seats!: Seats;
  private readonly projection = newProjection(SCHEMA_VIEWS);
  /** Which teams each client sees, and when joiners get their full state (match/delivery.ts). */
  private readonly delivery = new Delivery(() => this.tickMs);
  private logSeen = 0;
  /** How much of the match's record has been counted into players' decisions. */
  private recordSeen = 0;
  /** The state hash every HASH_EVERY_TICKS ticks (hashDue), stored with the match for its replay to check. */
  private readonly hashes: TickHash[] = [];
  private breakNextTick = false;
  private simMs = 0;
  /** Milliseconds the state encoder ran during the current patch (see encoding-time.ts). */
  private encodeMs = 0;
  /** Seats changed since the last projection: projected before the next patch. */
  private projectionDue = false;

  /** How this room's results are filed: under the class's host key, with the saved scenario's code. */
  protected filing: FiledUnder = { hostKey: null, scenarioCode: null, mode: "solo" };
  /** The stored match's id: one round, one row, however many times finish is reached. */
  readonly matchId = randomBytes(9).toString("base64url");
  /** The round's writes: checkpoints while it runs, its results once it is over. */
  private readonly filed = new Filing(
    this,
    (status) => this.record(status),
    (saved) => {
      this.state.saved = saved;
    },
  );
  /** The round has ended and its results are being made (see finish). */
  private ending = false;
  /** Settles once the ended round's results and points are out (see finish). */
  private completed: Promise<void> = Promise.resolve();
  /** A checkpoint waits for the twin's step after this tick (followTwinSoon). */
  private checkpointDue = false;
  /** Whether the live standing's twin steps in the tick (a classroom map) or after it (followTwinSoon). */
  private twinInTick = true;
  /** Classrooms compare each team with its autopilot twin; a solo level counts stars instead. */
  protected readonly comparesWithAutopilot: boolean = false;

  /** Sets up the match for a scenario (par measured first) and registers the message handlers. */
  protected async setupMatch(scenario: Scenario): Promise<void> {
    this.par = await parFor(scenario);
    this.match = createMatch(scenario);
    this.match.recordTransits = true;
    // A classroom's twin plays alongside, for the live standing: in its tick, or on a school-sized
    // network between ticks (TWIN_IN_TICK_NODES).
    if (this.comparesWithAutopilot && LiveStanding.fits(this.match)) {
      this.projection.standing = new LiveStanding(this.match);
      this.twinInTick = LiveStanding.nodes(this.match) <= TWIN_IN_TICK_NODES;
    }
    this.seats = new Seats(this.match, this.state.players, () => this.projectSoon());
    timeEncoding(this, (ms) => {
      this.encodeMs += ms;
    });
    holdRoom(this);
    this.setPatchRate(this.tickMs);
    this.state.scenario = scenario.name;
    this.state.description = scenario.description;
    this.state.ticksPerSecond = TICKS_PER_SECOND;
    this.state.items = scenario.workload.items;
    initTeams(this.state, this.match, SCHEMA_VIEWS);
    this.delivery.makeViews(this.state);
    this.project();
    handleMessage(this, C2S.intent, (client, raw) => this.handleIntent(client, raw));
    handleMessage(this, C2S.host, (client, raw) => this.handleHost(client, raw));
    handleMessage(this, C2S.ping, (client, raw) => {
      const ping = pingSchema.safeParse(raw);
      if (!ping.success) return refuseWith(client, ERROR.malformed, refusal("bad-ping"));
      client.send(S2C.pong, { t: ping.data.t, tick: this.match.tick, clients: this.clients.length });
    });
    if (process.env.HUB_SWARM_TEST_HOOKS === "1") {
      // Test seam, off unless the environment turns it on: makes this room's next tick throw.
      handleMessage(this, "__test:break-tick", (client) => {
        if (this.data(client)?.host) this.breakNextTick = true;
      });
    }
    refuseOtherTypes(this);
  }

  /**
   * The boundary below the handlers: Colyseus decodes a frame's type and payload before any handler
   * runs, and what it throws there would otherwise end the process. A frame that cannot be read
   * closes only the connection that sent it.
   */
  protected override _onMessage(client: Parameters<Room["_onMessage"]>[0], buffer: Buffer): void {
    try {
      super._onMessage(client, buffer);
    } catch (error) {
      log.warn(`room ${this.roomId}: unreadable message: ${errorLine(error)}`);
      client.leave(CLOSE.malformed);
    }
  }

  /** Colyseus's own net for the room's lifecycle and timers: one line, never the process. */
  override onUncaughtException(error: Error, method: string): void {
    const cause = (error as { cause?: unknown }).cause ?? error;
    if (cause instanceof ServerError) return; // a refusal on purpose (onCreate, onAuth): the caller is told
    log.error(`room ${this.roomId}: ${method} failed: ${errorLine(cause)}`);
  }

  /** Writes this room's listing again (Redis restarted without it; see registry.ts). */
  async register(): Promise<void> {
    await this.listing.save();
  }

  /** Real milliseconds between ticks: a tenth of a second of game time, unless tests speed it up. */
  private get tickMs(): number {
    return TICK_MS / services().timeScale;
  }

  /** Shows a client one team's packets (a student's own team), or every team's (null: host, watchers). */
  protected watch(client: Client, team: string | null): void {
    this.delivery.watch(client, team);
  }

  protected data(client: Client): ClientData {
    return dataOf(client);
  }

  protected newClientData(player: string, host: boolean, address: string): ClientData {
    return newClientData(player, host, address);
  }

  /** A player's decision for their own node: queued for the next tick, or refused with its code. */
  private handleIntent(client: Client, raw: unknown): void {
    const parsed = intentMessageSchema.safeParse(raw);
    if (!parsed.success) {
      return refuseWith(client, ERROR.malformed, refusal("bad-decision", brokenRule(parsed.error)));
    }
    if (this.state.phase !== "playing") return refuseWith(client, ERROR.phase, refusal("round-not-running"));
    const result = submitIntent(this.match, { kind: "player", id: this.data(client).player }, parsed.data);
    if (!result.ok) return refuseWith(client, ERROR.refused, result.refusal);
    client.send(S2C.ok, { type: parsed.data.type });
  }

  private handleHost(client: Client, raw: unknown): void {
    if (!this.data(client).host) return refuseWith(client, ERROR.notHost, refusal("host-only-action"));
    const parsed = hostActionSchema.safeParse(raw);
    if (!parsed.success)
      return refuseWith(client, ERROR.malformed, refusal("bad-host-action", brokenRule(parsed.error)));
    const problem = this.hostAction(client, parsed.data);
    if (problem) refuseWith(client, ERROR.refused, problem);
    else client.send(S2C.ok, { type: parsed.data.type });
  }

  /** Carries out a host action (match/host-commands.ts); returns why not when it cannot. */
  protected hostAction(_client: Client, action: HostAction): Refusal | null {
    if (!isRoundCommand(action)) return this.classroomAction(action);
    return runHostCommand(
      {
        state: this.state,
        match: this.match,
        startTicking: () => this.setSimulationInterval(() => this.tick(), this.tickMs),
        finish: () => this.finish(),
      },
      action,
    );
  }

  /** Kick, lock and move exist only in classrooms. */
  protected classroomAction(_action: HostAction): Refusal | null {
    return refusal("not-in-this-room");
  }

  /**
   * Seats a player on a bot's node: the one asked for if it is free, otherwise the seat that keeps
   * teams and roles balanced. False when every seat has a human.
   */
  protected seatPlayer(player: string, nickname: string, wish?: Seat): boolean {
    return this.seats.seat(player, nickname, wish);
  }

  /** A player's seat goes back to the bots. */
  protected unseat(player: string): void {
    this.seats.unseat(player);
  }

  /** While a player is away, the autopilot runs their node; it hands back when they return. */
  protected setAway(player: string, away: boolean): void {
    this.seats.setAway(player, away);
  }

  /** The nickname of each player seated now, by player id. */
  protected get nicknames(): Map<string, string> {
    return this.seats.nicknames;
  }

  private tick(): void {
    // Never a step while the match is paused: its pause and resume are then two decisions of one tick.
    if (this.state.phase !== "playing" || this.match.paused) return;
    try {
      if (this.breakNextTick) throw new Error("test hook: a broken tick");
      const t0 = performance.now();
      stepMatch(this.match);
      // A classroom's twin steps alongside (the live standing): one tick in this tick.
      if (this.twinInTick) this.projection.standing?.follow();
      const t1 = performance.now();
      const tick = this.match.tick;
      const hashed = hashDue(tick);
      if (hashed) this.hashes.push({ tick, hash: stateHash(this.match) });
      const t2 = performance.now();
      this.project();
      const t3 = performance.now();
      this.simMs = t3 - t0;
      recordSim(
        t1 - t0,
        t2 - t1,
        t3 - t2,
        hashed ? "hash" : tick % TICKS_PER_SECOND === 0 ? "second" : "other",
      );
      this.announce();
      // Private views go out half a second after the scores are projected: two small spikes, not one.
      if (this.match.tick % TICKS_PER_SECOND === TICKS_PER_SECOND / 2)
        sendPrivateViews(this.clients, this.match);
      if (this.match.tick % (CHECKPOINT_SECONDS * TICKS_PER_SECOND) === 0) {
        // Stored with its twin level where the twin steps after the tick (followTwinSoon).
        if (this.twinInTick || !this.projection.standing) this.checkpoint();
        else this.checkpointDue = true;
      }
      if (!this.twinInTick) this.followTwinSoon();
      if (this.match.ended) this.finish();
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * A school-sized room's twin takes its step after the tick, not in it: the patch is not kept
   * waiting, and the standing shown is a second behind (LiveStanding.latest). A failure there ends
   * only the live standing.
   */
  private followTwinSoon(): void {
    const live = this.projection.standing;
    if (!live) return;
    setImmediate(() => {
      if (this.projection.standing === live)
        try {
          const t0 = performance.now();
          live.follow();
          recordTwin(performance.now() - t0);
        } catch (e) {
          log.error(`room ${this.roomId}: live standing stopped: ${errorLine(e)}`);
          this.projection.standing = undefined;
        }
      if (this.checkpointDue) {
        this.checkpointDue = false;
        this.checkpoint();
      }
    });
  }

  /** Projects seat changes at the next patch: many joins in one tenth of a second cost one projection. */
  protected projectSoon(): void {
    this.projectionDue = true;
  }

  /** A joiner's first full state: at once, or with others' at the next patch (match/delivery.ts). */
  protected override sendFullState(client: Client): void {
    if (!this.delivery.fullStateNow(client)) return;
    if (this.projectionDue) this.project();
    super.sendFullState(client);
  }

  /**
   * Times the state encoding too: a room tick costs simulation + encoding. Pending seat changes are
   * projected first, then clients that joined since the last patch get the full state, all from one
   * encoding (the state does not change between them), before the patch goes to everyone.
   */
  override broadcastPatch(): boolean {
    const t0 = performance.now();
    this.encodeMs = 0;
    if (this.projectionDue) {
      this.project();
      this.encodeMs += performance.now() - t0; // preparing the state: counted with its encoding
    }
    for (const client of this.delivery.takeWaiting(t0))
      if (this.clients.includes(client)) super.sendFullState(client);
    const changed = super.broadcastPatch();
    clearTransits(this.state);
    const total = performance.now() - t0;
    if (this.state.phase === "playing") recordTick(this.simMs, this.encodeMs, total - this.encodeMs);
    return changed;
  }

  protected project(): void {
    this.projectionDue = false;
    projectMatch(this.state, this.match, this.projection, (p) => this.nicknames.get(p) ?? "player", this.par);
    this.countDecisions();
  }

  /** Each player's decisions that count for points, as they are taken (the record only grows). */
  private countDecisions(): void {
    const record = this.match.record;
    for (; this.recordSeen < record.length; this.recordSeen++) {
      const r = record[this.recordSeen]!;
      if (r.actor.kind !== "player" || !isDecision(r, r.actor.id)) continue;
      const p = this.state.players.get(r.actor.id);
      if (p) p.decisions = Math.min(65535, p.decisions + 1);
    }
  }

  /** Broadcasts what happened since the last tick: failures, replicas, refusals noted by the sim. */
  private announce(): void {
    const entries = this.match.log;
    for (; this.logSeen < entries.length; this.logSeen++) {
      const e = entries[this.logSeen]!;
      if (e.event.code === "refused") continue;
      const banner: Banner = { team: e.team, tick: e.tick, event: e.event };
      this.broadcast(S2C.banner, banner);
    }
  }

  /**
   * Ends the round. A classroom's teams are then compared with their autopilot twin (the same
   * scenario, seed and failures with bots in every seat), played in slices so other rooms keep
   * ticking; the results go out once it is done (well under a second for a classroom map).
   */
  protected finish(): void {
    if (this.results || this.ending) return;
    this.ending = true;
    if (!this.match.ended) {
      // Ending a paused round: the clock runs again for the closing step, as the record says.
      if (this.match.paused) applyNow(this.match, { kind: "host" }, { type: "resume" });
      submitIntent(this.match, { kind: "host" }, { type: "end" });
      stepMatch(this.match);
    }
    this.setSimulationInterval();
    const twin = this.comparesWithAutopilot
      ? runInSlices(autopilotTwin(this.match)).catch((e: unknown) => {
          log.error(`room ${this.roomId}: no autopilot comparison: ${errorLine(e)}`);
          return undefined;
        })
      : Promise.resolve(undefined);
    // The results go out at once; each deciding player's points follow (the round played again
    // without their decisions, shared/points.ts: a few seconds for a class, longer for a school).
    this.completed = twin.then(async (t) => {
      this.publishResults(t);
      const points = await countPoints(this.match, this.par).catch((e: unknown) => {
        log.error(`room ${this.roomId}: points not counted: ${errorLine(e)}`);
        return new Map<string, number>();
      });
      this.publishPoints(t, points);
    });
  }

  /** The round's results, points still being counted; filed once the points are in. */
  private publishResults(twin: Match | undefined): void {
    if (this.results) return; // a shutdown stored them meanwhile
    this.results = { ...namedResult(this.match, this.par, this.nicknames, twin), pointsPending: true };
    this.completeResults(this.results);
    this.project();
    this.state.phase = "results";
    this.broadcast(S2C.results, this.results);
    log.info(`room ${this.roomId}: round over (${this.state.scenario})`);
  }

  /** The results again with every player's points: on every screen, then in the database. */
  private publishPoints(twin: Match | undefined, points: Map<string, number>): void {
    if (!this.results?.pointsPending || this.filed.stored) return; // a shutdown filed them meanwhile
    this.results = namedResult(this.match, this.par, this.nicknames, twin, points);
    this.completeResults(this.results);
    for (const [id, p] of this.state.players) {
      const mine = points.get(id) ?? 0;
      if (p.points !== mine) p.points = mine;
    }
    this.broadcast(S2C.results, this.results);
    void this.storeResults("finished");
  }

  /** Files this round's results in the database, once (see match/filing.ts). Never thrown. */
  protected storeResults(status: MatchRecord["status"]): Promise<void> {
    return this.filed.storeResults(status);
  }

  /** A class's round so far, stored as interrupted: a solo game is in no teacher's history. */
  private checkpoint(): void {
    if (this.filing.hostKey !== null) this.filed.checkpoint();
  }

  /** This round's record as it stands, with players' nicknames. */
  private record(status: MatchRecord["status"]): MatchRecord {
    return matchRecord({
      id: this.matchId,
      under: this.filing,
      roomCode: this.state.code,
      match: this.match,
      status,
      // Filed while its points were still being counted (a shutdown): stored with none. A round
      // stored before its end is compared with its live twin, when level: who was ahead then.
      result: this.results
        ? { ...this.results, pointsPending: undefined }
        : namedResult(this.match, this.par, this.nicknames, this.projection.standing?.levelTwin()),
      hashes: this.hashes,
      names: this.seats.everyName,
    });
  }

  /**
   * The server is shutting down (SIGTERM): a round under way stops and is stored as interrupted, then
   * every client is told why the connection closes. The process waits for this before it exits.
   */
  override onBeforeShutdown(): void {
    this.setSimulationInterval();
    // A twin that steps after the tick may be one behind: level, the stored round says who was ahead.
    try {
      this.projection.standing?.follow();
    } catch (e) {
      log.error(`room ${this.roomId}: live standing stopped: ${errorLine(e)}`);
      this.projection.standing = undefined;
    }
    const stored = this.ending
      ? this.finishedAtShutdown()
      : this.state.phase === "playing" || this.state.phase === "paused"
        ? this.storeResults("interrupted")
        : (this.filed.stored ?? Promise.resolve());
    void stored.finally(() => this.disconnect(CLOSE.serverShutdown));
  }

  /**
   * A round that has ended is filed as finished: the class sees its results, then its points, before
   * the connection closes, when they come within RESULTS_AT_SHUTDOWN_MS; otherwise the results are
   * filed as they stand (points not counted: 0 each).
   */
  private async finishedAtShutdown(): Promise<void> {
    let late: NodeJS.Timeout | undefined;
    const limit = new Promise<boolean>((resolve) => {
      late = setTimeout(() => resolve(false), RESULTS_AT_SHUTDOWN_MS);
    });
    // A round whose results failed to be made (logged where it failed) is filed as it stands, too.
    const done = this.completed.then(
      () => true,
      () => true,
    );
    const inTime = await Promise.race([done, limit]);
    clearTimeout(late);
    if (!inTime)
      log.warn(`room ${this.roomId}: shutting down before the points were counted: filed without them`);
    return this.storeResults("finished");
  }

  /** What a kind of room adds to the results before everyone gets them (a level's stars). */
  protected completeResults(_results: MatchResult): void {}

  /** A bug in a tick stops this room, never the process. */
  protected fail(error: unknown): void {
    this.setSimulationInterval();
    log.error(
      `room ${this.roomId}: tick failed: ${error instanceof Error ? (error.stack ?? error.message) : errorLine(error)}`,
    );
    this.state.phase = "error";
    this.broadcast(S2C.roomError, { code: ROOM_ERROR.roundStopped });
  }

  /** A client that joins after the round sees the results at once. */
  protected sendResultsIfOver(client: Client): void {
    if (this.results) client.send(S2C.results, this.results);
  }
}
