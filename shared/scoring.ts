/**
 * Scoring: speed, cost and survival, each 0–100, with one formula for both architectures, and the
 * weighted total. Player points reward what a node did for its team. README "How scoring works"
 * explains every number here in plain words; keep the two in step.
 */
import { DEFAULT_FAILURE_WINDOW_TICKS, TICKS_PER_SECOND } from "./constants";
import type { Match, SimNode, World } from "./types";

/** What an all-bot run of the scenario achieved: the bar for "speed". */
export interface Par {
  /** Useful chunks per second, the better of the two architectures. */
  goodput: number;
  /** The typical wait for an item in seconds (typicalWaitSeconds), the better of the two architectures. */
  completionSeconds: number;
  /**
   * What a node of each role did for its team in that run (contribution), keyed "team:role"
   * ("hub:router"): the average, and how far nodes of the role spread around it (at least a fifth
   * of the average). The bar for a player's points.
   */
  roles: Record<string, { mean: number; spread: number }>;
  /**
   * What each seat's node had done in that run every PACE_TICKS and at its end, keyed "team:node"
   * ("hub:R3"): the autopilot in that seat, over time.
   */
  seats: Record<string, number[]>;
  /** How long that run was, in ticks (a class may play the scenario shorter or longer). */
  ticks: number;
}

export interface Scores {
  speed: number;
  cost: number;
  /** null: no failure hit this team, so survival was not tested (the total is the other parts). */
  survival: number | null;
  total: number;
}

/** Matching par scores this much speed; beating par by a quarter scores 100. */
export const SPEED_AT_PAR = 80;
/** Survival: share of delivery-under-failure versus data-still-there. */
const SURVIVAL_DELIVERY_SHARE = 0.6;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Useful chunks per second over the time played so far. */
export function goodputOf(match: Match, world: World): number {
  const seconds = Math.max(1, match.tick) / TICKS_PER_SECOND;
  return world.stats.usefulChunks / seconds;
}

/** Median item completion time in seconds; NaN when nothing was completed. */
export function medianCompletionSeconds(world: World): number {
  const all = world.users.flatMap((u) => world.nodes[u]!.user!.completionTicks);
  return median(all) / TICKS_PER_SECOND;
}

/**
 * The typical wait for an item, in seconds, as the speed score (and par) measure it: each user's
 * median wait, then the median over users. A wait counts whether or not it ended: an item still
 * awaited at the end counts with the wait so far. So every user weighs the same, and a network that
 * finishes fewer items is never faster: clients that servers refuse wait the whole round, and count.
 * NaN when nobody has waited for anything yet.
 */
export function typicalWaitSeconds(match: Match, world: World): number {
  const perUser: number[] = [];
  for (const u of world.users) {
    const user = world.nodes[u]!.user!;
    const waits = user.completionTicks.slice();
    if (user.current < user.wants.length && match.tick > user.wantFrom)
      waits.push(match.tick - user.wantFrom);
    if (waits.length > 0) perUser.push(median(waits));
  }
  return median(perUser) / TICKS_PER_SECOND;
}

/**
 * Speed: half for goodput against par goodput, half for par's typical wait against this team's.
 * At par the team scores SPEED_AT_PAR.
 */
export function scoreSpeed(match: Match, world: World, par: Par): number {
  const g = par.goodput > 0 ? goodputOf(match, world) / par.goodput : 1;
  const c = typicalWaitSeconds(match, world);
  const t = Number.isNaN(c)
    ? 0
    : Number.isNaN(par.completionSeconds)
      ? 1
      : par.completionSeconds / Math.max(c, 0.1);
  const ratio = 0.5 * Math.min(g, 1.25) + 0.5 * Math.min(t, 1.25);
  return clampScore((SPEED_AT_PAR / 100) * ratio * 100);
}

export function coinsSpent(world: World): number {
  const s = world.spent;
  return s.setup + s.running + s.upgrades + s.bandwidth + s.upkeep;
}

/** Cost: 100 when nothing is spent, 0 when the whole budget (or more) is, in a straight line. */
export function scoreCost(match: Match, world: World): number {
  return clampScore(100 * (1 - coinsSpent(world) / match.scenario.budget));
}

/** Failure windows that hit this team, in ticks [start, end), clipped to the time played. */
export function failureWindows(match: Match, world: World): { start: number; end: number }[] {
  return match.failureLog
    .filter((f) => f.effects.some((e) => e.team === world.team && e.target !== ""))
    .map((f) => ({
      start: f.startTick,
      end: Math.min(match.tick, f.endTick ?? f.startTick + DEFAULT_FAILURE_WINDOW_TICKS),
    }));
}

