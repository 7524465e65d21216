/**
 * What classroom and solo rooms share: a thin adapter over the simulation. The room validates every
 * message (schema, host key, seat, rate), queues intents for the next tick, steps the simulation at
 * 10 ticks per second and projects the result into state. Order inside a tick:
 *
 *   1. stepMatch (applies the intents queued since the last tick, then simulates; see shared/match.ts);
 *      every HASH_EVERY_TICKS ticks the state hash, stored with the match for its replay
 *   2. project into state, patched to clients every 100 ms (one patch per tick); each packet's link
 *      crossing goes out once, packed with its enter and arrive ticks
 *   3. banners for what happened, private "you" views once per second
 *   4. at the end of the round: results, kept until the room closes
 *
 * The room changes the match only through decisions, validated and recorded (shared/replay.ts): a
 * seat taken or given back, a player away and back, time added, pause and resume are applied at once
 * between two ticks; the host's failures, the end and players' decisions wait for the next tick. No
 * step runs while the match is paused.
 *
 * Joins and leaves change the match at once but reach state at the next patch: projecting the whole
 * network and encoding a fresh full state for every one of 400 students joining together took longer
 * than a seat reservation lasts. In such a crowd, joiners get the full state just before that patch,
 * one encoding for all who arrived in the same tenth of a second.
 *
 * An exception inside a tick stops this room only: it is logged, clients are told, others carry on.
 */
import { randomBytes } from "node:crypto";
import { type Client, Room, ServerError } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import {
  applyNow,
  askedServer,
  autopilotTwin,
  C2S,
  CLOSE,
  clearTransits,
  coinsLeft,
  createMatch,
  ERROR,
  HASH_EVERY_TICKS,
  type HostAction,
  holderOf,
  hostActionSchema,
  initTeams,
  intentMessageSchema,
  isDown,
  type Match,
  type MatchResult,
  matchResult,
  newProjection,
  type Par,
  type PrivateView,
  pickSeat,
  pingSchema,
  projectMatch,
  type Refusal,
  refusal,
  S2C,
  type Scenario,
  type Seat,
  seatOf,
  stateHash,
  stepMatch,
  submitIntent,
  TICKS_PER_SECOND,
  type TickHash,
} from "../../../shared/index";
import { runInSlices } from "../app/headless";
import { services } from "../app/services";
import type { MatchRecord } from "../db/match-store";
import { MESSAGES } from "../edge/limits";
import { log } from "../ops/log";
import { recordSim, recordTick } from "../ops/metrics";
import { RateLimiter } from "./rate-limit";
import { holdRoom } from "./registry";
import { routeView } from "./router-view";
import { parFor } from "./scenarios";
import { MatchState, PlayerState, SCHEMA_VIEWS } from "./schema";

/** Messages a client may send per second, sustained, and in one burst. */
export const MESSAGES_PER_SECOND = 8;
export const MESSAGE_BURST = 16;
/** Seconds a dropped student has to come back to the same node. */
export const RECONNECT_SECONDS = 60;
/** Milliseconds between simulation ticks (10 per second) and between patches. */
const TICK_MS = 1000 / TICKS_PER_SECOND;
/** The key of the view that holds every team. */
const EVERY_TEAM = "*";
/**
 * Seconds of play between checkpoints: a running round is stored as "interrupted" this often, so a
 * server that dies without warning (kill -9, a power cut) loses at most these seconds of the record.
 */
export const CHECKPOINT_SECONDS = 5;
/** Pauses between tries of results the database did not take: 5 s, doubling up to a minute. */
const RETRY_FIRST_MS = 5000;
const RETRY_MAX_MS = 60_000;

export interface ClientData {
  /** The player id the simulation knows (the session id, stable across reconnection). */
  player: string;
  /** Where the connection comes from, for the per-address message limit. */
  address: string;
  host: boolean;
  limiter: RateLimiter;
  /** Last time this client was told it is rate-limited (to avoid answering a flood with a flood). */
  warnedAt: number;
  /** The private view last sent, to send it again only when it changes. */
  lastView?: string;
}

