/**
 * Failure events: what each of the twelve kinds does, to whom, and how it ends. A failure is applied to
 * every team's world at the same tick with the same magnitude; random choices come from a stream
 * derived from the match seed and the event's number, so both teams meet the same failure (the same
 * router, the same region, the same number of leavers). "busiest" is each world's own busiest node.
 */
import { BOTNET_RATE, BOTNET_SOURCES, TICKS_PER_SECOND } from "./constants";
import { forgetHolders } from "./holders";
import { loseSessions } from "./hub";
import { addEndpoint, addUser, newPeer } from "./map";
import { createRng, nextInt, pick, type Rng } from "./random";
import { addRoutesTo } from "./routing";
import { DEFAULT_MAGNITUDE, type FailureEvent, type FailureKind } from "./scenario";
import { recountAvailability } from "./swarm";
import { clearQueue, cutLink, dropAll } from "./transport";
import type { Architecture, Link, Match, SimNode, World } from "./types";
import { assignWants } from "./workload";

/** Default duration, in seconds, of kinds that last a while. Kinds missing here are instantaneous. */
export const DEFAULT_DURATION: Partial<Record<FailureKind, number>> = {
  crash: 20,
  "link-cut": 30,
  congestion: 30,
  "packet-loss": 30,
  ddos: 20,
  outage: 25,
  wiretap: 60,
};

export { DEFAULT_MAGNITUDE } from "./scenario";

/** The target a failure without one aims at. */
export const DEFAULT_TARGET: Record<FailureKind, string> = {
  crash: "role:source",
  "disk-failure": "role:source",
  "link-cut": "busiest",
  congestion: "busiest",
  "packet-loss": "busiest",
  "flash-crowd": "",
  ddos: "role:source",
  breach: "role:source",
  churn: "random",
  "malicious-peer": "",
  outage: "random",
  wiretap: "busiest",
};

/** Which kinds of node a failure can hit. */
const ELIGIBLE: Partial<Record<FailureKind, (n: SimNode) => boolean>> = {
  crash: (n) => n.kind === "router" || n.kind === "server" || n.kind === "peer" || n.kind === "tracker",
  "disk-failure": (n) => n.kind === "server" || n.kind === "peer",
  ddos: (n) => n.kind === "server" || n.kind === "peer",
  breach: (n) => n.kind === "server" || (n.kind === "peer" && n.peer!.seed),
  churn: (n) => n.user !== null || n.peer?.seed === true,
  wiretap: (n) => n.kind === "router",
};

/** Whether a failure of this kind can hit this node (kinds aimed at links, regions or nothing: never). */
export function canHit(kind: FailureKind, node: SimNode): boolean {
  return ELIGIBLE[kind]?.(node) ?? false;
}

/** Whether a node matches a role filter. "source" is where content lives: servers, or seeds. */
export function hasRole(node: SimNode, role: string): boolean {
  switch (role) {
    case "server":
      return node.kind === "server";
    case "origin":
      return node.kind === "origin";
    case "router":
      return node.kind === "router";
    case "client":
      return node.kind === "client";
    case "peer":
      return node.kind === "peer";
    case "user":
      return node.user !== null;
    case "seed":
      return node.peer?.seed === true;
    case "source":
      return node.kind === "server" || node.peer?.seed === true;
    default:
      return false;
  }
}

function candidates(world: World, kind: FailureKind, target: string): SimNode[] {
  const eligible = world.nodes.filter((n) => !n.gone && canHit(kind, n));
  if (target === "random") return eligible;
  if (target.startsWith("role:")) return eligible.filter((n) => hasRole(n, target.slice(5)));
  return eligible.filter((n) => n.id === target);
}

/**
 * Node targets of a failure in one world: up to `count` nodes; empty when nothing fits. "random" and
 * role filters draw from the slots every world shares (the same routers, holders and users), so both
 * teams lose the same slot; "busiest" is each world's own busiest node.
 */
export function resolveNodes(
  match: Match,
  world: World,
  kind: FailureKind,
  target: string,
  count: number,
  rng: Rng,
): SimNode[] {
  if (target === "busiest") {
    const eligible = candidates(world, kind, "random");
    const best = eligible.reduce<SimNode | null>(
      (b, n) => (!b || n.counters.work > b.counters.work ? n : b),
      null,
    );
    return best ? [best] : [];
  }
  let pool = candidates(world, kind, target);
  const shared = match.worlds.map((w) => new Set(candidates(w, kind, target).map((n) => n.id)));
  const common = pool.filter((n) => shared.every((ids) => ids.has(n.id)));
  if (common.length > 0) pool = common;
  // Draw without replacement; the draw sequence is the same in every world.
  const chosen: SimNode[] = [];
  const rest = pool.slice();
  while (chosen.length < count && rest.length > 0) chosen.push(rest.splice(nextInt(rng, rest.length), 1)[0]!);
  return chosen;
}

