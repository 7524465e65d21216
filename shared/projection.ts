/**
 * Projects the simulation into a network view (view.ts), tick by tick: the server's schema state, or
 * plain objects for a replay in the browser; the same figures either way. Only what changed is written
 * (schema sends only changed fields); each packet's link crossing is packed once into its team's
 * `transits`. Pure: reads the match, writes only the view.
 */

import { TICKS_PER_SECOND } from "./constants";
import { teamName, writeEventView } from "./events";
import { coinsLeft } from "./intents";
import { takesUpdates } from "./nodes";
import { type Crossing, crossingHead, packHeads } from "./protocol";
import { type Par, type Scores, scoreTeam } from "./scoring";
import { isDown } from "./transport";
import type { LiveStanding } from "./twin";
import type { Match, Packet, SimNode, World } from "./types";
import type { NetworkView, NodeView, TeamView, ViewFactory } from "./view";
import { currentWant } from "./workload";

/**
 * Writes a field only when it changed. The last written values are kept in a plain object beside each
 * schema instance: comparing against it is much cheaper than reading through schema accessors.
 */
type Written = Record<PropertyKey, unknown>;
const written = new WeakMap<object, Written>();

/** The values last written to a view (looked up once for all of a node's fields: see putTo). */
function writtenTo(target: object): Written {
  let last = written.get(target);
  if (!last) {
    last = {};
    written.set(target, last);
  }
  return last;
}

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): boolean {
  return putTo(target, writtenTo(target), key, value);
}

/** `put` with the view's last values already at hand: a node's twenty fields, one lookup. */
function putTo<T extends object, K extends keyof T>(target: T, last: Written, key: K, value: T[K]): boolean {
  if (last[key] === value) return false;
  last[key] = value;
  target[key] = value;
  return true;
}

function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

/** Creates the teams' maps in the view (nodes and links appear later too: replicas, crowds, botnets). */
export function initTeams(state: NetworkView, match: Match, make: ViewFactory): void {
  for (const world of match.worlds) {
    const team = make.team();
    team.team = world.team;
    team.name = teamName(world.team);
    state.teams.set(world.team, team);
  }
}

export interface Projection {
  make: ViewFactory;
  /** Per link: carried count when its load was last written (a second ago), for utilisation. */
  carriedAt: Map<string, number[]>;
  usefulAt: Map<string, number>;
  /** Whether link crossings are packed into `transits` (a replay in the browser reads them from the match). */
  transits: boolean;
  /**
   * Set to write links' states (up, latency, loss) at the next projection even mid-second (a replay
   * that jumped there); their load stays a whole second's. Cleared by that projection.
   */
  linksNow: boolean;
  /** Per team: what its routers held at the last projection, to count per link what they lost. */
  drops: Map<string, DropWatch>;
  /**
   * The tick last projected. A tick projected again (the room does when someone joins between two
   * ticks) writes its states, not its per-second figures (a load or goodput measured since the first
   * projection of the same tick would read nothing) nor its link crossings (they would go out twice).
   */
  projectedTick: number;
  /**
   * A classroom's autopilot twin played alongside (twin.ts): each team's standing against it
   * is written with the scores, once a second. None for a solo level or a school-sized network.
   */
  standing?: LiveStanding;
}

export function newProjection(make: ViewFactory, options: { transits?: boolean } = {}): Projection {
  return {
    make,
    carriedAt: new Map(),
    usefulAt: new Map(),
    transits: options.transits ?? true,
    linksNow: false,
    drops: new Map(),
    projectedTick: -1,
  };
}

/** Nicknames by player id, for showing who holds which node. */
export type Names = (player: string) => string;

export function projectMatch(
  state: NetworkView,
  match: Match,
  proj: Projection,
  names: Names,
  par: Par,
): void {
  put(state, "tick", match.tick);
  put(state, "endTick", match.endTick);
  const again = proj.projectedTick === match.tick;
  proj.projectedTick = match.tick;
  const secondDone = match.tick % TICKS_PER_SECOND === 0 && !again;
  // The class's totals are noted once a second; the standing shown is the latest both have played
  // (this second's when the twin steps in the tick, the last one's when it steps between ticks).
  const scores = secondDone ? match.worlds.map((w) => scoreTeam(match, w, par)) : [];
  if (secondDone)
    proj.standing?.note(
      scores.map((s) => s.total),
      par,
    );
  const standing = secondDone ? (proj.standing?.latest ?? null) : null;
  match.worlds.forEach((world, i) => {
    const team = state.teams.get(world.team)!;
    watchDrops(world, match, proj);
    const moved = projectNodes(team, world, match, names, proj.make);
    if (proj.transits && !again) projectTransits(team, world, match);
    projectLinks(team, world, proj, match.tick, proj.linksNow || moved, !again);
    if (secondDone) projectScores(team, world, match, proj, scores[i]!, standing);
  });
  proj.linksNow = false;
  projectFailures(state, match, proj.make);
}

