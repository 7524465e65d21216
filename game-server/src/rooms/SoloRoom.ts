/**
 * A solo room: one player and bots, for levels and the sandbox. The player is their own host: they
 * start, pause and end the round, and may trigger failures (sandbox).
 */
import type { Client } from "@colyseus/core";
import { ServerError } from "@colyseus/core";
import { soloOptionsSchema } from "../../../shared/index";
import { log } from "../log";
import { MatchRoom } from "./MatchRoom";
import { findScenario, withDuration } from "./scenarios";

export class SoloRoom extends MatchRoom {
  override maxClients = 1;
  private wish: { team: "hub" | "swarm"; node: string } | undefined;
  private nickname = "Player";

  override async onCreate(raw: unknown): Promise<void> {
    const parsed = soloOptionsSchema.safeParse(raw ?? {});
    if (!parsed.success)
      throw new ServerError(400, parsed.error.issues[0]?.message ?? "invalid solo options");
    const options = parsed.data;
    const found = await findScenario(options.scenario);
    if (!found) throw new ServerError(404, `There is no scenario "${options.scenario}".`);
    const base = found.scenario;
    this.filing = { hostKey: null, scenarioCode: found.code, mode: "solo" };
    const topology = options.topology ?? (base.topology === "versus" ? "hub" : base.topology);
    const scenario = withDuration({ ...base, topology }, options.duration);
    await this.setPrivate(true);
    this.state.mode = "solo";
    this.state.code = this.roomId;
    await this.setupMatch(scenario);
    if (options.node) {
      const world = this.match.worlds[0]!;
      if (!world.idIndex.has(options.node))
        throw new ServerError(400, `There is no node ${options.node} in this scenario.`);
      this.wish = { team: world.team, node: options.node };
    }
    if (options.nickname) this.nickname = options.nickname;
    log.info(`room ${this.roomId}: solo (${scenario.name}, ${topology})`);
  }

  override onJoin(client: Client): void {
    client.userData = this.newClientData(client.sessionId, true);
    this.state.hostConnected = true;
    if (!this.seatPlayer(client.sessionId, this.nickname, this.wish))
      throw new ServerError(409, "No seat to play.");
    this.sendResultsIfOver(client);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const d = this.data(client);
    if (!d || consented || this.state.phase === "results") return;
    this.setAway(d.player, true);
    try {
      const back = await this.allowReconnection(client, 60);
      back.userData = d;
      d.lastView = undefined; // the new connection has not seen the private view yet
      this.setAway(d.player, false);
    } catch {
      this.unseat(d.player);
    }
  }
}