/**
 * Delivery during failures against delivery outside them, each as useful chunks per user-second of
 * demand (so a quiet minute is not mistaken for an outage). null when there was no failure.
 */
export function deliveryUnderFailure(match: Match, world: World, par: Par): number | null {
  const windows = failureWindows(match, world);
  if (windows.length === 0) return null;
  return deliveryKept(world, windows, windows, par) ?? 1;
}

/**
 * The share of its usual delivery a team kept inside `inside` (some of the failure windows): useful
 * chunks per user-second of demand there, against the same outside every failure window (`all`),
 * at most 1. When the failures cover the whole round there is no "usual" to compare with: the
 * team's useful chunks per second are measured against par's instead (never against themselves).
 * null when nobody wanted anything inside. The debrief quotes it per failure.
 */
export function deliveryKept(
  world: World,
  inside: readonly { start: number; end: number }[],
  all: readonly { start: number; end: number }[],
  par: Par,
): number | null {
  const { goodput, demand } = world.stats;
  let inUseful = 0;
  let inDemand = 0;
  let outUseful = 0;
  let outDemand = 0;
  for (let sec = 0; sec < goodput.length; sec++) {
    const t = sec * TICKS_PER_SECOND;
    if (inside.some((w) => t >= w.start && t < w.end)) {
      inUseful += goodput[sec]!;
      inDemand += demand[sec]!;
    } else if (!all.some((w) => t >= w.start && t < w.end)) {
      outUseful += goodput[sec]!;
      outDemand += demand[sec]!;
    }
  }
  if (inDemand === 0) return null;
  if (outDemand === 0) {
    const seconds = world.stats.goodput.filter((_, sec) =>
      inside.some((w) => sec * TICKS_PER_SECOND >= w.start && sec * TICKS_PER_SECOND < w.end),
    ).length;
    return par.goodput > 0 ? Math.min(1, inUseful / Math.max(1, seconds) / par.goodput) : 1;
  }
  if (outUseful === 0) return inUseful > 0 ? 1 : 0;
  return Math.min(1, inUseful / inDemand / (outUseful / outDemand));
}

/** Items of which a full clean copy still exists: on a server, in a backup, or spread over live peers. */
export function lostItems(match: Match, world: World): number[] {
  const { items, full } = match.ctx;
  const lost: number[] = [];
  for (let item = 0; item < items; item++) {
    let union = 0;
    for (const n of world.nodes) {
      if (n.gone) continue;
      if (n.server) {
        union |= n.server.content[item]!;
        if (n.server.backup && n.server.backupContent) union |= n.server.backupContent[item]!;
      } else if (n.peer && !n.peer.malicious) {
        union |= n.peer.have[item]! & ~n.peer.corrupt[item]!;
        if (n.peer.backup) union |= n.peer.backup[item]!;
      }
    }
    if ((union & full) !== full) lost.push(item);
  }
  return lost;
}

/**
 * Survival: 60 % delivery under failure, 40 % data still available; then corrupt deliveries and
 * leaked packets take away their share. null (not tested) when no failure hit the team.
 */
export function scoreSurvival(match: Match, world: World, par: Par): number | null {
  const st = world.stats;
  const kept = deliveryUnderFailure(match, world, par);
  if (kept === null) return null;
  const available = 1 - lostItems(match, world).length / match.ctx.items;
  const base = SURVIVAL_DELIVERY_SHARE * kept + (1 - SURVIVAL_DELIVERY_SHARE) * available;
  const corrupt = st.corruptDelivered / Math.max(1, st.chunksDelivered);
  const leaked = st.leaked / Math.max(1, st.dataPackets);
  return clampScore(100 * (base - corrupt - leaked));
}

/** The weighted total of the parts; a part that was not tested (survival: null) is left out. */
export function scoreTeam(match: Match, world: World, par: Par): Scores {
  const speed = scoreSpeed(match, world, par);
  const cost = scoreCost(match, world);
  const survival = scoreSurvival(match, world, par);
  const w = match.scenario.weights;
  const survivalWeight = survival === null ? 0 : w.survival;
  const weights = w.speed + w.cost + survivalWeight;
  const total = clampScore(
    weights > 0 ? (w.speed * speed + w.cost * cost + survivalWeight * (survival ?? 0)) / weights : 0,
  );
  return { speed, cost, survival, total };
}

