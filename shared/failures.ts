/**
 * Failure events: what each of the thirteen kinds does, to whom, and how it ends. A failure is applied to
 * every team's world at the same tick with the same magnitude; random choices come from a stream
 * derived from the match seed and the event's number, so both teams meet the same failure (the same
 * router, the same region, the same number of leavers). Where a failure lands is failure-targets.ts;
 * the newcomers some bring (a crowd, a botnet, strangers) are failure-spawners.ts.
 */

import { EXPLOIT_GRACE_TICKS, EXPLOIT_SPREAD_TICKS, TICKS_PER_SECOND } from "./constants";
import { type GameEvent, gameEvent, listParams } from "./events";
import { addFlashCrowd, addMaliciousPeers, launchBotnet } from "./failure-spawners";
import { DEFAULT_DURATION, DEFAULT_TARGET, regionsOf, resolveLink, resolveNodes } from "./failure-targets";
import { forgetHolders } from "./holders";
import { loseSessions } from "./hub";
import { takesUpdates } from "./nodes";
import { createRng, hashString, pick, type Rng } from "./random";
import { DEFAULT_MAGNITUDE, type FailureEvent } from "./scenario";
import { recountAvailability } from "./swarm";
import { clearQueue, cutLink, dropAll, setLoss } from "./transport";
import type { Architecture, Attack, Match, SimNode, World } from "./types";

export { teamName } from "./events";
export { canHit, DEFAULT_DURATION, DEFAULT_MAGNITUDE, DEFAULT_TARGET, hasRole } from "./failure-targets";

/** A node goes down until `until`: its queue and its in-progress work are lost. */
export function takeDown(match: Match, world: World, node: SimNode, until: number): void {
  const tick = match.tick;
  if (node.downUntil <= tick) {
    node.downSince = tick;
    loseSessions(match, world, node); // only when it goes down, not again while it is down
  }
  node.crashed = false;
  node.downUntil = Math.max(node.downUntil, until);
  clearQueue(world, node);
  if (node.server) {
    node.server.jobs.length = 0;
    node.server.fetching.clear();
  }
  if (node.peer) {
    dropAll(world, node.peer.awaiting, "node-down");
    node.peer.awaiting = [];
    node.peer.pending = [];
  }
}

/** Starts a failure on every world of the match and records it. Returns its log index. */
export function startFailure(match: Match, event: FailureEvent, source: "scheduled" | "host"): number {
  const durationSec = event.duration ?? DEFAULT_DURATION[event.kind];
  const endTick = durationSec === undefined ? null : match.tick + Math.round(durationSec * TICKS_PER_SECOND);
  const log = match.failureLog.length;
  match.failureLog.push({ kind: event.kind, startTick: match.tick, endTick, effects: [], source });
  for (const world of match.worlds) {
    const rng = createRng(match.scenario.seed, `failure:${log}`);
    const effect = applyFailure(match, world, event, rng, endTick ?? Number.POSITIVE_INFINITY, log);
    match.failureLog[log]!.effects.push({ team: world.team, ...effect });
    match.log.push({ tick: match.tick, team: world.team, event: effect.event });
  }
  return log;
}

type Effect = { target: string; event: GameEvent; undo?: () => void };