/**
 * Each team view's node views by node index: reading them from the schema's map costs a lookup per
 * node per tick. Views are only ever added (a node that leaves stays, marked gone).
 */
const nodeViews = new WeakMap<TeamView, NodeView[]>();

function projectNodes(team: TeamView, world: World, match: Match, names: Names, make: ViewFactory): boolean {
  let moved = false;
  let views = nodeViews.get(team);
  if (!views) {
    views = [];
    nodeViews.set(team, views);
  }
  for (const n of world.nodes) {
    let s = views[n.index] ?? team.nodes.get(n.id);
    if (!s) {
      s = make.node();
      s.id = n.id;
      s.kind = n.kind;
      s.role = n.peer?.seed ? "seed" : n.kind;
      s.label = n.label;
      s.region = n.region;
      s.x = Math.round(n.x);
      s.y = Math.round(n.y);
      team.nodes.set(n.id, s);
    }
    views[n.index] = s;
    if (projectNode(s, n, match, names, world.holes)) moved = true;
  }
  return moved;
}

/**
 * A user shows as waiting once it has gone this long without a piece of the file it wants: 2 s, past
 * the round trip of a classroom map, so an ordinary download never shows a wait.
 */
export const WAIT_SHOWN_TICKS = 2 * TICKS_PER_SECOND;

/**
 * The tick a user's wait began (its last piece of the file it wants, or the moment it wanted it), once
 * it has waited longer than it should: WAIT_SHOWN_TICKS, and for a hub client no sooner than its own
 * software gives up on the server it asked (`waitFor`: the round trip's allowance, longer across a wide
 * map, where a far server's answer takes seconds to come). -1 while its download moves, between files,
 * when it has everything, or while its computer is down (the map shows that instead). The screen counts
 * the seconds from it, so the field changes only when a wait starts or ends.
 */
export function waitingSince(n: SimNode, tick: number): number {
  const u = n.user;
  if (!u || n.gone || isDown(n, tick) || currentWant(u, tick) < 0) return -1;
  const since = Math.max(u.wantFrom, u.lastProgress);
  const shownAfter = n.kind === "client" ? Math.max(WAIT_SHOWN_TICKS, u.waitFor) : WAIT_SHOWN_TICKS;
  return tick - since >= shownAfter ? since : -1;
}

/** Items held whole: masks equal to `full` (counted without a list, for every node every tick). */
function countFull(masks: readonly number[], full: number): number {
  let n = 0;
  for (const m of masks) if (m === full) n++;
  return n;
}

