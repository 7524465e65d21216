/**
 * A match: one scenario, one or two worlds (hub, swarm, or both for versus), one clock. `stepMatch`
 * is the whole simulation step; its sub-step order is a contract that the server and tests rely on:
 *
 *   1. apply intents queued since the last tick (re-validated: the state may have moved on)
 *   2. end failures whose time is up, start scheduled ones that are due; attacks through open
 *      security holes land
 *   3. per world: refill link budgets, land arriving packets, step every node in index order,
 *      botnets last; distance-vector round every DV_PERIOD; running costs; goodput bookkeeping
 *   4. bots decide (every BOT_PERIOD), queued for the next tick like anyone's intents
 *   5. the clock advances; the round ends at endTick
 *
 * Pure: a function of the scenario, the seed and the intents, in the ticks they were queued.
 */
import { applyHostIntent, applyNodeIntent } from "./actions";
import { decideBots } from "./bots";
import {
  BOT_PERIOD,
  CLIENT_UPKEEP_PER_MINUTE,
  DV_PERIOD,
  HUB_ADMIN_PER_MINUTE,
  PRICES,
  SIM_RULES,
  TICKS_PER_SECOND,
} from "./constants";
import { stepDistanceVector } from "./distance-vector";
import { refusedEvent } from "./events";
import { endFailures, spreadInfections, startFailure } from "./failures";
import { arriveAtClient, arriveAtServer, stepClient, stepServer } from "./hub";
import { type Intent, type IntentResult, isHostIntent, validateIntent } from "./intents";
import { setUpLevel } from "./level-setup";
import { buildWorld } from "./map";
import { fullMask } from "./nodes";
import { createRng } from "./random";
import { arriveAtRouter, initRouting, stepRouter } from "./routing";
import type { Scenario } from "./scenario";
import { arriveAtPeer, recountAvailability, stepPeer, unreachable } from "./swarm";
import {
  canSend,
  createPacket,
  creditsRouters,
  deliver,
  drop,
  isDown,
  resetLinkBudgets,
  sendFromEndpoint,
  stepLinks,
  truncate,
} from "./transport";
import type { Actor, Architecture, Match, Packet, SimNode, World } from "./types";
import { swarmUpkeepPerMinute } from "./view-rules";
import { assignWants, currentWant, messageInterval, wantsFor } from "./workload";

/** The architectures a scenario's topology plays. */
export function teamsOf(topology: Scenario["topology"]): Architecture[] {
  return topology === "versus" ? ["hub", "swarm"] : [topology];
}

/**
 * A match of `scenario` at its first tick. `rules` replays a stored match under the rules it was played
 * under (SIM_RULES when new).
 */
export function createMatch(
  scenario: Scenario,
  options: { teams?: Architecture[]; rules?: number } = {},
): Match {
  const rules = options.rules ?? SIM_RULES;
  if (!Number.isInteger(rules) || rules < 1 || rules > SIM_RULES)
    throw new Error(`rules ${rules}: this server plays rules 1 to ${SIM_RULES}`);
  const w = scenario.workload;
  const match: Match = {
    scenario,
    ctx: {
      items: w.items,
      chunks: w.chunksPerItem,
      full: fullMask(w.chunksPerItem),
      thinkTicks: Math.round(w.thinkTime * TICKS_PER_SECOND),
      messageEvery: messageInterval(scenario),
      rules,
    },
    tick: 0,
    endTick: Math.round(scenario.duration * TICKS_PER_SECOND),
    paused: false,
    ended: false,
    worlds: [],
    queued: [],
    record: [],
    schedule: [...scenario.failures].sort((a, b) => a.at - b.at),
    nextScheduled: 0,
    failureLog: [],
    hostFailures: [],
    hostFailuresToPlay: [],
    nextHostFailureToPlay: 0,
    active: [],
    log: [],
    nextPacketId: 1,
    loopRoutes: new WeakSet(),
    recordTransits: false,
    transits: [],
  };
  for (const team of options.teams ?? teamsOf(scenario.topology)) {
    const world = buildWorld(scenario, team, createRng(scenario.seed, `world:${team}`));
    const users = world.users.length;
    world.users.forEach((u, slot) => {
      const { wants, from } = wantsFor(scenario, slot, users);
      assignWants(world.nodes[u]!.user!, wants, from, match.ctx.messageEvery, slot);
    });
    initRouting(world, rules);
    recountAvailability(world);
    const routers = world.nodes.filter((n) => n.kind === "router").length;
    world.spent.setup = routers * PRICES.router + world.servers.length * PRICES.server;
    match.worlds.push(world);
  }
  setUpLevel(match);
  return match;
}

