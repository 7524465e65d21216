/**
 * A solo room: one player and bots, for levels and the sandbox. The player is their own host: they
 * start, pause and end the round, and may trigger failures (sandbox). A level is looked up here, on
 * the server, by its id: its node, its architecture, its length and its star thresholds never come
 * from the browser.
 */
import type { AuthContext, Client } from "@colyseus/core";
import {
  findLevel,
  type HostAction,
  type LevelInfo,
  levelOutcome,
  levelPlay,
  type MatchResult,
  type Refusal,
  refusal,
  type Scenario,
  type SoloOptions,
  soloOptionsRefusal,
  soloOptionsSchema,
} from "../../../shared/index";
import { findScenario, withDuration } from "../app/scenarios";
import { services } from "../app/services";
import { addressOfAuth } from "../edge/addresses";
import { log } from "../ops/log";
import { MatchRoom } from "./MatchRoom";
import { refusedJoin } from "./refused-join";
import { releaseRoom } from "./registry";

export class SoloRoom extends MatchRoom {
  override maxClients = 1;
  private wish: { team: "hub" | "swarm"; node: string } | undefined;
  private nickname = "Player";
  private level: LevelInfo | null = null;
  /** The player ended a level before its time was up: no stars for that attempt. */
  private gaveUp = false;
  /** The address this game counts against (set when its player first connects). */
  private openedFor: string | null = null;

  override async onCreate(raw: unknown): Promise<void> {
    const parsed = soloOptionsSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      const why = soloOptionsRefusal(parsed.error, raw);
      throw refusedJoin(400, why.code, why.params);
    }
    const options = parsed.data;
    const { scenario, node, code } = options.level
      ? this.levelScenario(options.level, options)
      : await sandbox(options);
    this.filing = { hostKey: null, scenarioCode: code, mode: "solo" };
    await this.setPrivate(true);
    this.state.mode = "solo";
    this.state.code = this.roomId;
    await this.setupMatch(scenario);
    if (node) {
      const world = this.match.worlds[0]!;
      if (!world.idIndex.has(node)) throw refusedJoin(400, "no-scenario-node", { node });
      this.wish = { team: world.team, node };
    }
    if (options.nickname) this.nickname = options.nickname;
    const what = this.level ? `level ${this.level.number} ${this.level.id}` : scenario.name;
    log.info(`room ${this.roomId}: solo (${what}, ${scenario.topology})`);
  }

  /** A level plays as written: its own node and length; only the architecture may be picked, if it asks. */
  private levelScenario(id: string, options: SoloOptions): Chosen {
    const info = findLevel(id);
    if (!info) throw refusedJoin(404, "no-level", { level: id });
    if (options.node || options.duration) throw refusedJoin(400, "level-sets-node");
    const scenario = levelPlay(info, options.topology);
    if (typeof scenario === "string") {
      const { choose } = info.scenario.level;
      throw refusedJoin(400, choose ? "level-needs-choice" : "level-played-as", {
        level: info.number,
        topology: info.scenario.topology,
      });
    }
    this.level = info;
    return { scenario, node: info.scenario.level.node, code: null };
  }

  /** A level plays as written: no failures of your own making, no extra time. Ending early gives up. */
  protected override hostAction(client: Client, action: HostAction): Refusal | null {
    if (this.level && (action.type === "trigger" || action.type === "add-time"))
      return refusal("level-as-written");
    // Set before the round ends: ending it computes the results at once.
    const running = this.state.phase === "playing" || this.state.phase === "paused";
    if (this.level && action.type === "end" && running) this.gaveUp = true;
    return super.hostAction(client, action);
  }

  /** A level's results carry its stars, counted here with the level's own thresholds. */
  protected override completeResults(results: MatchResult): void {
    const team = results.teams[0];
    if (!this.level || !team) return;
    const outcome = levelOutcome(this.level, team.team, team.scores);
    results.level = this.gaveUp
      ? {
          ...outcome,
          stars: { speed: 0, cost: 0, survival: 0 },
          passed: false,
          hints: [],
          gaveUp: true,
        }
      : outcome;
  }

  /**
   * The player's address, counted against its cap of open solo games (across processes, in presence)
   * until this room closes: a class of forty each in a level fits; a script opening hundreds does not.
   */
  override async onAuth(
    _client: Client,
    _options: unknown,
    context: AuthContext,
  ): Promise<{ address: string }> {
    const address = addressOfAuth(context);
    if (this.openedFor === null) {
      if (!(await services().limits.openSolo(address))) throw refusedJoin(429, "too-many-solo-games");
      this.openedFor = address;
    }
    return { address };
  }

  override async onDispose(): Promise<void> {
    releaseRoom(this);
    if (this.openedFor !== null) await services().limits.closeSolo(this.openedFor);
  }

  override onJoin(client: Client, _options: unknown, auth: { address: string }): void {
    client.userData = this.newClientData(client.sessionId, true, auth.address);
    this.state.hostConnected = true;
    if (!this.seatPlayer(client.sessionId, this.nickname, this.wish))
      throw refusedJoin(409, "no-seat-to-play");
    this.watch(client, null); // a learner sees every network the level plays
    this.sendResultsIfOver(client);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const d = this.data(client);
    if (!d || consented || this.state.phase === "results") return;
    this.setAway(d.player, true);
    try {
      const back = await this.allowReconnection(client, 60);
      back.userData = d;
      this.watch(back, null);
      d.lastView = undefined; // the new connection has not seen the private view yet
      this.setAway(d.player, false);
    } catch {
      this.unseat(d.player);
    }
  }
}

/** What a solo room plays: the scenario, the node asked for, and the share code of a saved scenario. */
interface Chosen {
  scenario: Scenario;
  node: string | undefined;
  code: string | null;
}

/** The sandbox: any scenario, built in or saved, on the architecture asked for (the hub when it is versus). */
async function sandbox(options: SoloOptions): Promise<Chosen> {
  const name = options.scenario ?? "";
  const found = await findScenario(name);
  if (!found) throw refusedJoin(404, "no-scenario", { scenario: name });
  const base = found.scenario;
  const topology = options.topology ?? (base.topology === "versus" ? "hub" : base.topology);
  return {
    scenario: withDuration({ ...base, topology }, options.duration),
    node: options.node,
    code: found.code,
  };
}