/** Writes one node's view; true when it moved (a server going to the cloud or coming back). */
function projectNode(s: NodeView, n: SimNode, match: Match, names: Names, holes: number): boolean {
  let moved = false;
  const w = writtenTo(s);
  putTo(s, w, "holder", n.holder ? names(n.holder) : "");
  putTo(s, w, "autopilot", n.autopilot);
  putTo(s, w, "down", isDown(n, match.tick) && !n.gone);
  putTo(s, w, "gone", n.gone);
  putTo(s, w, "queue", n.queue.length);
  putTo(s, w, "queueLimit", n.queueLimit);
  putTo(s, w, "encrypt", n.encrypt);
  putTo(s, w, "updateDue", n.updates < holes && takesUpdates(n));
  putTo(s, w, "infected", n.infected);
  if (n.server) {
    const v = n.server;
    // A server moving to the cloud (and back) changes region and place.
    putTo(s, w, "region", n.region);
    if (putTo(s, w, "x", Math.round(n.x))) moved = true;
    if (putTo(s, w, "y", Math.round(n.y))) moved = true;
    putTo(s, w, "capacity", Math.min(255, v.capacity));
    putTo(s, w, "upgrades", v.upgrades);
    putTo(s, w, "backup", v.backup);
    putTo(s, w, "cloud", v.cloud);
    putTo(s, w, "stateless", v.stateless);
    putTo(s, w, "breached", v.breached);
    putTo(s, w, "diskFailed", v.diskFailed);
    putTo(s, w, "restoring", v.restoreAt > 0);
    putTo(s, w, "jobs", v.jobs.length);
    putTo(s, w, "cacheHits", n.counters.cacheHits);
    putTo(s, w, "cacheMisses", n.counters.cacheMisses);
    putTo(s, w, "itemsHeld", countFull(v.content, match.ctx.full));
  }
  if (n.peer) {
    const p = n.peer;
    putTo(s, w, "seed", p.seed);
    putTo(s, w, "policy", p.policy);
    putTo(s, w, "strategy", p.strategy);
    putTo(s, w, "verify", p.verify);
    putTo(s, w, "backup", p.backup !== null);
    putTo(s, w, "diskFailed", p.diskFailed);
    putTo(s, w, "restoring", p.restoreAt > 0);
    putTo(s, w, "itemsHeld", countFull(p.have, match.ctx.full));
    const u = n.user;
    const item = u && u.current < u.wants.length ? u.wants[u.current]! : -1;
    const progress = item < 0 ? 100 : Math.round((100 * popcount(p.have[item]!)) / match.ctx.chunks);
    putTo(s, w, "progress", progress);
  } else if (n.user) {
    const u = n.user;
    const progress =
      u.current >= u.wants.length ? 100 : Math.round((100 * popcount(u.got)) / match.ctx.chunks);
    putTo(s, w, "progress", progress);
    putTo(s, w, "itemsHeld", u.completed);
  }
  if (n.user) putTo(s, w, "waitingSince", waitingSince(n, match.tick));
  if (n.router) putTo(s, w, "priority", n.router.priority ?? "");
  return moved;
}

/** The packets that entered one of a world's links in the tick just stepped (match.recordTransits). */
export function crossingsOf(world: World, match: Match): Crossing[] {
  const list: Crossing[] = [];
  for (const rec of match.transits) {
    if (rec.team !== world.team) continue;
    // A packet enters at most one link a tick (it arrives a tick later at the soonest), so until the
    // next step its `arrive` is this crossing's.
    const p = rec.packet;
    list.push({
      enter: rec.enter,
      link: rec.link,
      reverse: world.links[rec.link]!.a !== rec.from,
      kind: p.kind,
      arrive: p.arrive,
      corrupt: p.corrupt,
      encrypted: p.encrypted,
    });
  }
  return list;
}

/** This tick's crossings of one team as crossingHead numbers (reused from tick to tick). */
const heads: number[] = [];

/**
 * Appends this tick's link crossings to each team's packed `transits` (cleared after each patch):
 * what `packTransitTick(crossingsOf(...))` gives, without an object per crossing.
 */
function projectTransits(team: TeamView, world: World, match: Match): void {
  let count = 0;
  let enter = 0;
  for (const rec of match.transits) {
    if (rec.team !== world.team) continue;
    const p = rec.packet; // its `arrive` is this crossing's (crossingsOf)
    const reverse = world.links[rec.link]!.a !== rec.from;
    heads[count++] = crossingHead(rec.link, p.kind, reverse, p.corrupt, p.encrypted, p.arrive - rec.enter);
    enter = rec.enter;
  }
  if (count === 0) return;
  const packed = packHeads(enter, heads, count);
  team.transits = team.transits ? `${team.transits} ${packed}` : packed;
}

/** After a patch went out, the crossings it carried are done with. */
export function clearTransits(state: NetworkView): void {
  for (const team of state.teams.values()) if (team.transits !== "") team.transits = "";
}

/**
 * A link's load is shown in steps of 5 % (rounded up, so a link carrying anything shows it): a load
 * that wobbles by a per cent from one second to the next is not sent to every screen again.
 */
const LOAD_STEP = 5;

/**
 * Links are written a tenth at a time: each tick the links whose index falls on it (index modulo
 * TICKS_PER_SECOND), so each link's state and its load over the second just done go out once a second,
 * and no tick writes every link of both networks at once (in a school's room that tick was the slowest
 * of the second). With `all`, every link's state is written now too (a server moved, a replay jumped);
 * loads stay on their own tick, and without `loads` (the tick projected again) none is written. The
 * first projection writes every link.
 */
