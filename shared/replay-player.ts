/**
 * A stored match played again for a screen: the replay (replay.ts) stepped tick by tick, projected
 * into a plain network view (projection.ts) that the map view draws, with each tick's link crossings
 * handed out for animation. Seeking back starts again from the first tick: the simulation is fast
 * enough (a classroom round replays in well under a second) that no snapshots are kept. Pure: no
 * clocks; the caller decides when to step.
 */

import { TICKS_PER_SECOND } from "./constants";
import { crossingsOf, initTeams, newProjection, type Projection, projectMatch } from "./projection";
import type { Crossing } from "./protocol";
import { type Replay, settleReplay, startReplay, stepReplay } from "./replay";
import type { Scenario } from "./scenario";
import type { Par } from "./scoring";
import { LiveStanding } from "./twin";
import type { RecordedIntent } from "./types";
import { type NetworkView, PLAIN_VIEWS, plainNetworkView } from "./view";

export class ReplayPlayer {
  view: NetworkView = plainNetworkView();
  private replay!: Replay;
  private projection!: Projection;

  constructor(
    readonly scenario: Scenario,
    readonly record: readonly RecordedIntent[],
    private readonly par: Par,
    /** The last tick to play: where the stored match ended (or was interrupted). */
    readonly lastTick: number,
    private readonly names: (player: string) => string,
    /** The rules the match was played under (replay.ts: rulesOf). */
    private readonly rules: number,
    /**
     * A classroom's match, compared with its autopilot: the twin plays alongside, as it did in the
     * room, so the view carries each team's standing second by second (twin.ts LiveStanding).
     */
    private readonly compared = false,
  ) {
    this.restart();
  }

  get tick(): number {
    return this.replay.match.tick;
  }

  get atEnd(): boolean {
    return this.tick >= this.lastTick || this.replay.match.ended;
  }

  /** Back to the first tick, with a fresh view (a map drawing the old one must be made again). */
  restart(): void {
    this.replay = startReplay(this.scenario, this.record, { rules: this.rules });
    this.replay.match.recordTransits = true;
    // The seats taken in the lobby: the class as it stood when the round started.
    settleReplay(this.replay);
    this.projection = newProjection(PLAIN_VIEWS, { transits: false });
    if (this.compared && LiveStanding.fits(this.replay.match))
      this.projection.standing = new LiveStanding(this.replay.match);
    this.view = plainNetworkView();
    initTeams(this.view, this.replay.match, PLAIN_VIEWS);
    this.project();
  }

  /** Plays one tick; the link crossings that started in it, per team; null at the end. */
  step(): Map<string, Crossing[]> | null {
    if (!this.advance()) return null;
    this.project();
    const m = this.replay.match;
    return new Map(m.worlds.map((w) => [w.team, crossingsOf(w, m)]));
  }

  /** Goes to `tick` (from the start when it lies behind); packets in flight are not handed out. */
  seek(tick: number): void {
    const target = Math.max(0, Math.min(this.lastTick, Math.round(tick)));
    if (target < this.tick) this.restart();
    while (this.tick < target && this.advance()) {
      // Scores are per-second figures: project each second. Each link's load is written on its own
      // tick of the second (projection.ts): the last two seconds are projected tick by tick, so every
      // link's load where the seek lands is over the second before it. The landing tick is projected
      // once, below (a second projection of a tick would read a load of nothing since the first).
      if (this.tick === target) break;
      if (this.tick % TICKS_PER_SECOND === 0 || target - this.tick < 2 * TICKS_PER_SECOND) this.project();
    }
    // Where it lands, links as they are now (a live class sees them within the second).
    this.projection.linksNow = true;
    this.project();
  }

  private advance(): boolean {
    if (this.atEnd) return false;
    const stepped = stepReplay(this.replay);
    this.projection.standing?.follow();
    return stepped;
  }

  private project(): void {
    projectMatch(this.view, this.replay.match, this.projection, this.names, this.par);
  }
}
