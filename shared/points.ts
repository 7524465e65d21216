/**
 * A player's points: what their decisions were worth to their team. The round is played again from
 * its record without that player's decisions (their node does what an idle player's would), and the
 * team's total is compared: each hundredth of a team point the decisions added is one point.
 *
 * So a player who never decides scores 0, a decision that changes nothing scores nothing, and one
 * that hurts the team (refusing clients, a needless upgrade) never earns: points are never below 0.
 * A route that sends packets round in a circle never earns at all (earnsPoints). Handing a node to the autopilot is not a decision that earns (the autopilot's work
 * is the computer's), and neither is the room handing it over while a player is away.
 *
 * Every replay is exact (replay.ts): the same scenario, seed and everyone else's decisions, so the
 * only difference is the player's own. Replays play the player's team alone (a team's network is its
 * own world). Pure.
 */
import { isHostIntent } from "./intents";
import { type Replay, settleReplay, startReplay, stepReplay } from "./replay";
import { type Par, teamValue } from "./scoring";
import type { Architecture, Match, RecordedIntent } from "./types";

/** Points for each team point a player's decisions added (one for each hundredth). */
export const POINTS_PER_TEAM_POINT = 100;

/**
 * A player's own decision: taken on their node, not a hand-over to the autopilot (theirs, or the
 * room's while they are away). The screens count these during the round.
 */
export function isDecision(r: RecordedIntent, player: string): boolean {
  return (
    r.actor.kind === "player" &&
    r.actor.id === player &&
    !r.now &&
    !isHostIntent(r.intent) &&
    r.intent.type !== "autopilot"
  );
}

/**
 * A decision that earns points: a player's own, except a route that sent packets round in a circle
 * when it was taken (match.loopRoutes). Those stay in the replay, so a loop never earns, even where
 * it happened to keep trouble out.
 */
export function earnsPoints(match: Match, r: RecordedIntent, player: string): boolean {
  return isDecision(r, player) && !match.loopRoutes.has(r.intent);
}

/** The round played again without one player's decisions, as far as `until`. Step it with stepWithout. */
export interface Without {
  player: string;
  team: Architecture;
  replay: Replay;
  until: number;
}

/** Players who took at least one decision that earns, with the team of the node they took it on. */
export function decidingPlayers(match: Match): Map<string, Architecture> {
  const out = new Map<string, Architecture>();
  for (const r of match.record) {
    if (r.actor.kind !== "player" || out.has(r.actor.id)) continue;
    if (earnsPoints(match, r, r.actor.id) && "team" in r.intent) out.set(r.actor.id, r.intent.team);
  }
  return out;
}

/**
 * The replay that measures one deciding player: the round from its record without the player's
 * decisions that earn, their team alone, to the tick the match reached. Make one at a time (a school
 * network's replay holds a whole network).
 */
export function replayWithout(match: Match, player: string, team: Architecture): Without {
  return {
    player,
    team,
    replay: startReplay(
      match.scenario,
      match.record.filter((r) => !earnsPoints(match, r, player)),
      { teams: [team], rules: match.ctx.rules },
    ),
    until: match.tick,
  };
}

/** Plays one tick of a replay; false once it has reached its end. */
export function stepWithout(w: Without): boolean {
  const m = w.replay.match;
  if (m.ended || m.tick >= w.until) return false;
  if (!stepReplay(w.replay)) return false;
  if (m.ended || m.tick >= w.until) settleReplay(w.replay);
  return true;
}

/** The team's total, unrounded, in a match. */
function totalOf(match: Match, team: Architecture, par: Par): number {
  const world = match.worlds.find((w) => w.team === team);
  return world ? teamValue(match, world, par) : 0;
}

/** Points from what a decision added to the team's total (a loss is 0). */
export function pointsFor(added: number): number {
  return Math.max(0, Math.round(added * POINTS_PER_TEAM_POINT));
}

/** A player's points from their finished replay (`replayWithout`, stepped to its end). */
export function pointsOf(match: Match, par: Par, done: Without): number {
  return pointsFor(totalOf(match, done.team, par) - totalOf(done.replay.match, done.team, par));
}

/** Every deciding player's points, by player id, the replays played at once (tests, the command line). */
export function decisionPoints(match: Match, par: Par): Map<string, number> {
  const out = new Map<string, number>();
  for (const [player, team] of decidingPlayers(match)) {
    const w = replayWithout(match, player, team);
    while (stepWithout(w));
    out.set(player, pointsOf(match, par, w));
  }
  return out;
}

/**
 * What the autopilot in one seat was worth to its team: the round played again with that seat idle
 * from the start (a node nobody decides for), everything else the same. For matches without players
 * (the scripted benchmarks rank the computer's seats this way).
 */
export function autopilotWorth(match: Match, par: Par, team: Architecture, node: string): number {
  const idle: RecordedIntent = {
    tick: 0,
    actor: { kind: "host" },
    intent: { type: "assign", team, node, player: "idle seat" },
    now: true,
  };
  const w: Without = {
    player: "idle seat",
    team,
    replay: startReplay(match.scenario, [idle, ...match.record], {
      teams: [team],
      rules: match.ctx.rules,
    }),
    until: match.tick,
  };
  while (stepWithout(w));
  return pointsOf(match, par, w);
}
