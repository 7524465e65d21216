/**
 * Results of a match, per team and per player, as plain data: what the results screen, the CSV export
 * and the headless command show.
 */
import { againstAutopilot } from "./competition";
import { TICKS_PER_SECOND } from "./constants";
import type { GameEvent } from "./events";
import { stateHash } from "./hash";
import { isSeat } from "./intents";
import type { LevelOutcome } from "./levels";
import { createMatch, runMatch } from "./match";
import type { Scenario } from "./scenario";
import {
  coinsSpent,
  deliveryKept,
  failureWindow,
  failureWindows,
  goodputOf,
  lostItems,
  median,
  medianCompletionSeconds,
  type Par,
  roleOf,
  type Scores,
  scoreTeam,
  typicalWaitSeconds,
} from "./scoring";
import type { Architecture, DropReason, Match, RecordedIntent, World } from "./types";

export interface PlayerResult {
  team: Architecture;
  node: string;
  label: string;
  role: string;
  holder: string | null;
  /**
   * What the player's decisions added to their team's total (points.ts): 100 for each team point,
   * 0 for a player who decided nothing, and for the computer's nodes (they are not ranked).
   */
  points: number;
  forwarded: number;
  chunksServed: number;
}

export interface TeamResult {
  team: Architecture;
  /** The networks comparison: one formula for both architectures. */
  scores: Scores;
  /** The teams competition (competition.ts): the autopilot twin's total, and this team against it (100 = as well). null: not compared. */
  autopilotTotal: number | null;
  againstAutopilot: number | null;
  goodputPerSecond: number[];
  averageGoodput: number;
  failures: {
    kind: string;
    target: string;
    /** What it did to this team (events.ts). */
    event?: GameEvent;
    /** The same in words, as results stored before events were codes have it (failureWords reads both). */
    note?: string;
    startSecond: number;
    endSecond: number;
    /** Share of its usual delivery the team kept in this window (as survival counts it); null: nobody waited. */
    kept: number | null;
  }[];
  itemsCompleted: number;
  /** Items finished with a corrupt chunk in them: a broken file, not a finished item. */
  itemsCorrupt: number;
  itemsWanted: number;
  medianCompletionSeconds: number | null;
  chunksDelivered: number;
  usefulChunks: number;
  packets: { created: number; delivered: number; inFlight: number; dropped: Record<DropReason, number> };
  corruptDeliveries: number;
  /** Corrupt chunks peers' hash checks caught and discarded: they never reached a user's copy. */
  corruptDiscarded: number;
  /** Hub: users logged out because a stateful server went down (their downloads started again). */
  sessionsLost: number;
  /** Hub: seconds of server time rented in the cloud (two servers for a minute: 120). */
  cloudSeconds: number;
  leakedPackets: number;
  /** Machines attackers got into through a security hole whose update was not installed in time. */
  infections?: number;
  /** Of `leakedPackets`, those the attackers inside those machines copied (the rest: wiretaps). */
  stolenPackets?: number;
  /** Data packets (requests, chunks, messages) the team's network carried: what a wiretap could copy. */
  dataPackets: number;
  contentLost: boolean;
  lostItems: number[];
  coinsSpent: number;
  spending: World["spent"];
  messages: { delivered: number; medianLatencySeconds: number | null };
}

export interface MatchResult {
  scenario: string;
  topology: Scenario["topology"];
  seed: number;
  seconds: number;
  /** The bar for speed (Par's goodput and typical wait; the role bars stay inside the server). */
  par: Pick<Par, "goodput" | "completionSeconds">;
  teams: TeamResult[];
  players: PlayerResult[];
  stateHash: string;
  /**
   * The simulation's rules the match was played under (SIM_RULES when it was played); a stored match
   * without it was played under rules 1. A replay plays under the same.
   */
  rules?: number;
  /**
   * True in the results a room sends as the round ends, while players' points are still being counted
   * (points.ts); the same results follow with the points.
   */
  pointsPending?: boolean;
  /** Set by a solo room playing a level: the stars earned, counted by the server. */
  level?: LevelOutcome;
  /** In a stored match: every decision of players and the host that took effect (replay.ts). */
  intents?: RecordedIntent[];
  /** In a stored match: the state hash every HASH_EVERY_TICKS ticks of play (replay.ts). */
  hashes?: { tick: number; hash: string }[];
  /** In a stored match: the nickname of every player id in `intents` (a replay names who decided). */
  names?: Record<string, string>;
}

const parCache = new Map<string, Par>();

/**
 * The scenario's par: both architectures run with bots in every seat; the better goodput and the
 * better median completion time. Cached per scenario document.
 */
export function computePar(scenario: Scenario): Par {
  const key = JSON.stringify(scenario);
  const cached = parCache.get(key);
  if (cached) return cached;
  const par = parOf(runMatch(parMatch(scenario)));
  parCache.set(key, par);
  return par;
}

/** The match that measures par: both architectures, bots in every seat. Step it to its end. */
export function parMatch(scenario: Scenario): Match {
  return createMatch(scenario, { teams: ["hub", "swarm"] });
}