/** How often the pace of every node's contribution is written down (World.pace): every 10 s. */
export const PACE_TICKS = 10 * TICKS_PER_SECOND;
/** Points for doing, over a round, what a typical node of the same role does with bots in every seat. */
export const POINTS_AT_PAR = 100;
/** Points for each spread (standard deviation of the role in the all-bot run) above the typical node. */
export const POINTS_PER_SPREAD = 50;
/** The smallest spread, as a share of the average: a role whose nodes all do alike is not a lottery. */
const MIN_SPREAD = 0.2;
/** Seconds of waiting at which a finished file counts half in a user's contribution. */
const QUICK_WAIT = 10;
/** A finished download counts like this many uploaded chunks in a peer's contribution. */
const ITEM_WEIGHT = 8;

/** A node's role as players know it: a seed is a peer that starts with the whole file. */
export function roleOf(node: SimNode): string {
  return node.peer?.seed ? "seed" : node.kind;
}

/**
 * What a node did for its team, in its role's own unit: a router, the data it forwarded that arrived
 * (requests, junk, corrupt data and loops earn nothing); a server or seed, the clean chunks it sent; a
 * peer, those and the files it finished; a client, the files it finished, the sooner the better.
 */
export function contribution(node: SimNode): number {
  // A finished file counts more the sooner it came: 1 at once, a half after QUICK_WAIT seconds.
  const done = (node.user?.completionTicks ?? []).reduce(
    (n, t) => n + QUICK_WAIT / (QUICK_WAIT + t / TICKS_PER_SECOND),
    0,
  );
  if (node.kind === "router") return node.counters.delivered;
  if (node.kind === "server") return node.counters.cleanServed;
  if (node.kind === "peer") return node.counters.cleanServed + ITEM_WEIGHT * done;
  if (node.kind === "client") return done;
  return 0;
}

/** What each node had done every PACE_TICKS of a finished match, keyed "team:node" (for Par.seats). */
export function seatContributions(match: Match): Par["seats"] {
  const out: Par["seats"] = {};
  for (const world of match.worlds)
    for (const n of world.nodes) out[`${world.team}:${n.id}`] = world.pace.map((s) => s[n.index] ?? 0);
  return out;
}

/** What the autopilot had done in a seat by `tick` of the all-bot run (its pace carried on past its end). */
function seatPace(pace: readonly number[], tick: number, ticks: number): number {
  const last = pace[pace.length - 1] ?? 0;
  if (tick >= ticks) return (last * tick) / Math.max(1, ticks);
  const j = Math.floor(tick / PACE_TICKS);
  const from = j === 0 ? 0 : pace[j - 1]!;
  const to = pace[j] ?? last;
  const toTick = Math.min(ticks, (j + 1) * PACE_TICKS);
  const span = toTick - j * PACE_TICKS;
  return span > 0 ? from + ((to - from) * (tick - j * PACE_TICKS)) / span : to;
}

/** Each role's contribution per node, per team, in a finished match (for Par.roles). */
export function roleContributions(match: Match): Par["roles"] {
  const byRole = new Map<string, number[]>();
  for (const world of match.worlds) {
    for (const n of world.nodes) {
      if (n.peer?.malicious && !n.peer.seed) continue;
      const key = `${world.team}:${roleOf(n)}`;
      byRole.set(key, [...(byRole.get(key) ?? []), contribution(n)]);
    }
  }
  return Object.fromEntries(
    [...byRole].map(([k, xs]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
      return [k, { mean, spread: Math.max(sd, MIN_SPREAD * mean) }];
    }),
  );
}

/**
 * A player's points: what their node did for the team so far against what the autopilot did in the
 * same seat by this point of the all-bot run. As much scores POINTS_AT_PAR; each spread more (how far
 * nodes of the role differ from each other) adds POINTS_PER_SPREAD, each spread less takes it away,
 * never below 0. Bonuses come on top for decisions that really helped (blocking a real cheat, patching
 * a breach, restoring a lost disk). Measured against the seat itself, a quiet corner of the map can
 * top the board as well as the busiest router.
 */
export function playerPoints(node: SimNode, team: string, match: Match, par?: Par): number {
  const role = par?.roles[`${team}:${roleOf(node)}`];
  const mine = contribution(node);
  if (!par || !role || role.spread <= 0) return Math.round(node.points + mine);
  const share = match.tick / Math.max(1, par.ticks);
  const pace = par.seats[`${team}:${node.id}`];
  // A node the all-bot run did not have (it joined later): a typical node of its role, at an even pace.
  const expected = pace ? seatPace(pace, match.tick, par.ticks) : role.mean * share;
  // Early in a round a few packets (or one file more or less) are not a trend: the spread counts as
  // half a round at least.
  const z = (mine - expected) / (role.spread * Math.max(share, 0.5));
  return Math.round(node.points + Math.max(0, POINTS_AT_PAR + POINTS_PER_SPREAD * z));
}

function clampScore(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.round(Math.max(0, Math.min(100, x)));
}