export abstract class MatchRoom extends Room<MatchState> {
  override state = new MatchState();
  protected match!: Match;
  protected par!: Par;
  protected results: MatchResult | null = null;
  private readonly projection = newProjection(SCHEMA_VIEWS);
  /**
   * What each client is sent of the teams' packets: one view per team and one with every team. Views
   * are shared, so a patch is encoded once per view, not once per client.
   */
  private readonly views = new Map<string, StateView>();
  private logSeen = 0;
  /** The state hash every HASH_EVERY_TICKS ticks, stored with the match for its replay to check. */
  private readonly hashes: TickHash[] = [];
  private breakNextTick = false;
  private simMs = 0;
  /** Milliseconds the state encoder ran during the current patch (see timeEncoding). */
  private encodeMs = 0;
  /** Seats changed since the last projection: projected before the next patch. */
  private projectionDue = false;
  /** Joined clients still waiting for their first full state (sent before the next patch). */
  private awaitingState: Client[] = [];
  /** When the last full state went out (performance.now()). */
  private lastFullStateAt = -Infinity;
  protected nicknames = new Map<string, string>();
  /** Every player seated in this round, also those who left: the stored match names who decided. */
  private readonly everyName = new Map<string, string>();

  /** How this room's results are filed: under the class's host key, with the saved scenario's code. */
  protected filing: { hostKey: string | null; scenarioCode: string | null; mode: MatchRecord["mode"] } = {
    hostKey: null,
    scenarioCode: null,
    mode: "solo",
  };
  /** The stored match's id: one round, one row, however many times finish is reached. */
  readonly matchId = randomBytes(9).toString("base64url");
  /** The final write, once started (finished, or interrupted by a shutdown). */
  private stored: Promise<void> | null = null;
  /** Writes of this room's record, one after another, so a late checkpoint never lands after the final one. */
  private writes: Promise<void> = Promise.resolve();
  private writing = false;
  /** The round has ended and its results are being made (see finish). */
  private ending = false;
  /** Classrooms compare each team with its autopilot twin; a solo level counts stars instead. */
  protected readonly comparesWithAutopilot: boolean = false;

  /** Sets up the match for a scenario (par measured first) and registers the message handlers. */
  protected async setupMatch(scenario: Scenario): Promise<void> {
    this.par = await parFor(scenario);
    this.match = createMatch(scenario);
    this.match.recordTransits = true;
    this.timeEncoding();
    holdRoom(this);
    this.setPatchRate(this.tickMs);
    this.state.scenario = scenario.name;
    this.state.description = scenario.description;
    this.state.ticksPerSecond = TICKS_PER_SECOND;
    this.state.items = scenario.workload.items;
    initTeams(this.state, this.match, SCHEMA_VIEWS);
    const everything = new StateView();
    for (const [key, team] of this.state.teams) {
      const one = new StateView();
      one.add(team);
      everything.add(team);
      this.views.set(key, one);
    }
    this.views.set(EVERY_TEAM, everything);
    this.project();
    this.handle(C2S.intent, (client, raw) => this.handleIntent(client, raw));
    this.handle(C2S.host, (client, raw) => this.handleHost(client, raw));
    this.handle(C2S.ping, (client, raw) => {
      const ping = pingSchema.safeParse(raw);
      if (!ping.success) return this.refuse(client, ERROR.malformed, "a ping needs { t: number }");
      client.send(S2C.pong, { t: ping.data.t, tick: this.match.tick, clients: this.clients.length });
    });
    if (process.env.HUB_SWARM_TEST_HOOKS === "1") {
      // Test seam, off unless the environment turns it on: makes this room's next tick throw.
      this.handle("__test:break-tick", (client) => {
        if (this.data(client)?.host) this.breakNextTick = true;
      });
    }
    // Every other type, including the catch-all's own name "*" (Colyseus then hands the payload over
    // in place of the type) and Colyseus's fallback name, answers "unknown type" and changes nothing.
    const unknown = (client: Client, type: unknown) =>
      this.refuse(client, ERROR.unknownType, `unknown message type ${describeType(type)}`);
    this.handle("*", unknown);
    this.handle("__no_message_handler", (client) => unknown(client, "__no_message_handler"));
  }