/** Queues an intent for the next tick if it is valid now; otherwise returns why and changes nothing. */
export function submitIntent(match: Match, actor: Actor, intent: Intent): IntentResult {
  const result = validateIntent(match, actor, intent);
  if (result.ok) match.queued.push({ actor, intent });
  return result;
}

/** Advances the match by one tick (nothing happens while paused or after the end). */
export function stepMatch(match: Match): void {
  if (match.ended) return;
  truncate(match.transits, 0);
  const play = match.hostFailuresToPlay;
  while (match.nextHostFailureToPlay < play.length && play[match.nextHostFailureToPlay]!.tick <= match.tick) {
    const { failure } = play[match.nextHostFailureToPlay++]!;
    match.queued.push({ actor: { kind: "host" }, intent: { type: "trigger", failure } });
  }
  applyQueued(match);
  if (match.paused) return;
  endFailures(match);
  while (match.nextScheduled < match.schedule.length) {
    const event = match.schedule[match.nextScheduled]!;
    if (Math.round(event.at * TICKS_PER_SECOND) > match.tick) break;
    startFailure(match, event, "scheduled");
    match.nextScheduled++;
  }
  for (const world of match.worlds) {
    if (world.holes > 0) spreadInfections(match, world);
    stepWorld(match, world);
  }
  if (match.tick % BOT_PERIOD === 0) {
    for (const world of match.worlds)
      for (const intent of decideBots(match, world)) submitIntent(match, { kind: "bot" }, intent);
  }
  match.tick++;
  const end = match.tick >= match.endTick;
  if (end) {
    match.ended = true;
    for (const world of match.worlds) closeSecond(match, world, true);
  }
}

function applyQueued(match: Match): void {
  if (match.queued.length === 0) return;
  const queued = match.queued;
  match.queued = [];
  for (const { actor, intent } of queued) {
    const check = validateIntent(match, actor, intent);
    if (!check.ok) {
      if (actor.kind !== "bot")
        match.log.push({ tick: match.tick, team: null, event: refusedEvent(check.refusal) });
      continue;
    }
    apply(match, intent);
    if (actor.kind !== "bot") match.record.push({ tick: match.tick, actor, intent });
  }
}

function apply(match: Match, intent: Intent): void {
  if (isHostIntent(intent)) applyHostIntent(match, intent);
  else applyNodeIntent(match, intent);
}

/**
 * Applies a decision at once, between two ticks (a seat taken or given back, a player away, time
 * added): validated like any other, and recorded, so the match still replays from its record.
 */
export function applyNow(match: Match, actor: Actor, intent: Intent): IntentResult {
  const check = validateIntent(match, actor, intent);
  if (!check.ok) return check;
  apply(match, intent);
  if (actor.kind !== "bot") match.record.push({ tick: match.tick, actor, intent, now: true });
  return check;
}

function stepWorld(match: Match, world: World): void {
  resetLinkBudgets(world);
  stepLinks(match, world, (packet, at) => arrive(match, world, packet, at));
  for (const node of world.nodes) {
    switch (node.kind) {
      case "router":
        if (!isDown(node, match.tick)) stepRouter(match, world, node);
        break;
      case "server":
      case "origin":
        stepServer(match, world, node);
        break;
      case "client":
        stepClient(match, world, node);
        break;
      case "peer":
        stepPeer(match, world, node);
        break;
      case "botnet":
        stepBotnet(match, world, node);
        break;
    }
  }
  if (match.tick > 0 && match.tick % DV_PERIOD === 0) stepDistanceVector(world, match.tick);
  chargeRunningCosts(world);
  closeSecond(match, world, false);
}

