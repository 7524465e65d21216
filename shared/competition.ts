/**
 * The teams competition, apart from the networks comparison. The networks comparison scores both
 * architectures with one formula: that is the lesson, and an architecture may simply be the better
 * one for a scenario. The competition asks something else: how well did each team run its own
 * network? Each team is measured against its autopilot twin — the same scenario, seed and failures
 * (the host's live ones too, when they started), every seat on autopilot — so the architecture a team
 * was given cancels out and the students' play decides. With bots in every seat both teams score
 * exactly 100.
 */
import { createMatch, stepMatch } from "./match";
import { type Par, scoreTeam } from "./scoring";
import type { Architecture, Match } from "./types";

/** A team's standing against its twin: 100 = as well as the autopilot, 118 = 18 % better. */
export function againstAutopilot(total: number, autopilotTotal: number): number {
  return Math.round((100 * total) / Math.max(1, autopilotTotal));
}

/**
 * The match the class is compared with: the same scenario and teams, bots in every seat, the host's
 * live failures started at the ticks they started in the class, as the host's own triggers (queued
 * after that tick's bot decisions, as in the class: a class of bots is its twin exactly), and the
 * round as long as the class's was (time added, or ended early). Step it to its end (runMatch, or in
 * slices on a server).
 */
export function autopilotTwin(match: Match): Match {
  const twin = createMatch(match.scenario, {
    teams: match.worlds.map((w) => w.team),
    rules: match.ctx.rules,
  });
  twin.hostFailuresToPlay = match.hostFailures.map(({ tick, failure }) => ({ tick, failure }));
  // An ended match has stepped `tick` ticks (an early end or added time moved its end there).
  twin.endTick = Math.max(1, match.ended ? match.tick : match.endTick);
  return twin;
}

/**
 * Teams this close against their autopilots (points of 100) draw. One decision with next to no effect
 * (a client asking its own server again, ten seconds in) moves its team's standing by up to 6 points,
 * as the round's luck falls differently after it. Measured on every classroom failure scenario, seeds
 * 1 to 20, both teams (a peer picking pieces in order for a second in the swarm): by 2 or more in 9 %
 * of rounds, by 4 or more in 2 %, by more than 4 in 2 of 480. So a class a point or two ahead has not
 * shown that it played better. An engaged class still beats an idle one on every seed: by 5 at the
 * least (an engaged hub against an idle swarm in `big-school`, seeds 9 and 20).
 */
export const TOO_CLOSE_TO_CALL = 4;

/**
 * The team that ran its network best against its own autopilot, by more than TOO_CLOSE_TO_CALL;
 * null for a draw (or one team).
 */
export function competitionWinner(
  teams: readonly { team: Architecture; againstAutopilot: number | null }[],
): Architecture | null {
  const scored = teams.filter((t) => t.againstAutopilot !== null);
  if (scored.length < 2) return null;
  const [a, b] = [...scored].sort((x, y) => y.againstAutopilot! - x.againstAutopilot!);
  return a!.againstAutopilot! - b!.againstAutopilot! > TOO_CLOSE_TO_CALL ? a!.team : null;
}

/**
 * Networks up to this many nodes (both teams together, as the round starts) play their autopilot twin
 * alongside the class during the round, for the live standing: every classroom map (42 nodes, 118 in
 * `big-school`) and `district` (402). A network the size of `bench:sim`'s school network (4,000
 * nodes, a teacher's own scenario) is compared at the end only: it plays at about 40 times real time,
 * so each step of its twin would hold the room's process for 2.5 ms on average, more at its busiest.
 */
export const LIVE_STANDING_NODES = 1200;

/**
 * The teams competition as it stands during the round: the autopilot twin played alongside the class,
 * tick for tick, so the top bar can say which team is ahead of its own autopilot, by the rule that
 * decides the winner. The twin is the one the end of the round compares with (autopilotTwin): a
 * failure the host starts is handed to it for the same tick, added time moves its end as it moves the
 * class's. Made mid-round, it catches up a slice at a time.
 */
export class LiveStanding {
  private readonly twin: Match;
  /** The class's totals at whole seconds (note) that the twin has not reached yet. */
  private readonly pending: { tick: number; totals: number[]; par: Par }[] = [];
  /**
   * Each team's standing at the latest second both have played: the class's tick when the twin steps
   * in the class's tick, a second earlier when it steps between ticks (a school-sized room's).
   */
  latest: Map<Architecture, number> | null = null;

  constructor(private readonly match: Match) {
    this.twin = autopilotTwin(match);
  }

  /**
   * Notes the class's totals now, by world (the projection does, once a second): the standing for
   * this tick is made when the twin gets here, at once if it is here already.
   */
  note(totals: number[], par: Par): void {
    this.pending.push({ tick: this.match.tick, totals, par });
    this.settle();
  }

  private settle(): void {
    const twin = this.twin;
    while (this.pending.length > 0 && this.pending[0]!.tick <= twin.tick) {
      const { tick, totals, par } = this.pending.shift()!;
      if (tick !== twin.tick) continue; // a tick the twin has passed: not comparable
      const out = new Map<Architecture, number>();
      this.match.worlds.forEach((w, i) => {
        out.set(w.team, againstAutopilot(totals[i]!, scoreTeam(twin, twin.worlds[i]!, par).total));
      });
      this.latest = out;
    }
  }

  /** Both teams' nodes together: what LIVE_STANDING_NODES (and a room's choice of when to step) read. */
  static nodes(match: Match): number {
    return match.worlds.reduce((n, w) => n + w.nodes.length, 0);
  }

  /** Whether a match is small enough to be followed through the round (LIVE_STANDING_NODES). */
  static fits(match: Match): boolean {
    return LiveStanding.nodes(match) <= LIVE_STANDING_NODES;
  }

  /**
   * Steps the twin up to the class's tick, or until `enough()` (asked after the first two ticks: a
   * twin made mid-round catches up over several calls). True once the two are level.
   */
  follow(enough: () => boolean = () => false): boolean {
    const m = this.match;
    // The host's failures since the last call: the twin, at most at their tick, starts them there.
    const play = this.twin.hostFailuresToPlay;
    for (let i = play.length; i < m.hostFailures.length; i++) play.push({ ...m.hostFailures[i]! });
    this.twin.endTick = m.endTick;
    // Two ticks at the least: a twin behind always gains on a class that steps one at a time.
    for (let n = 0; this.twin.tick < m.tick && !this.twin.ended; n++) {
      if (n >= 2 && enough()) break;
      stepMatch(this.twin);
      if (this.pending.length > 0) this.settle();
    }
    return this.level();
  }

  private level(): boolean {
    return this.twin.tick === this.match.tick || (this.twin.ended && this.match.ended);
  }

  /**
   * The twin where the class is now, or undefined while it catches up: what a round stored before its
   * end (a checkpoint, a shutdown) is compared with, so Past classes shows who was ahead when it stopped.
   */
  levelTwin(): Match | undefined {
    return this.level() ? this.twin : undefined;
  }

  /** Each team against its autopilot so far (againstAutopilot), or null while the twin is catching up. */
  standing(par: Par): Map<Architecture, number> | null {
    if (!this.level()) return null;
    const out = new Map<Architecture, number>();
    this.match.worlds.forEach((w, i) => {
      const twinWorld = this.twin.worlds[i]!;
      out.set(
        w.team,
        againstAutopilot(scoreTeam(this.match, w, par).total, scoreTeam(this.twin, twinWorld, par).total),
      );
    });
    return out;
  }
}