  /**
   * Registers a message handler behind the room's boundary: rate limits first, and a handler that
   * throws answers its sender with an error and logs one line; it never leaves the handler, so no
   * message can stop the room or the process.
   */
  private handle(type: string, handler: (client: Client, raw: unknown) => void): void {
    this.onMessage(type, (client, raw) => {
      try {
        if (this.admit(client)) handler(client, raw);
      } catch (error) {
        log.warn(`room ${this.roomId}: message "${type}" failed: ${errorLine(error)}`);
        this.refuse(client, ERROR.malformed, "That message could not be read.");
      }
    });
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
    client.view = this.views.get(team ?? EVERY_TEAM) ?? this.views.get(EVERY_TEAM);
  }

  protected data(client: Client): ClientData {
    return client.userData as ClientData;
  }

  protected newClientData(player: string, host: boolean, address: string): ClientData {
    return {
      player,
      host,
      address,
      limiter: new RateLimiter(MESSAGES_PER_SECOND, MESSAGE_BURST),
      warnedAt: -Infinity,
    };
  }

  /**
   * Rate limits, per connection and per address (all of a network's connections in this process): a
   * client over either is told (at most once a second) and its message dropped.
   */
  private admit(client: Client): boolean {
    const d = this.data(client);
    if (!d) return false;
    if (d.limiter.take() && MESSAGES.take(d.address, 1 / services().guard.limitScale)) return true;
    const now = performance.now();
    if (now - d.warnedAt > 1000) {
      d.warnedAt = now;
      client.send(S2C.error, { code: ERROR.rateLimited, message: "Too many messages: slow down a little." });
    }
    return false;
  }

  /** A frame the room could not read: said in words (it is not a decision a screen offers). */
  protected refuse(client: Client, code: string, message: string): void {
    client.send(S2C.error, { code, message });
  }

  /** A refused decision or host action goes out as its code and parameters: the screen words it. */
  protected refuseWith(client: Client, code: string, why: Refusal): void {
    client.send(S2C.error, { code, refusal: why });
  }

