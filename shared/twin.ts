/**
 * The autopilot twin a class is compared with (competition.ts has the rule), and the live standing it
 * gives during the round. Apart from the rule because it plays the simulation: the server and a
 * replay need it, a screen that only words a result does not.
 */
import { againstAutopilot } from "./competition";
import { createMatch, stepMatch } from "./match";
import { type Par, scoreTeam } from "./scoring";
import type { Architecture, Match } from "./types";

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