export function resolveLink(world: World, target: string, rng: Rng): Link | null {
  const core = world.links.filter(
    (l) => world.nodes[l.a]!.kind === "router" && world.nodes[l.b]!.kind === "router",
  );
  if (target === "busiest")
    return core.reduce<Link | null>((b, l) => (l.up && (!b || l.carried > b.carried) ? l : b), null);
  if (target === "random" || target === "role:core") return core.length ? pick(rng, core) : null;
  if (target === "role:access") {
    const access = world.links.filter((l) => !core.includes(l));
    return access.length ? pick(rng, access) : null;
  }
  const [a, b] = target.split("-");
  return world.links.find((l) => l.id === target || l.id === `${b}-${a}`) ?? null;
}

function regionsOf(world: World): string[] {
  return [...new Set(world.nodes.filter((n) => n.kind === "router").map((n) => n.region))];
}

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
    match.log.push({ tick: match.tick, team: world.team, text: effect.note });
  }
  return log;
}

type Effect = { target: string; note: string; undo?: () => void };

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
  const team = teamName(world.team);
  const effect = ((): Effect => {
    switch (kind) {
      case "crash": {
        const [node] = resolveNodes(match, world, kind, target, 1, rng);
        if (!node) return none(team, target);
        takeDown(match, world, node, until);
        node.crashed = true;
        return { target: node.id, note: `${node.label} crashed` };
      }
      case "disk-failure": {
        const [node] = resolveNodes(match, world, kind, target, 1, rng);
        if (!node) return none(team, target);
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
        const backup = (node.server ? node.server.backup : node.peer?.backup)
          ? " (a backup exists)"
          : " (no backup!)";
        return { target: node.id, note: `${node.label} lost its disk${backup}` };
      }
      case "link-cut": {
        const link = resolveLink(world, target, rng);
        if (!link) return none(team, target);
        cutLink(world, link, tick);
        return {
          target: link.id,
          note: `Link ${link.id} was cut`,
          undo: () => {
            link.up = true;
          },
        };
      }
      case "congestion": {
        const link = resolveLink(world, target, rng);
        if (!link) return none(team, target);
        link.bandwidth = Math.max(1, Math.floor(link.baseBandwidth * m));
        link.latency = Math.ceil(link.baseLatency * Math.min(4, 1 / m));
        return {
          target: link.id,
          note: `Link ${link.id} is congested`,
          undo: () => {
            link.bandwidth = link.baseBandwidth;
            link.latency = link.baseLatency;
          },
        };
      }
      case "packet-loss": {
        const link = resolveLink(world, target, rng);
        if (!link) return none(team, target);
        link.loss = m;
        return {
          target: link.id,
          note: `Link ${link.id} is losing ${Math.round(m * 100)}% of packets`,
          undo: () => {
            link.loss = 0;
          },
        };
      }
      case "flash-crowd": {
        addFlashCrowd(match, world, Math.round(m), log);
        return { target: "workload", note: `A crowd of ${Math.round(m)} new users arrived` };
      }
      case "ddos": {
        const [victim] = resolveNodes(match, world, kind, target, 1, rng);
        if (!victim) return none(team, target);
        const sources = launchBotnet(match, world, victim, m, until, log);
        return {
          target: victim.id,
          note: `${victim.label} is under a DDoS attack`,
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
        if (!node) return none(team, target);
        if (node.server) {
          node.server.breached = true;
          node.server.breachedSince = tick;
        } else {
          // The hacker tampers with the seed's files: what it sends fails every other peer's hash check.
          const p = node.peer!;
          p.breached = true;
          p.corrupt = p.have.slice();
        }
        return { target: node.id, note: `${node.label} was hacked: it serves corrupt data` };
      }
      case "churn": {
        const leavers = resolveNodes(match, world, kind, target, Math.round(m), rng);
        if (leavers.length === 0) return none(team, target);
        for (const n of leavers) {
          takeDown(match, world, n, 0);
          n.gone = true;
        }
        recountAvailability(world);
        const names = leavers.map((n) => n.label).join(", ");
        const back = until < Number.POSITIVE_INFINITY;
        return {
          target: leavers.map((n) => n.id).join(","),
          note: `${names} left the network${back ? " for a while" : " for good"}`,
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
          return { target: "", note: `${team}: no stranger can join a hub (no effect)` };
        const ids = addMaliciousPeers(world, Math.round(m), log, match);
        return { target: ids.join(","), note: `A malicious peer joined the swarm` };
      }
      case "outage": {
        const regions = regionsOf(world);
        const region =
          target === "random"
            ? pick(rng, regions)
            : regions.find((r) => r.toLowerCase() === target.toLowerCase());
        if (!region) return none(team, target);
        for (const n of world.nodes) if (n.region === region && !n.gone) takeDown(match, world, n, until);
        return { target: region, note: `Power outage in the ${region} region` };
      }
      case "wiretap": {
        const [node] = resolveNodes(match, world, kind, target, 1, rng);
        if (!node) return none(team, target);
        node.router!.wiretapUntil = until;
        return { target: node.id, note: `${node.label} is wiretapped: unencrypted data leaks` };
      }
    }
  })();
  if (effect.undo && until < Number.POSITIVE_INFINITY) {
    match.active.push({ log, team: world.team, kind, endTick: until, undo: effect.undo });
  }
  return effect;
}

function none(team: string, target: string): Effect {
  return { target: "", note: `${team}: nothing matches "${target}" (no effect)` };
}

export function teamName(team: Architecture): string {
  return team === "hub" ? "Team Hub" : "Team Swarm";
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

/** New users join at the same routers, with the same wants, in every world. */
function addFlashCrowd(match: Match, world: World, count: number, log: number): void {
  const routers = world.nodes.filter((n) => n.kind === "router");
  const rng = createRng(match.scenario.seed, `crowd:${log}`);
  // A crowd comes for one thing: the same hot item for everyone (the viral video, the new game patch).
  const hot = nextInt(rng, match.ctx.items);
  for (let k = 0; k < count; k++) {
    const router = routers[nextInt(rng, routers.length)]!;
    const slot = world.users.length;
    const node = addUser(world, `U${slot + 1}`, router.index, match.ctx.items);
    assignWants(
      node.user!,
      [hot],
      match.tick + nextInt(rng, 2 * TICKS_PER_SECOND),
      match.ctx.messageEvery,
      slot,
    );
    addRoutesTo(world, node, router.index);
  }
}

function launchBotnet(
  match: Match,
  world: World,
  victim: SimNode,
  rate: number,
  until: number,
  log: number,
): SimNode[] {
  const routers = world.nodes.filter((n) => n.kind === "router");
  const rng = createRng(match.scenario.seed, `botnet:${log}`);
  const sources: SimNode[] = [];
  const perSource = Math.max(1, Math.min(BOTNET_RATE * 4, Math.round(rate / BOTNET_SOURCES)));
  for (let k = 0; k < BOTNET_SOURCES; k++) {
    const router = routers[nextInt(rng, routers.length)]!;
    const id = `B${world.nodes.filter((n) => n.kind === "botnet").length + 1}`;
    const node = addEndpoint(world, {
      id,
      kind: "botnet",
      label: `Botnet ${id.slice(1)}`,
      router: router.index,
      bandwidth: perSource,
    });
    node.botnet = { target: victim.index, rate: perSource, until };
    addRoutesTo(world, node, router.index);
    sources.push(node);
  }
  return sources;
}

function addMaliciousPeers(world: World, count: number, log: number, match: Match): string[] {
  const routers = world.nodes.filter((n) => n.kind === "router");
  const rng = createRng(match.scenario.seed, `malicious:${log}`);
  const ids: string[] = [];
  for (let k = 0; k < count; k++) {
    const router = routers[nextInt(rng, routers.length)]!;
    const id = `X${world.nodes.filter((n) => n.id.startsWith("X")).length + 1}`;
    const node = addEndpoint(world, {
      id,
      kind: "peer",
      label: `Peer ${id}`,
      router: router.index,
      bandwidth: 6,
    });
    node.peer = newPeer(match.ctx.items, match.ctx.full, false);
    node.peer.malicious = true;
    node.peer.uploadSlots = 2;
    world.peers.push(node.index);
    addRoutesTo(world, node, router.index);
    ids.push(id);
  }
  recountAvailability(world);
  return ids;
}