/** Par from a finished `parMatch`: the better goodput and the better median completion time. */
export function parOf(match: Match): Par {
  const goodput = Math.max(...match.worlds.map((w) => goodputOf(match, w)));
  const times = match.worlds.map((w) => typicalWaitSeconds(match, w)).filter((t) => !Number.isNaN(t));
  return {
    goodput,
    completionSeconds: times.length ? Math.min(...times) : Number.NaN,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const keptOrNull = (x: number | null) => (x === null ? null : round2(x));
const orNull = (x: number) => (Number.isNaN(x) ? null : round2(x));

export function teamResult(match: Match, world: World, par: Par, twin?: Match): TeamResult {
  const st = world.stats;
  const scores = scoreTeam(match, world, par);
  const twinWorld = twin?.worlds.find((w) => w.team === world.team);
  const autopilotTotal = twin && twinWorld ? scoreTeam(twin, twinWorld, par).total : null;
  const lost = lostItems(match, world);
  const windows = failureWindows(match, world);
  const hits = match.failureLog.filter((f) =>
    f.effects.some((e) => e.team === world.team && e.target !== ""),
  );
  return {
    team: world.team,
    scores,
    autopilotTotal,
    againstAutopilot: autopilotTotal === null ? null : againstAutopilot(scores.total, autopilotTotal),
    goodputPerSecond: st.goodput.slice(),
    averageGoodput: round2(goodputOf(match, world)),
    failures: hits.map((f) => {
      const w = failureWindow(match, f);
      return {
        kind: f.kind,
        target: f.effects.find((e) => e.team === world.team)!.target,
        event: f.effects.find((e) => e.team === world.team)!.event,
        startSecond: round2(w.start / TICKS_PER_SECOND),
        endSecond: round2(w.end / TICKS_PER_SECOND),
        // A security hole is not measured by delivery: what it cost is the machine time attackers held.
        kept: f.kind === "exploit" ? null : keptOrNull(deliveryKept(world, [w], windows, par)),
      };
    }),
    itemsCompleted: st.itemsCompleted,
    itemsCorrupt: st.itemsCorrupt,
    itemsWanted: world.users.reduce((n, u) => n + world.nodes[u]!.user!.wants.length, 0),
    medianCompletionSeconds: orNull(medianCompletionSeconds(world)),
    chunksDelivered: st.chunksDelivered,
    usefulChunks: st.usefulChunks,
    packets: {
      created: st.created,
      delivered: st.delivered,
      inFlight: st.inFlight,
      dropped: { ...st.dropped },
    },
    corruptDeliveries: st.corruptDelivered,
    corruptDiscarded: st.corruptDiscarded,
    sessionsLost: st.sessionsLost,
    cloudSeconds: Math.round(st.cloudTicks / TICKS_PER_SECOND),
    leakedPackets: st.leaked,
    ...(st.infections > 0 && { infections: st.infections, stolenPackets: st.stolen }),
    dataPackets: st.dataPackets,
    contentLost: lost.length > 0,
    lostItems: lost,
    coinsSpent: Math.round(coinsSpent(world)),
    spending: {
      setup: Math.round(world.spent.setup),
      running: Math.round(world.spent.running),
      upgrades: Math.round(world.spent.upgrades),
      bandwidth: Math.round(world.spent.bandwidth),
      upkeep: Math.round(world.spent.upkeep),
    },
    messages: {
      delivered: st.messagesDelivered,
      medianLatencySeconds: orNull(median(st.messageLatencyTicks) / TICKS_PER_SECOND),
    },
  };
}

/**
 * Every seat's player, ranked by points (`points`: each deciding player's, by player id, from
 * points.ts; anyone else has 0).
 */
export function playerResults(match: Match, points: ReadonlyMap<string, number> = new Map()): PlayerResult[] {
  const out: PlayerResult[] = [];
  for (const world of match.worlds) {
    for (const n of world.nodes) {
      if (!isSeat(n) && !(n.gone && (n.kind === "peer" || n.kind === "server"))) continue;
      if (n.peer?.malicious && !n.peer.seed) continue;
      out.push({
        team: world.team,
        node: n.id,
        label: n.label,
        role: roleOf(n),
        holder: n.holder,
        points: n.holder === null ? 0 : (points.get(n.holder) ?? 0),
        forwarded: n.kind === "router" ? n.counters.work : 0,
        chunksServed: n.counters.chunksServed,
      });
    }
  }
  return out.sort((a, b) => b.points - a.points || a.node.localeCompare(b.node));
}

/**
 * A match's results. With its autopilot twin (twin.ts, stepped to its end) the teams are also
 * compared with it; without, `againstAutopilot` is null. `points`: the deciding players' points
 * (points.ts), by player id; without, every player has 0.
 */
export function matchResult(
  match: Match,
  par: Par = computePar(match.scenario),
  twin?: Match,
  points?: ReadonlyMap<string, number>,
): MatchResult {
  return {
    scenario: match.scenario.name,
    topology: match.scenario.topology,
    seed: match.scenario.seed,
    seconds: round2(match.tick / TICKS_PER_SECOND),
    par: { goodput: round2(par.goodput), completionSeconds: round2(par.completionSeconds) },
    teams: match.worlds.map((w) => teamResult(match, w, par, twin)),
    players: playerResults(match, points),
    stateHash: stateHash(match),
    rules: match.ctx.rules,
  };
}
