import { Scene } from "phaser";
import {
  debrief,
  failureMoments,
  lessonAt,
  playerDecisions,
  type ReplayPlayer,
  rulesOf,
  SIM_RULES,
  type StoredMatch,
  TICKS_PER_SECOND,
} from "../../../shared/index";
import { watchMatch } from "../net/api";
import { fitCamera, viewSize } from "../render/display";
import { type MapLayout, MapView, type Rect } from "../render/MapView";
import { placeMaps } from "../render/place-maps";
import { clearUi, h, mount } from "../ui/dom";
import { packetLegend } from "../ui/help";
import { buildReplayUi, type ReplayUi } from "../ui/replay-view";

/** What opens a replay: a match already loaded (Past classes), or a shared match's id (a link). */
export type WatchData = { match: StoredMatch; readOnly?: false } | { id: string; readOnly: true };

/** Most ticks played in one frame: a slow frame catches up a little, never freezes the page. */
const MAX_STEPS_PER_FRAME = 40;
/** Packets are drawn this many ticks behind the simulation, as in a live class (tick-clock.ts). */
const RENDER_DELAY = 1.5;

/**
 * A finished match, watched again: the simulation replays it in the browser from its scenario, seed
 * and record, on the same map view a class saw, with a timeline to play, pause, change speed and jump
 * to each failure and each player's decisions.
 */
export class Watch extends Scene {
  private player: ReplayPlayer | null = null;
  private views: MapView[] = [];
  private ui: ReplayUi | null = null;
  private playing = false;
  private speed = 1;
  /** Fraction of a tick played but not yet stepped. */
  private carry = 0;
  private lessons: ReturnType<typeof debrief> = [];
  private lastDom = 0;
  /** When the last frame was drawn (performance.now()). */
  private frameAt = 0;

  constructor() {
    super("Watch");
  }

  create(data: WatchData): void {
    fitCamera(this);
    this.player = null;
    this.views = [];
    this.playing = false;
    this.speed = 1;
    this.carry = 0;
    this.events.once("shutdown", () => this.teardown());
    mount(h("section", { class: "card", id: "watch-loading" }, h("p", {}, "Loading the match…")));
    const match = "match" in data ? Promise.resolve(data.match) : watchMatch(data.id);
    // The simulation that replays it comes with it, not with the game: only a replay runs it here.
    const engine = import("../../../shared/replay-player");
    Promise.all([match, engine]).then(
      ([m, { ReplayPlayer }]) => this.scene.isActive() && this.open(m, data.readOnly === true, ReplayPlayer),
      (e: Error) =>
        mount(
          h(
            "section",
            { class: "card stack", id: "watch-error" },
            h("h1", {}, "This match cannot be watched"),
            h("p", {}, e.message),
            h("button", { type: "button", onclick: () => this.leave(true) }, "To the game"),
          ),
        ),
    );
  }

  private open(m: StoredMatch, readOnly: boolean, Player: typeof ReplayPlayer): void {
    const intents = m.result.intents;
    const rules = rulesOf(m.result);
    if (!intents || rules > SIM_RULES) {
      mount(
        h(
          "section",
          { class: "card stack", id: "watch-error" },
          h("h1", {}, "No replay for this match"),
          h(
            "p",
            {},
            intents
              ? "It was played by a newer version of the game: reload the page to get it, then watch again."
              : "It was stored before matches kept every decision, so it cannot be played again.",
          ),
          h("button", { type: "button", onclick: () => this.leave(readOnly, m.id) }, "Back"),
        ),
      );
      return;
    }
    const names = m.result.names ?? {};
    const nameOf = (player: string) => names[player] ?? "a player";
    const lastTick = Math.round(m.result.seconds * TICKS_PER_SECOND);
    // The bar the room scored against, as stored: the team scores on screen are the class's own.
    // (Player points would need the server's per-seat bars; the map does not show them.)
    const par = { ...m.result.par, roles: {}, seats: {}, ticks: lastTick };
    // A class's match was compared with its autopilot: the replay shows the standing as the room did.
    const compared = m.result.teams.some((t) => t.againstAutopilot !== null);
    this.player = new Player(m.scenarioDocument, intents, par, lastTick, nameOf, rules, compared);
    this.lessons = debrief(m.result);
    const labelOf = (team: string, id: string) => {
      const t = this.player?.view.teams.get(team);
      return t?.nodes.get(id)?.label ?? t?.links.get(id)?.id ?? id;
    };
    this.ui = buildReplayUi({
      match: m,
      lastTick,
      failures: failureMoments(m.result),
      decisions: playerDecisions(intents),
      nameOf,
      labelOf,
      readOnly,
      onPlay: () => this.togglePlay(),
      onSpeed: (s) => {
        this.speed = s;
        this.refresh(true);
      },
      onSeek: (tick) => this.seek(tick),
      onBack: () => this.leave(readOnly, m.id),
    });
    mount(this.ui.top, this.ui.bar, this.ui.side, packetLegend());
    this.makeViews();
    this.input.keyboard?.on("keydown-SPACE", () => this.togglePlay());
    this.scale.on("resize", this.layout, this);
    this.refresh(true);
  }

