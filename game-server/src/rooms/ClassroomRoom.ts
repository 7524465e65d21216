/**
 * A classroom: created by a teacher through the HTTP API (which hands out the host key), joined by
 * students with a short code. Private: reachable only by its code. Phases lobby → playing ⇄ paused →
 * results. Students are seated on bots' nodes, balanced; bots hold every seat without a human.
 */
import type { AuthContext, Client } from "@colyseus/core";
import { z } from "zod";
import {
  CLOSE,
  type HostAction,
  joinOptionsRefusal,
  joinOptionsSchema,
  nicknameSkeleton,
  parseScenario,
  type Refusal,
  refusal,
  S2C,
  secretSchema,
} from "../../../shared/index";
import { services } from "../app/services";
import { addressOfAuth } from "../edge/addresses";
import { log } from "../ops/log";
import { newJoinCode } from "../secrets/codes";
import { MatchRoom, RECONNECT_SECONDS } from "./MatchRoom";
import { refusedJoin } from "./refused-join";
import { releaseRoom } from "./registry";

/** Presence key holding every join code in use (shared by all processes with Redis). */
const CODES_KEY = "classroom:codes";

interface Auth {
  host: boolean;
  nickname: string;
  address: string;
}

/**
 * What POST /api/classes hands over (the only way a class is made: the guard refuses the matchmaker's
 * create for classrooms). Checked again here, the scenario with the same parser as any teacher's file,
 * so a class can only ever run a valid scenario of bounded size.
 */
const createSchema = z.object({
  scenario: z.unknown(),
  scenarioCode: z.string().nullable(),
  mode: z.enum(["versus", "coop"]),
  hostKey: secretSchema,
});

/**
 * Connections and unused seat reservations Colyseus admits before it locks the room. Far above any
 * class, so reservations nobody uses (they expire after SEAT_RESERVATION_SECONDS, server.ts) cannot lock a class
 * out; a script would need thousands of joins a minute, past the matchmaking budget.
 */
const ROOM_CONNECTIONS = 500;

export class ClassroomRoom extends MatchRoom {
  override maxClients = ROOM_CONNECTIONS;
  private hostKey = "";
  protected override readonly comparesWithAutopilot = true;
  private readonly kicked = new Set<string>();
  /**
   * Skeletons of seated nicknames, worked out once each: every join compares against every seated
   * player, and a school of 400 joining together made that hundreds of thousands of skeletons.
   */
  private readonly skeletons = new Map<string, string>();

  private skeletonOf(nickname: string): string {
    let key = this.skeletons.get(nickname);
    if (key === undefined) {
      key = nicknameSkeleton(nickname);
      if (this.skeletons.size > 4 * ROOM_CONNECTIONS) this.skeletons.clear(); // bounded: names come and go
      this.skeletons.set(nickname, key);
    }
    return key;
  }

  override async onCreate(options: unknown): Promise<void> {
    const parsed = createSchema.safeParse(options);
    if (!parsed.success) throw refusedJoin(400, "create-from-host-menu");
    const checked = parseScenario(parsed.data.scenario);
    if (!checked.ok) throw refusedJoin(400, "scenario-not-valid", checked.issues[0]);
    const { scenarioCode, mode, hostKey } = parsed.data;
    const scenario = checked.value;
    this.setSeatReservationTime(services().seatReservationSeconds);
    this.hostKey = hostKey;
    this.filing = { hostKey, scenarioCode, mode };
    this.roomId = await this.claimCode();
    await this.setPrivate(true);
    this.autoDispose = true;
    this.state.code = this.roomId;
    this.state.mode = mode;
    await this.setupMatch(scenario);
    log.info(`room ${this.roomId}: class created (${scenario.name}, ${mode})`);
  }

  /** A fresh code no other class (in any process) is using. */
  private async claimCode(): Promise<string> {
    for (;;) {
      const code = newJoinCode();
      if (await this.presence.sismember(CODES_KEY, code)) continue;
      await this.presence.sadd(CODES_KEY, code);
      return code;
    }
  }

  /** Its listing and its join code, written again when Redis lost them (see registry.ts). */
  override async register(): Promise<void> {
    await super.register();
    await this.presence.sadd(CODES_KEY, this.roomId);
  }

