/**
 * A classroom: created by a teacher through the HTTP API (which hands out the host key), joined by
 * students with a short code. Private: reachable only by its code. Phases lobby → playing ⇄ paused →
 * results. Students are seated on bots' nodes, balanced; bots hold every seat without a human.
 */
import type { AuthContext, Client } from "@colyseus/core";
import { ServerError } from "@colyseus/core";
import { z } from "zod";
import {
  CLOSE,
  type HostAction,
  joinOptionsSchema,
  type Mode,
  S2C,
  type Scenario,
} from "../../../shared/index";
import { log } from "../log";
import { newJoinCode } from "./codes";
import { MatchRoom, RECONNECT_SECONDS } from "./MatchRoom";

/** Presence key holding every join code in use (shared by all processes with Redis). */
const CODES_KEY = "classroom:codes";

export interface ClassroomOptions {
  scenario: Scenario;
  /** The share code of a saved scenario, for the results history. */
  scenarioCode: string | null;
  mode: Mode;
  hostKey: string;
}

const createSchema = z.object({
  scenario: z.custom<Scenario>((v) => typeof v === "object" && v !== null),
  scenarioCode: z.string().nullable(),
  mode: z.enum(["versus", "coop"]),
  hostKey: z.string().min(16),
});

export class ClassroomRoom extends MatchRoom {
  override maxClients = 80;
  private hostKey = "";
  private readonly kicked = new Set<string>();

  override async onCreate(options: unknown): Promise<void> {
    const parsed = createSchema.safeParse(options);
    if (!parsed.success) throw new ServerError(400, "Create a class from the Host a class menu.");
    const { scenario, scenarioCode, mode, hostKey } = parsed.data as ClassroomOptions;
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

  override async onDispose(): Promise<void> {
    await this.presence.srem(CODES_KEY, this.roomId);
  }

  override onAuth(_client: Client, raw: unknown, _context: AuthContext): { host: boolean; nickname: string } {
    const parsed = joinOptionsSchema.safeParse(raw ?? {});
    if (!parsed.success)
      throw new ServerError(400, parsed.error.issues[0]?.message ?? "invalid join options");
    const { nickname, hostKey } = parsed.data;
    if (hostKey !== undefined) {
      if (hostKey !== this.hostKey) throw new ServerError(403, "That host key does not open this class.");
      return { host: true, nickname: "Host" };
    }
    if (!nickname) throw new ServerError(400, "Choose a nickname to join.");
    const key = nickname.toLocaleLowerCase();
    if (this.kicked.has(key)) throw new ServerError(403, "You were removed from this class.");
    if (this.state.locked) throw new ServerError(403, "This class is locked: ask your teacher.");
    for (const p of this.state.players.values()) {
      if (p.nickname.toLocaleLowerCase() === key)
        throw new ServerError(409, `"${nickname}" is taken in this class: choose another nickname.`);
    }
    return { host: false, nickname };
  }

  override onJoin(client: Client, _options: unknown, auth: { host: boolean; nickname: string }): void {
    client.userData = this.newClientData(client.sessionId, auth.host);
    if (auth.host) {
      this.state.hostConnected = true;
    } else if (!this.seatPlayer(client.sessionId, auth.nickname)) {
      client.send(S2C.error, { code: "full", message: "Every seat is taken: you are watching." });
    }
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
      d.lastView = undefined; // the new connection has not seen the private view yet
      this.setAway(d.player, false);
      log.info(`room ${this.roomId}: ${this.nicknames.get(d.player)} reconnected`);
    } catch {
      this.unseat(d.player);
    }
  }

  protected override classroomAction(action: HostAction): string | null {
    switch (action.type) {
      case "lock":
        this.state.locked = action.locked;
        return null;
      case "kick": {
        const player = this.state.players.get(action.player);
        if (!player) return "no such player";
        this.kicked.add(player.nickname.toLocaleLowerCase());
        const client = this.clients.find((c) => this.data(c)?.player === action.player);
        this.unseat(action.player);
        client?.leave(CLOSE.kicked, "You were removed from this class by the host.");
        return null;
      }
      case "move": {
        const player = this.state.players.get(action.player);
        if (!player) return "no such player";
        const team = this.state.teams.get(action.team);
        const target = team?.nodes.get(action.node);
        if (!target) return `there is no node ${action.node} on team ${action.team}`;
        if (target.holder && target.holder !== player.nickname)
          return `${target.label} is held by ${target.holder}`;
        const nickname = player.nickname;
        this.unseat(action.player);
        if (!this.seatPlayer(action.player, nickname, { team: action.team, node: action.node }))
          return "no free seat";
        const moved = this.state.players.get(action.player)!;
        if (moved.node !== action.node) return `${target.label} cannot be held by a player`;
        return null;
      }
      default:
        return "not available in this room";
    }
  }
}