  private leave(readOnly: boolean, id?: string): void {
    if (readOnly) {
      // A shared link's page: back to the game's front page, without the link.
      history.replaceState(null, "", location.pathname);
      this.scene.start("Menu");
    } else this.scene.start("History", { open: id });
  }

  private togglePlay(): void {
    const p = this.player;
    if (!p) return;
    if (!this.playing && p.atEnd) this.seek(0);
    this.playing = !this.playing;
    this.carry = 0;
    this.frameAt = performance.now();
    this.refresh(true);
  }

  /** Jumps to a moment: the maps are drawn again from it (packets in flight before it are not shown). */
  private seek(tick: number): void {
    const p = this.player;
    if (!p) return;
    p.seek(tick);
    this.carry = 0;
    this.makeViews();
    this.refresh(true);
  }

  private makeViews(): void {
    const p = this.player;
    if (!p) return;
    for (const v of this.views) v.destroy();
    this.views = [...p.view.teams.keys()].map(
      (key) =>
        new MapView(
          this,
          key,
          () => this.player?.view.teams.get(key),
          () => null,
        ),
    );
    this.layout();
  }

  /** The maps share the room between the top bar, the side panel, the timeline and the packet key. */
  private layout(): void {
    if (!this.ui) return;
    const { width, height } = viewSize(this);
    const narrow = width <= 900;
    const top = Math.ceil(this.ui.top.getBoundingClientRect().bottom) + 4;
    const side = this.ui.side.getBoundingClientRect();
    const bar = this.ui.bar.getBoundingClientRect();
    const legend = document.getElementById("legend")?.getBoundingClientRect();
    const floor = Math.min(bar.top, legend?.top ?? height, narrow ? side.top : height) - 8;
    const w = width - (narrow ? 0 : side.width + 16) - 16;
    const area: Rect = { x: 8, y: top, w, h: floor - top };
    placeMaps(this.views, area);
  }

  /** Where each map's nodes and labels are (CSS pixels): the browser tests read it. */
  describeMaps(): MapLayout[] {
    return this.views.map((v) => v.describe());
  }

  override update(): void {
    const p = this.player;
    if (!p) return;
    // Real time, not the game loop's smoothed delta: a slow computer plays as many ticks, in fewer frames.
    const now = performance.now();
    const delta = Math.min(1000, now - this.frameAt);
    this.frameAt = now;
    if (this.playing) {
      this.carry += (delta / (1000 / TICKS_PER_SECOND)) * this.speed;
      let steps = 0;
      while (this.carry >= 1 && steps++ < MAX_STEPS_PER_FRAME) {
        this.carry -= 1;
        const crossings = p.step();
        if (!crossings) {
          this.playing = false;
          this.carry = 0;
          this.refresh(true);
          break;
        }
        for (const v of this.views) v.addCrossings(crossings.get(v.teamKey) ?? []);
      }
      this.carry = Math.min(this.carry, 1);
    }
    const drawAt = p.tick - RENDER_DELAY + (this.playing ? this.carry : 0);
    for (const v of this.views) v.update(drawAt, p.tick);
    this.refresh(false);
  }

  private refresh(now: boolean): void {
    const p = this.player;
    if (!p || !this.ui) return;
    const t = performance.now();
    if (!now && t - this.lastDom < 200) return;
    this.lastDom = t;
    const lesson = lessonAt(this.lessons, p.tick / TICKS_PER_SECOND);
    this.ui.update({
      tick: p.tick,
      playing: this.playing,
      speed: this.speed,
      view: p.view,
      lesson: lesson?.text ?? null,
    });
  }

  private teardown(): void {
    this.scale.off("resize", this.layout, this);
    this.input.keyboard?.off("keydown-SPACE");
    for (const v of this.views) v.destroy();
    this.views = [];
    this.player = null;
    this.ui = null;
    clearUi();
  }
}