  private handleIntent(client: Client, raw: unknown): void {
    const parsed = intentMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.refuse(
        client,
        ERROR.malformed,
        `not a valid decision: ${issue?.path.join(".") || "message"} ${issue?.message ?? ""}`.trim(),
      );
    }
    if (this.state.phase !== "playing")
      return this.refuseWith(client, ERROR.phase, refusal("round-not-running"));
    const result = submitIntent(this.match, { kind: "player", id: this.data(client).player }, parsed.data);
    if (!result.ok) return this.refuseWith(client, ERROR.refused, result.refusal);
    client.send(S2C.ok, { type: parsed.data.type });
  }

  private handleHost(client: Client, raw: unknown): void {
    if (!this.data(client).host) return this.refuseWith(client, ERROR.notHost, refusal("host-only-action"));
    const parsed = hostActionSchema.safeParse(raw);
    if (!parsed.success) return this.refuse(client, ERROR.malformed, "not a valid host action");
    const problem = this.hostAction(client, parsed.data);
    if (problem) this.refuseWith(client, ERROR.refused, problem);
    else client.send(S2C.ok, { type: parsed.data.type });
  }

  /** Carries out a host action; returns why not when it cannot. */
  protected hostAction(_client: Client, action: HostAction): Refusal | null {
    const phase = this.state.phase;
    switch (action.type) {
      case "start":
        if (phase !== "lobby") return refusal("round-started");
        this.state.phase = "playing";
        this.setSimulationInterval(() => this.tick(), this.tickMs);
        return null;
      case "pause":
      case "resume": {
        if (phase !== (action.type === "pause" ? "playing" : "paused"))
          return refusal(action.type === "pause" ? "round-not-running" : "round-not-paused");
        // The match's own clock stops and starts, at once and recorded: the round replays with it.
        const check = applyNow(this.match, { kind: "host" }, { type: action.type });
        if (!check.ok) return check.refusal;
        this.state.phase = this.match.paused ? "paused" : "playing";
        return null;
      }
      case "end":
        if (phase !== "playing" && phase !== "paused") return refusal("round-not-running");
        this.finish();
        return null;
      case "add-time": {
        if (phase === "results" || phase === "error") return refusal("round-over");
        // Applied at once (not at the next tick) so a paused clock shows the new time too.
        const intent = { type: "add-time" as const, seconds: action.seconds };
        const check = applyNow(this.match, { kind: "host" }, intent);
        if (!check.ok) return check.refusal;
        this.state.endTick = this.match.endTick;
        return null;
      }
      case "trigger": {
        if (phase !== "playing" && phase !== "paused") return refusal("trigger-while-running");
        const r = submitIntent(
          this.match,
          { kind: "host" },
          { type: "trigger", failure: { ...action.failure, at: 0 } },
        );
        return r.ok ? null : r.refusal;
      }
      case "kick":
      case "lock":
      case "move":
        return this.classroomAction(action);
    }
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
    const free = wish && !holderOf(this.match, wish) && this.assign(wish, player);
    const seat = free ? wish : pickSeat(this.match);
    if (!seat) return false;
    if (!free) this.assign(seat, player);
    const p = new PlayerState();
    p.nickname = nickname;
    p.team = seat.team;
    p.node = seat.node;
    this.state.players.set(player, p);
    this.nicknames.set(player, nickname);
    this.everyName.set(player, nickname);
    this.projectSoon();
    return true;
  }

  /**
   * Puts a player on a seat (or gives it back to the bots) at once, through the host's assign
   * decision: validated and recorded like every change to the match, so the round replays.
   */
  private assign(seat: Seat, player: string | null): boolean {
    const intent = { type: "assign" as const, team: seat.team, node: seat.node, player };
    return applyNow(this.match, { kind: "host" }, intent).ok;
  }

  /** A player's seat goes back to the bots. */
  protected unseat(player: string): void {
    const seat = seatOf(this.match, player);
    if (seat) this.assign({ team: seat.world.team, node: seat.node.id }, null);
    this.state.players.delete(player);
    this.nicknames.delete(player);
    this.projectSoon();
  }

  /** While a player is away, the autopilot runs their node; it hands back when they return. */
  protected setAway(player: string, away: boolean): void {
    const seat = seatOf(this.match, player);
    // The player's own decision, made for them: recorded, so the round replays.
    if (seat && seat.node.autopilot !== away)
      applyNow(
        this.match,
        { kind: "player", id: player },
        { type: "autopilot", team: seat.world.team, node: seat.node.id, on: away },
      );
    const p = this.state.players.get(player);
    if (p) p.connected = !away;
    this.projectSoon();
  }

  private tick(): void {
    // Never a step while the match is paused: its pause and resume are then two decisions of one tick.
    if (this.state.phase !== "playing" || this.match.paused) return;
    try {
      if (this.breakNextTick) throw new Error("test hook: a broken tick");
      const t0 = performance.now();
      stepMatch(this.match);
      if (this.match.tick % HASH_EVERY_TICKS === 0)
        this.hashes.push({ tick: this.match.tick, hash: stateHash(this.match) });
      this.project();
      this.simMs = performance.now() - t0;
      recordSim(this.simMs);
      this.announce();
      // Private views go out half a second after the scores are projected: two small spikes, not one.
      if (this.match.tick % TICKS_PER_SECOND === TICKS_PER_SECOND / 2) this.sendPrivateViews();
      if (this.match.tick % (CHECKPOINT_SECONDS * TICKS_PER_SECOND) === 0) this.checkpoint();
      if (this.match.ended) this.finish();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Projects seat changes at the next patch: many joins in one tenth of a second cost one projection. */
  protected projectSoon(): void {
    this.projectionDue = true;
  }

  /**
   * Colyseus sends the full state when a client acknowledges its join. A lone joiner gets it at once;
   * when another full state went out less than a patch ago (many students joining together), it
   * waits for the next patch and shares one encoding with everyone who joined meanwhile.
   */
  protected override sendFullState(client: Client): void {
    const now = performance.now();
    if (this.awaitingState.length > 0 || now - this.lastFullStateAt < this.tickMs) {
      this.awaitingState.push(client);
      return;
    }
    this.lastFullStateAt = now;
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
    if (this.awaitingState.length > 0) {
      const joined = this.awaitingState;
      this.awaitingState = [];
      this.lastFullStateAt = t0;
      for (const client of joined) if (this.clients.includes(client)) super.sendFullState(client);
    }
    const changed = super.broadcastPatch();
    clearTransits(this.state);
    const total = performance.now() - t0;
    if (this.state.phase === "playing") recordTick(this.simMs, this.encodeMs, total - this.encodeMs);
    return changed;
  }

  /**
   * Times this room's state encoder, so a tick's cost (simulation + encoding) is reported apart from
   * handing the bytes to hundreds of sockets. Colyseus keeps the encoder inside its serializer; the
   * wrapper is on this room's encoder instance only.
   */
  private timeEncoding(): void {
    type Encode = (...args: unknown[]) => unknown;
    const serializer = (this as unknown as { _serializer?: { encoder?: { encode: Encode } } })._serializer;
    const encoder = serializer?.encoder;
    if (!encoder) return;
    const encode = encoder.encode;
    encoder.encode = (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return encode.apply(encoder, args);
      } finally {
        this.encodeMs += performance.now() - t0;
      }
    };
  }

  protected project(): void {
    this.projectionDue = false;
    projectMatch(this.state, this.match, this.projection, (p) => this.nicknames.get(p) ?? "player", this.par);
    for (const p of this.state.players.values()) {
      const points = this.state.teams.get(p.team)?.nodes.get(p.node)?.points ?? 0;
      if (p.points !== points) p.points = points;
    }
  }

  /** Broadcasts what happened since the last tick: failures, replicas, refusals noted by the sim. */
  private announce(): void {
    const entries = this.match.log;
    for (; this.logSeen < entries.length; this.logSeen++) {
      const e = entries[this.logSeen]!;
      if (e.text.startsWith("refused:")) continue;
      this.broadcast(S2C.banner, { team: e.team, text: e.text, tick: e.tick });
    }
  }

  /** Each player's private view of their own node: what others must not see. */
  private sendPrivateViews(): void {
    for (const client of this.clients) {
      const d = this.data(client);
      if (!d) continue;
      const seat = seatOf(this.match, d.player);
      if (!seat) continue;
      const { world, node } = seat;
      const awaiting = node.peer ? [...new Set(node.peer.awaiting.map((q) => world.nodes[q.src]!.id))] : [];
      const suspects = [...node.suspects].map(([src, n]) => ({ node: world.nodes[src]!.id, count: n }));
      const asks = node.kind === "client" ? askedServer(world, node) : -1;
      const view: PrivateView = {
        team: world.team,
        node: node.id,
        coins: Math.floor(coinsLeft(this.match, world)),
        awaiting,
        suspects,
        crashed: node.crashed && isDown(node, this.match.tick),
        ...(node.kind === "client"
          ? { asks: asks < 0 ? "" : world.nodes[asks]!.id, busy: node.user!.refusals }
          : {}),
        ...(node.router ? { routes: routeView(world, node) } : {}),
      };
      // Sent only when it changed: most seconds, for most players, nothing did.
      const text = JSON.stringify(view);
      if (d.lastView === text) continue;
      d.lastView = text;
      client.send(S2C.you, view);
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
    void twin.then((t) => this.publishResults(t));
  }

  private publishResults(twin: Match | undefined): void {
    if (this.results) return; // a shutdown stored them meanwhile
    this.results = this.namedResult(twin);
    this.completeResults(this.results);
    this.project();
    this.state.phase = "results";
    this.broadcast(S2C.results, this.results);
    log.info(`room ${this.roomId}: round over (${this.state.scenario})`);
    void this.storeResults("finished");
  }

  /** The match's result as it stands, with players' nicknames instead of session ids. */
  private namedResult(twin?: Match): MatchResult {
    const result = matchResult(this.match, this.par, twin);
    for (const p of result.players) if (p.holder) p.holder = this.nicknames.get(p.holder) ?? p.holder;
    return result;
  }

  /**
   * Files this round's results in the database, once. If the database does not take them (it is down,
   * the disk is full), they wait on disk (db/pending.ts) and are tried again, while anyone is still in
   * the room, with longer and longer pauses; the host sees which ("saved" or "retrying" in the state).
   * After that, or after a restart, the server stores what waits. Never thrown: the class still sees
   * its results on screen.
   */
  protected storeResults(status: MatchRecord["status"]): Promise<void> {
    this.stored ??= this.saveResults(status);
    return this.stored;
  }

  private async saveResults(status: MatchRecord["status"]): Promise<void> {
    const record = this.record(status);
    this.state.saved = "saving";
    let kept = false;
    for (let pause = RETRY_FIRST_MS; ; pause = Math.min(2 * pause, RETRY_MAX_MS)) {
      if (await this.write(record, "results")) {
        this.state.saved = "saved";
        if (kept)
          await services()
            .pending.remove(record.id)
            .catch(() => undefined);
        return;
      }
      this.state.saved = "retrying";
      if (!kept) {
        kept = true;
        await services()
          .pending.add(record)
          .catch((e: unknown) => log.error(`room ${this.roomId}: results not kept on disk: ${errorLine(e)}`));
      }
      if (services().shuttingDown || this.clients.length === 0) return; // the server's drain takes over
      await new Promise((r) => setTimeout(r, pause).unref());
    }
  }

  /**
   * Stores the round so far as interrupted (what Past classes shows if the process dies now). Skipped
   * while an earlier write is still under way: a slow database gets fewer checkpoints, not a queue.
   */
  private checkpoint(): void {
    // Classes only: a solo game is in no teacher's history.
    if (this.stored || this.writing || this.filing.hostKey === null) return;
    void this.write(this.record("interrupted"), "checkpoint");
  }

  /** This round's record as it stands, with players' nicknames. */
  private record(status: MatchRecord["status"]): MatchRecord {
    return {
      id: this.matchId,
      ...this.filing,
      roomCode: this.state.code,
      scenario: this.match.scenario,
      status,
      // Stored with every decision that took effect: scenario, seed and these replay the round.
      result: {
        ...(this.results ?? this.namedResult()),
        intents: this.match.record.slice(),
        hashes: this.hashes.slice(),
        names: Object.fromEntries(this.everyName),
      },
      events: this.match.log
        .filter((e) => !e.text.startsWith("refused:"))
        .map((e) => ({ tick: e.tick, team: e.team, text: e.text })),
    };
  }

  /** Queues one write behind any earlier one; true when it was stored. A failure is logged, never thrown. */
  private write(record: MatchRecord, what: "results" | "checkpoint"): Promise<boolean> {
    this.writing = true;
    const done = this.writes
      .then(() => services().store.matches.record(record))
      .then(
        () => {
          if (what === "results") log.info(`room ${this.roomId}: results stored (${record.status})`);
          return true;
        },
        (e: unknown) => {
          log.error(`room ${this.roomId}: ${what} not stored: ${errorLine(e)}`);
          return false;
        },
      );
    const settled = done.then(() => {
      if (this.writes === settled) this.writing = false; // nothing queued behind this one
    });
    this.writes = settled;
    return done;
  }

  /**
   * The server is shutting down (SIGTERM): a round under way stops and is stored as interrupted, then
   * every client is told why the connection closes. The process waits for this before it exits.
   */
  override onBeforeShutdown(): void {
    const running = this.state.phase === "playing" || this.state.phase === "paused";
    this.setSimulationInterval();
    const stored = running ? this.storeResults("interrupted") : (this.stored ?? Promise.resolve());
    void stored.finally(() => this.disconnect(CLOSE.serverShutdown));
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
    this.broadcast(S2C.roomError, {
      message: "The game hit a problem and stopped this round. Your teacher can start a new one.",
    });
  }

  /** A client that joins after the round sees the results at once. */
  protected sendResultsIfOver(client: Client): void {
    if (this.results) client.send(S2C.results, this.results);
  }
}

/** A message type as it may be shown in a reply: short, and never by calling the sender's own code. */
function describeType(type: unknown): string {
  if (typeof type === "string") return JSON.stringify(type.slice(0, 40));
  if (typeof type === "number") return String(type);
  return "*";
}

/** One line for the log, whatever was thrown (a thrown object's own toString may throw too). */
export function errorLine(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0]!.slice(0, 200);
  return typeof error === "string" ? error.slice(0, 200) : `a thrown ${typeof error}`;
}