/** Where an arriving packet goes: a down node loses it, a router queues it, an endpoint takes it. */
function arrive(match: Match, world: World, packet: Packet, at: number): void {
  const node = world.nodes[at]!;
  if (isDown(node, match.tick)) {
    unreachable(world, packet, match.tick);
    return drop(world, packet, "node-down");
  }
  if (node.kind === "router") return arriveAtRouter(world, node, packet, match.tick);
  if (packet.dst !== at) return drop(world, packet, "no-route"); // misrouted into a dead end
  if (creditsRouters(packet)) for (const r of packet.via) world.nodes[r]!.counters.delivered++;
  truncate(packet.via, 0); // a packet sent on again (a relayed message) is credited again for its next leg only
  switch (node.kind) {
    case "client":
      return arriveAtClient(match, world, node, packet);
    case "server":
    case "origin":
      return arriveAtServer(match, world, node, packet);
    case "peer":
      return arriveAtPeer(match, world, node, packet);
    default:
      return deliver(world);
  }
}

function stepBotnet(match: Match, world: World, node: World["nodes"][number]): void {
  const b = node.botnet;
  if (!b || node.gone || match.tick >= b.until) return;
  for (let k = 0; k < b.rate && canSend(world, node); k++) {
    sendFromEndpoint(match, world, node, createPacket(match, world, "junk", node, b.target));
  }
}

/** Running costs, per tick: servers (or their cloud rent), backups, routers. */
function chargeRunningCosts(world: World): void {
  // One pass over the nodes for both: running costs, and the machines that need upkeep.
  let perMinute = 0;
  let machines = 0;
  for (const n of world.nodes) {
    if (n.gone) continue;
    if (isUpkept(n)) machines++;
    if (n.kind === "router") perMinute += PRICES.routerRunningPerMinute;
    else if (n.kind === "server") {
      const s = n.server!;
      if (s.cloud) world.stats.cloudTicks++;
      perMinute += s.cloud
        ? PRICES.cloudPerMinute
        : PRICES.serverRunningPerMinute + (s.backup ? PRICES.backupPerMinute : 0);
      if (s.stateless && !s.replica) perMinute += PRICES.sessionStorePerMinute;
    } else if (n.peer?.backup) perMinute += PRICES.peerBackupPerMinute;
  }
  world.spent.running += perMinute / (60 * TICKS_PER_SECOND);
  world.spent.upkeep += upkeepOf(world, machines) / (60 * TICKS_PER_SECOND);
}

/**
 * Upkeep of the users' computers per minute (constants.ts: CLIENT_UPKEEP_PER_MINUTE): central for a
 * hub's clients; each peer on its own, dearer the more peers there are (malicious strangers are
 * nobody's upkeep).
 */
export function upkeepPerMinute(world: World): number {
  let machines = 0;
  for (const n of world.nodes) if (!n.gone && isUpkept(n)) machines++;
  return upkeepOf(world, machines);
}

function isUpkept(n: SimNode): boolean {
  return n.kind === "client" || (n.peer !== null && !n.peer.malicious);
}

function upkeepOf(world: World, machines: number): number {
  if (world.team === "hub")
    return machines * CLIENT_UPKEEP_PER_MINUTE + (world.servers.length > 0 ? HUB_ADMIN_PER_MINUTE : 0);
  return swarmUpkeepPerMinute(machines);
}

/** At each whole second, records that second's goodput and demand. */
function closeSecond(match: Match, world: World, final: boolean): void {
  const next = match.tick + 1;
  if (!final && next % TICKS_PER_SECOND !== 0) return;
  if (final && match.tick % TICKS_PER_SECOND === 0) return;
  const st = world.stats;
  st.goodput.push(st.usefulChunks - st.usefulAtSecond);
  st.usefulAtSecond = st.usefulChunks;
  let wanting = 0;
  for (const u of world.users) {
    const node = world.nodes[u]!;
    if (!node.gone && currentWant(node.user!, match.tick) >= 0) wanting++;
  }
  st.demand.push(wanting);
}

/** Runs to the end with bots in every seat (or whatever seats were assigned), as fast as it can. */
export function runMatch(match: Match): Match {
  while (!match.ended) stepMatch(match);
  return match;
}
