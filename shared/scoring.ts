/**
 * Scoring: speed, cost and survival, each 0–100, with one formula for both architectures, and the
 * weighted total (player points are in points.ts). README "How scoring works"
 * explains every number here in plain words; keep the two in step.
 */
import { DEFAULT_FAILURE_WINDOW_TICKS, TICKS_PER_SECOND } from "./constants";
import { takesUpdates } from "./nodes";
import type { Match, SimNode, World } from "./types";

/** What an all-bot run of the scenario achieved: the bar for "speed". */
export interface Par {
  /** Useful chunks per second, the better of the two architectures. */
  goodput: number;
  /** The typical wait for an item in seconds (typicalWaitSeconds), the better of the two architectures. */
  completionSeconds: number;
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
  return Math.round(speedValue(match, world, par));
}

/** Speed before rounding (scoreSpeed). */
function speedValue(match: Match, world: World, par: Par): number {
  const g = par.goodput > 0 ? goodputOf(match, world) / par.goodput : 1;
  const c = typicalWaitSeconds(match, world);
  const t = Number.isNaN(c)
    ? 0
    : Number.isNaN(par.completionSeconds)
      ? 1
      : par.completionSeconds / Math.max(c, 0.1);
  const ratio = 0.5 * Math.min(g, 1.25) + 0.5 * Math.min(t, 1.25);
  return clamp100((SPEED_AT_PAR / 100) * ratio * 100);
}

export function coinsSpent(world: World): number {
  const s = world.spent;
  return s.setup + s.running + s.upgrades + s.bandwidth + s.upkeep;
}

/** Cost: 100 when nothing is spent, 0 when the whole budget (or more) is, in a straight line. */
export function scoreCost(match: Match, world: World): number {
  return Math.round(costValue(match, world));
}

function costValue(match: Match, world: World): number {
  return clamp100(100 * (1 - coinsSpent(world) / match.scenario.budget));
}

/** A failure's window in ticks [start, end), clipped to the time played. */
export function failureWindow(match: Match, f: Match["failureLog"][number]): { start: number; end: number } {
  return {
    start: f.startTick,
    end: Math.min(match.tick, f.endTick ?? f.startTick + DEFAULT_FAILURE_WINDOW_TICKS),
  };
}

/** The failures that hit this team (a security hole included). */
function hitsOn(match: Match, world: World): Match["failureLog"] {
  return match.failureLog.filter((f) => f.effects.some((e) => e.team === world.team && e.target !== ""));
}

/**
 * Windows of the failures that hit this team, in ticks [start, end), clipped to the time played:
 * where survival compares delivery with the team's usual. A security hole has none: a well-run
 * network delivers through it as usual, so it would only blur the others; what it costs is the
 * machine time attackers held (scoreSurvival).
 */
export function failureWindows(match: Match, world: World): { start: number; end: number }[] {
  return hitsOn(match, world)
    .filter((f) => f.kind !== "exploit")
    .map((f) => failureWindow(match, f));
}

/**
 * Delivery during failures against delivery outside them, each as useful chunks per user-second of
 * demand (so a quiet minute is not mistaken for an outage). null when there was no failure.
 */
export function deliveryUnderFailure(match: Match, world: World, par: Par): number | null {
  const windows = failureWindows(match, world);
  // Only a security hole hit: nothing to compare, everything delivered as usual (the machine time
  // attackers held is what counts).
  if (windows.length === 0) return hitsOn(match, world).length > 0 ? 1 : null;
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
 * Survival: 60 % delivery under failure, 40 % data still available; then corrupt deliveries, packets
 * a wiretap copied and the machine time attackers held take away their share. null (not tested) when
 * no failure hit the team.
 */
export function scoreSurvival(match: Match, world: World, par: Par): number | null {
  const x = survivalValue(match, world, par);
  return x === null ? null : Math.round(x);
}

/** Survival before rounding (scoreSurvival). */
function survivalValue(match: Match, world: World, par: Par): number | null {
  const st = world.stats;
  const kept = deliveryUnderFailure(match, world, par);
  if (kept === null) return null;
  const available = 1 - lostItems(match, world).length / match.ctx.items;
  const base = SURVIVAL_DELIVERY_SHARE * kept + (1 - SURVIVAL_DELIVERY_SHARE) * available;
  const corrupt = st.corruptDelivered / Math.max(1, st.chunksDelivered);
  // A wiretap's copies, as a share of the data; machines attackers got into, as the share of the
  // network's machine time they held (sending less from a machine they are inside does not hide it).
  const leaked = (st.leaked - st.stolen) / Math.max(1, st.dataPackets);
  const machines = world.nodes.reduce((n, x) => n + (takesUpdates(x) ? 1 : 0), 0);
  const held = st.infectedTicks / Math.max(1, machines * match.tick);
  return clamp100(100 * (base - corrupt - leaked - held));
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

/**
 * The team's total as scoreTeam weighs it, before any rounding: what a player's decisions are
 * measured by (a decision that moves the total by a tenth of a point still counts).
 */
export function teamValue(match: Match, world: World, par: Par): number {
  const w = match.scenario.weights;
  const survival = survivalValue(match, world, par);
  const survivalWeight = survival === null ? 0 : w.survival;
  const weights = w.speed + w.cost + survivalWeight;
  if (weights <= 0) return 0;
  return clamp100(
    (w.speed * speedValue(match, world, par) +
      w.cost * costValue(match, world) +
      survivalWeight * (survival ?? 0)) /
      weights,
  );
}

/** A node's role as players know it: a seed is a peer that starts with the whole file. */
export function roleOf(node: SimNode): string {
  return node.peer?.seed ? "seed" : node.kind;
}

function clampScore(x: number): number {
  return Math.round(clamp100(x));
}

/** 0–100, NaN as 0. */
function clamp100(x: number): number {
  return Number.isNaN(x) ? 0 : Math.max(0, Math.min(100, x));
}