function projectLinks(
  team: TeamView,
  world: World,
  proj: Projection,
  tick: number,
  all: boolean,
  loads: boolean,
): void {
  let carried = proj.carriedAt.get(world.team);
  if (!carried) {
    carried = [];
    proj.carriedAt.set(world.team, carried);
  }
  const first = team.links.size === 0;
  const phase = tick % TICKS_PER_SECOND;
  const n = world.links.length;
  const step = first || all ? 1 : TICKS_PER_SECOND;
  for (let i = first || all ? 0 : phase; i < n; i += step) {
    const l = world.links[i]!;
    let s = team.links.get(l.id);
    if (!s) {
      s = proj.make.link();
      s.id = l.id;
      s.index = i;
      team.links.set(l.id, s);
    }
    put(s, "a", world.nodes[l.a]!.id); // an access link moves with a server going to the cloud
    put(s, "b", world.nodes[l.b]!.id);
    put(s, "up", l.up);
    put(s, "latency", Math.min(255, l.latency));
    put(s, "bandwidth", Math.min(255, l.bandwidth));
    put(s, "lossPercent", Math.round(l.loss * 100));
    if (!first && (!loads || i % TICKS_PER_SECOND !== phase)) continue;
    // Written once a link has lost a packet: a link that never did stays at the default 0, unsent.
    const lost = proj.drops.get(world.team)?.lost[i];
    if (lost) put(s, "dropped", Math.min(65535, lost));
    const perSecond = l.carried - (carried[i] ?? l.carried);
    carried[i] = l.carried;
    const load = (100 * perSecond) / (2 * l.bandwidth * TICKS_PER_SECOND);
    const steps = Math.max(0, Math.ceil(load / LOAD_STEP - 1e-9)); // 10.000001 % is 10 %
    put(s, "utilisation", Math.min(100, steps * LOAD_STEP));
  }
}

/**
 * Per link, the packets lost on it or at a router while they waited for it. The simulation counts drops
 * by reason, not by link, so the projection finds them: between two ticks, a packet a router held (in
 * its queue, or arriving at it) that is neither still queued nor on one of its links was lost there,
 * on the link its table names for the packet's destination (a full queue, a link down too long, loss on
 * the line, the router crashing). A cut link loses what was on it. A firewall's blocks are the
 * player's choice, not losses: not counted. Counted only from one tick to the next (a replay that
 * jumps skips the ticks it jumped over).
 */
interface DropWatch {
  /** The tick of the last look. */
  tick: number;
  /**
   * The packets routers held, router by router in node order: `heldRouter[g]` (node index) held
   * `heldPackets[k]` for k from `heldFrom[g]` to `heldFrom[g + 1]`, each arriving by link `heldVia[k]`
   * (-1: queued). Flat lists reused from tick to tick: they are rebuilt at every projection.
   */
  heldRouter: number[];
  heldFrom: number[];
  /** Past the last look's packets: empty (undefined), so packets that are gone can be collected. */
  heldPackets: (Packet | undefined)[];
  heldVia: number[];
  /** Routers in `heldRouter` at the last look. */
  routersHeld: number;
  /** Per link index: packets on it, and whether it was up, at the last look. */
  flying: number[];
  up: boolean[];
  /** Per link index: packets lost so far. */
  lost: number[];
  /** The world's drops, for the reasons a router or a link may lose a packet, at the last look. */
  droppedBefore: number;
}

/** Why a router or a link loses a packet (a firewall's "blocked" is a choice, not a loss). */
const LOSSES = ["queue-full", "link-down", "node-down", "no-route", "ttl", "loss"] as const;