  override async onDispose(): Promise<void> {
    releaseRoom(this);
    await this.presence.srem(CODES_KEY, this.roomId);
  }

  override onAuth(client: Client, raw: unknown, context: AuthContext): Auth {
    const address = addressOfAuth(context);
    return { ...this.authorise(client, raw), address };
  }

  private authorise(_client: Client, raw: unknown): Omit<Auth, "address"> {
    const parsed = joinOptionsSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      const why = joinOptionsRefusal(parsed.error, raw ?? {});
      throw refusedJoin(400, why.code, why.params);
    }
    const { nickname, hostKey } = parsed.data;
    if (hostKey !== undefined) {
      if (hostKey !== this.hostKey) throw refusedJoin(403, "wrong-host-key");
      return { host: true, nickname: "Host" };
    }
    if (!nickname) throw refusedJoin(400, "nickname-needed");
    // Compared by confusable skeleton: "Ｄｍｉｔｒｉ" or "Dm1tri" is not a second Dmitri.
    const key = nicknameSkeleton(nickname);
    if (this.kicked.has(key)) throw refusedJoin(403, "removed-from-class");
    if (this.state.locked) throw refusedJoin(403, "class-locked");
    for (const p of this.state.players.values()) {
      if (this.skeletonOf(p.nickname) === key) throw refusedJoin(409, "nickname-taken", { nickname });
    }
    return { host: false, nickname };
  }

  override onJoin(client: Client, _options: unknown, auth: Auth): void {
    client.userData = this.newClientData(client.sessionId, auth.host, auth.address);
    if (auth.host) {
      this.state.hostConnected = true;
    } else if (!this.seatPlayer(client.sessionId, auth.nickname)) {
      client.send(S2C.error, { code: "full", refusal: refusal("class-full") });
    }
    this.watch(client, this.state.players.get(client.sessionId)?.team ?? null);
    this.sendResultsIfOver(client);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const d = this.data(client);
    if (!d) return;
    if (d.host) {
      this.state.hostConnected = this.clients.some((c) => c !== client && this.data(c)?.host);
      return;
    }
    if (!this.state.players.has(d.player)) return;
    if (consented || this.state.phase === "results") return this.unseat(d.player);
    this.setAway(d.player, true);
    try {
      const back = await this.allowReconnection(client, RECONNECT_SECONDS);
      back.userData = d;
      this.watch(back, this.state.players.get(d.player)?.team ?? null);
      d.lastView = undefined; // the new connection has not seen the private view yet
      this.setAway(d.player, false);
      log.info(`room ${this.roomId}: ${this.nicknames.get(d.player)} reconnected`);
    } catch {
      this.unseat(d.player);
    }
  }

  protected override classroomAction(action: HostAction): Refusal | null {
    switch (action.type) {
      case "lock":
        this.state.locked = action.locked;
        // Listed as locked too, so the join screen's check says so before a student connects.
        void (action.locked ? this.lock() : this.unlock());
        return null;
      case "kick": {
        const player = this.state.players.get(action.player);
        if (!player) return refusal("no-player");
        this.kicked.add(nicknameSkeleton(player.nickname));
        const client = this.clients.find((c) => this.data(c)?.player === action.player);
        this.unseat(action.player);
        client?.leave(CLOSE.kicked); // the code only: the student's screen words it
        return null;
      }
      case "move": {
        const player = this.state.players.get(action.player);
        if (!player) return refusal("no-player");
        const team = this.state.teams.get(action.team);
        const target = team?.nodes.get(action.node);
        if (!target) return refusal("no-node-on-team", { node: action.node, team: action.team });
        if (target.holder && target.holder !== player.nickname)
          return refusal("seat-taken", { node: target.label, holder: target.holder });
        const nickname = player.nickname;
        this.unseat(action.player);
        if (!this.seatPlayer(action.player, nickname, { team: action.team, node: action.node }))
          return refusal("no-free-seat");
        const moved = this.state.players.get(action.player)!;
        const mover = this.clients.find((c) => this.data(c)?.player === action.player);
        if (mover) this.watch(mover, moved.team);
        if (moved.node !== action.node) return refusal("not-holdable", { node: target.label });
        return null;
      }
      default:
        return refusal("not-in-this-room");
    }
  }
}