/** What one failure does to one world. */
function applyFailure(
  match: Match,
  world: World,
  event: FailureEvent,
  rng: Rng,
  until: number,
  log: number,
): Effect {
  const kind = event.kind;
  const target = event.target ?? DEFAULT_TARGET[kind];
  const m = event.magnitude ?? DEFAULT_MAGNITUDE[kind];
  const tick = match.tick;
  const effect = ((): Effect => {
    switch (kind) {
      case "crash": {
        const [node] = resolveNodes(match, world, kind, target, 1, rng);
        if (!node) return none(world.team, target);
        takeDown(match, world, node, until);
        node.crashed = true;
        return { target: node.id, event: gameEvent("crashed", { node: node.label }) };
      }
      case "disk-failure": {
        const [node] = resolveNodes(match, world, kind, target, 1, rng);
        if (!node) return none(world.team, target);
        if (node.server) {
          node.server.content = node.server.content.map(() => 0);
          node.server.diskFailed = true;
          node.server.fetching.clear();
        } else {
          const p = node.peer!;
          p.have = p.have.map(() => 0);
          p.diskFailed = true;
          forgetHolders(world);
          p.corrupt = p.corrupt.map(() => 0);
          p.forged = p.forged.map(() => 0);
          p.harmfulFrom.clear();
          if (node.user) node.user.got = 0;
          recountAvailability(world);
        }
        const backup = node.server ? node.server.backup : node.peer?.backup;
        return {
          target: node.id,
          event: gameEvent(backup ? "disk-lost-backed-up" : "disk-lost", { node: node.label }),
        };
      }
      case "link-cut": {
        const link = resolveLink(world, target, rng);
        if (!link) return none(world.team, target);
        cutLink(world, link, tick);
        return {
          target: link.id,
          event: gameEvent("link-cut", { link: link.id }),
          undo: () => {
            link.up = true;
          },
        };
      }
      case "congestion": {
        const link = resolveLink(world, target, rng);
        if (!link) return none(world.team, target);
        link.bandwidth = Math.max(1, Math.floor(link.baseBandwidth * m));
        link.latency = Math.ceil(link.baseLatency * Math.min(4, 1 / m));
        return {
          target: link.id,
          event: gameEvent("link-congested", { link: link.id }),
          undo: () => {
            link.bandwidth = link.baseBandwidth;
            link.latency = link.baseLatency;
          },
        };
      }
      case "packet-loss": {
        const link = resolveLink(world, target, rng);
        if (!link) return none(world.team, target);
        setLoss(link, m);
        return {
          target: link.id,
          event: gameEvent("link-losing", { link: link.id, percent: Math.round(m * 100) }),
          undo: () => {
            setLoss(link, 0);
          },
        };
      }
      case "flash-crowd": {
        addFlashCrowd(match, world, Math.round(m), log);
        return { target: "workload", event: gameEvent("crowd-arrived", { users: Math.round(m) }) };
      }
      case "ddos": {
        const [victim] = resolveNodes(match, world, kind, target, 1, rng);
        if (!victim) return none(world.team, target);
        const sources = launchBotnet(match, world, victim, m, until, log);
        return {
          target: victim.id,
          event: gameEvent("ddos", { node: victim.label }),
          undo: () => {
            for (const b of sources) {
              b.gone = true;
              b.botnet = null;
            }
          },
        };
      }
      case "breach": {
        const [node] = resolveNodes(match, world, kind, target, 1, rng);
        if (!node) return none(world.team, target);
        if (node.server) {
          node.server.breached = true;
          node.server.breachedSince = tick;
        } else {
          // The hacker tampers with the seed's files: what it sends fails every other peer's hash check.
          const p = node.peer!;
          p.breached = true;
          p.corrupt = p.have.slice();
        }
        return { target: node.id, event: gameEvent("hacked", { node: node.label }) };
      }
      case "churn": {
        const leavers = resolveNodes(match, world, kind, target, Math.round(m), rng);
        if (leavers.length === 0) return none(world.team, target);
        for (const n of leavers) {
          takeDown(match, world, n, 0);
          n.gone = true;
        }
        recountAvailability(world);
        const back = until < Number.POSITIVE_INFINITY;
        const names = listParams(
          "node",
          leavers.map((n) => n.label),
        );
        return {
          target: leavers.map((n) => n.id).join(","),
          event: gameEvent(back ? "left-for-a-while" : "left-for-good", names),
          undo: back
            ? () => {
                for (const n of leavers) n.gone = false;
                recountAvailability(world);
              }
            : undefined,
        };
      }
      case "malicious-peer": {
        if (world.team !== "swarm")
          return { target: "", event: gameEvent("no-stranger-in-hub", { team: world.team }) };
        const ids = addMaliciousPeers(world, Math.round(m), log, match);
        return { target: ids.join(","), event: gameEvent("malicious-peer-joined") };
      }
      case "outage": {
        const regions = regionsOf(world);
        const region =
          target === "random"
            ? pick(rng, regions)
            : regions.find((r) => r.toLowerCase() === target.toLowerCase());
        if (!region) return none(world.team, target);
        for (const n of world.nodes) if (n.region === region && !n.gone) takeDown(match, world, n, until);
        return { target: region, event: gameEvent("power-outage", { region }) };
      }
      case "wiretap": {
        const [node] = resolveNodes(match, world, kind, target, 1, rng);
        if (!node) return none(world.team, target);
        node.router!.wiretapUntil = until;
        return { target: node.id, event: gameEvent("wiretapped", { node: node.label }) };
      }
      case "exploit": {
        publishHole(match, world, m, until, log);
        return { target: "network", event: gameEvent("security-hole") };
      }
    }
  })();
  if (effect.undo && until < Number.POSITIVE_INFINITY) {
    match.active.push({ log, team: world.team, kind, endTick: until, undo: effect.undo });
  }
  return effect;
}

/**
 * A security hole is published: every machine of the world lacks one more update. Attackers reach
 * a share `share` of the machines (the same ones for the same seed), each at its own moment between
 * EXPLOIT_GRACE_TICKS and that plus EXPLOIT_SPREAD_TICKS after now, while the exploit lasts; a machine
 * that has installed the update by then is safe (spreadInfections).
 */
function publishHole(match: Match, world: World, share: number, until: number, log: number): void {
  const hole = ++world.holes;
  const attacks: Attack[] = [];
  for (const node of world.nodes) {
    if (!takesUpdates(node)) continue;
    const draw = hashString(`exploit:${match.scenario.seed}:${log}:${node.id}`) >>> 0;
    if (draw % 1000 >= share * 1000) continue;
    const tick = match.tick + EXPLOIT_GRACE_TICKS + (Math.floor(draw / 1000) % EXPLOIT_SPREAD_TICKS);
    if (tick < until) attacks.push({ tick, node: node.index, hole, until });
  }
  world.attacks = [...world.attacks, ...attacks].sort((a, b) => a.tick - b.tick || a.node - b.node);
}

/**
 * Attacks that are due land: a machine still without the hole's update is got into, and leaks every
 * data packet it sends or is sent until its update is installed (the "update" decision cleans it).
 * Counts the machine time attackers hold (survival's share for security holes). Called every tick
 * once a hole is out.
 */
export function spreadInfections(match: Match, world: World): void {
  const attacks = world.attacks;
  let done = 0;
  while (done < attacks.length && attacks[done]!.tick <= match.tick) {
    const a = attacks[done++]!;
    const node = world.nodes[a.node]!;
    if (node.gone || node.infected || node.updates >= a.hole || match.tick >= a.until) continue;
    node.infected = true;
    world.stats.infections++;
  }
  if (done > 0) world.attacks = attacks.slice(done);
  for (const node of world.nodes) if (node.infected && !node.gone) world.stats.infectedTicks++;
}

function none(team: Architecture, target: string): Effect {
  return { target: "", event: gameEvent("no-target", { team, target }) };
}

/** Ends failures whose time is up (links back, congestion over, botnets gone, leavers return). */
export function endFailures(match: Match): void {
  if (match.active.length === 0) return;
  const still = [];
  for (const a of match.active) {
    if (a.endTick <= match.tick) a.undo();
    else still.push(a);
  }
  match.active = still;
}