function watchDrops(world: World, match: Match, proj: Projection): void {
  let watch = proj.drops.get(world.team);
  if (!watch) {
    watch = {
      tick: -1,
      heldRouter: [],
      heldFrom: [0],
      heldPackets: [],
      heldVia: [],
      routersHeld: 0,
      flying: [],
      up: [],
      lost: [],
      droppedBefore: 0,
    };
    proj.drops.set(world.team, watch);
  }
  if (watch.tick === match.tick) return; // this tick is counted already (a second projection of it)
  const { heldRouter, heldFrom, heldPackets, heldVia, flying, up, lost } = watch;
  const dropped = LOSSES.reduce((sum, reason) => sum + world.stats.dropped[reason], 0);
  // Nothing lost anywhere in the world since the last look (most ticks): nothing to find.
  if (watch.tick === match.tick - 1 && dropped !== watch.droppedBefore) {
    const cut = new Set<number>();
    world.links.forEach((l, i) => {
      if (up[i] && !l.up) {
        cut.add(i);
        lost[i] = (lost[i] ?? 0) + (flying[i] ?? 0);
      }
    });
    for (let g = 0; g < watch.routersHeld; g++) {
      const router = world.nodes[heldRouter[g]!]!;
      const kept = new Set<Packet>(router.queue);
      for (const li of router.links) for (const p of world.links[li]!.inFlight) kept.add(p);
      for (let k = heldFrom[g]!; k < heldFrom[g + 1]!; k++) {
        const p = heldPackets[k]!;
        if (kept.has(p) || cut.has(heldVia[k]!)) continue;
        if (router.blocked.has(p.src) || world.nodes[p.dst]?.blocked.has(p.src)) continue;
        const li = router.router!.table[p.dst] ?? -1;
        if (li >= 0) lost[li] = (lost[li] ?? 0) + 1;
      }
    }
  }
  let routers = 0;
  let k = 0;
  for (const node of world.nodes) {
    if (!node.router || node.gone) continue;
    const from = k;
    for (const p of node.queue) {
      heldPackets[k] = p;
      heldVia[k++] = -1;
    }
    for (const li of node.links) {
      const l = world.links[li]!;
      if (!l.up) continue;
      // A link's packets are in the order they entered it, so the ones arriving next come first (only
      // a latency that fell meanwhile, as congestion ends, could put one later: it goes uncounted).
      for (const p of l.inFlight) {
        if (p.arrive > match.tick) break;
        if (p.toward !== node.index) continue;
        heldPackets[k] = p;
        heldVia[k++] = li;
      }
    }
    if (k === from) continue;
    heldRouter[routers] = node.index;
    heldFrom[routers++] = from;
    heldFrom[routers] = k;
  }
  watch.routersHeld = routers;
  // Packets no longer held are let go (the list keeps its length: no storage made again next tick).
  for (let i = k; i < heldPackets.length && heldPackets[i] !== undefined; i++) heldPackets[i] = undefined;
  world.links.forEach((l, i) => {
    flying[i] = l.inFlight.length;
    up[i] = l.up;
  });
  watch.tick = match.tick;
  watch.droppedBefore = dropped;
}

function projectScores(
  team: TeamView,
  world: World,
  match: Match,
  proj: Projection,
  scores: Scores,
  standing: Map<string, number> | null,
): void {
  const against = standing?.get(world.team);
  if (against !== undefined) put(team, "standing", Math.min(32767, against));
  put(team, "speed", scores.speed);
  put(team, "cost", scores.cost);
  put(team, "survival", scores.survival ?? 0);
  put(team, "survivalTested", scores.survival !== null);
  put(team, "total", scores.total);
  put(team, "coinsLeft", Math.floor(coinsLeft(match, world)));
  const before = proj.usefulAt.get(world.team) ?? 0;
  put(team, "goodput", Math.min(65535, world.stats.usefulChunks - before));
  proj.usefulAt.set(world.team, world.stats.usefulChunks);
  put(team, "itemsCompleted", Math.min(65535, world.stats.itemsCompleted));
  put(team, "corrupt", world.stats.corruptDelivered);
  put(
    team,
    "dropped",
    Object.values(world.stats.dropped).reduce((a, b) => a + b, 0),
  );
}

function projectFailures(state: NetworkView, match: Match, make: ViewFactory): void {
  for (let i = state.failures.size; i < match.failureLog.length; i++) {
    const f = match.failureLog[i]!;
    const s = make.failure();
    s.kind = f.kind;
    s.start = f.startTick;
    s.end = f.endTick ?? 0;
    const hub = f.effects.find((e) => e.team === "hub");
    const swarm = f.effects.find((e) => e.team === "swarm");
    s.hubTarget = hub?.target ?? "";
    s.swarmTarget = swarm?.target ?? "";
    writeEventView(s.hubEvent, hub?.event);
    writeEventView(s.swarmEvent, swarm?.event);
    state.failures.set(String(i), s);
  }
  // Scheduled failures leave the list as they start (the schedule is in time order).
  for (const key of [...state.upcoming.keys()])
    if (Number(key) < match.nextScheduled) state.upcoming.delete(key);
  for (let i = match.nextScheduled; i < match.schedule.length; i++) {
    if (state.upcoming.get(String(i))) continue;
    const e = match.schedule[i]!;
    const s = make.upcoming();
    s.kind = e.kind;
    s.at = e.at;
    s.target = e.target ?? "";
    s.duration = e.duration ?? 0;
    state.upcoming.set(String(i), s);
  }
}
