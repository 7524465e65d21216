import { Scene } from "phaser";
import type { MatchState } from "../../../game-server/src/rooms/schema";
import { findLevel } from "../../../shared/index";
import { session } from "../app";
import { MapView, type Rect } from "../render/MapView";
import { TickClock } from "../render/tick-clock";
import { buildConsole, type Console } from "../ui/console";
import { buildControls, type Controls } from "../ui/controls";
import { clearUi, clock, h, mount, toast } from "../ui/dom";
import { type GoalsPanel, goalsPanel } from "../ui/goals";
import { packetLegend, scoringDialog } from "../ui/help";
import { mySeat, teamLabel } from "./seat";

/**
 * The match: the network map(s) drawn by Phaser, and around them the clock and scores, the role
 * panel (players) or the failure console (host), banners, and the "behind the scenes" panel.
 */
export class GameScene extends Scene {
  private views: MapView[] = [];
  private clockTicks = new TickClock(100);
  private controls: Controls | null = null;
  private console: Console | null = null;
  private goals: GoalsPanel | null = null;
  private off: (() => void)[] = [];
  private top!: HTMLElement;
  private topInfo!: HTMLElement;
  private behind!: HTMLElement;
  private side: HTMLElement | null = null;
  private lastDom = 0;
  private help: HTMLDialogElement | null = null;

  constructor() {
    super("GameScene");
  }

  create(): void {
    const state = session.state;
    if (!state) return void this.scene.start("Menu");
    this.views = [];
    this.topInfo = h("div", { class: "top-info" });
    this.top = h(
      "header",
      { class: "topbar", id: "topbar" },
      this.topInfo,
      h(
        "button",
        { id: "scoring", class: "secondary", onclick: () => this.help?.showModal() },
        "How scoring works",
      ),
    );
    this.behind = h("aside", {
      class: "behind",
      id: "behind",
      title: "This game is itself a client-server application",
    });
    const seat = mySeat(state);
    const help = scoringDialog();
    const parts: HTMLElement[] = [this.top, this.behind, packetLegend(), help];
    this.help = help;
    const panel: HTMLElement[] = [];
    // A level: its goals on top of the panel, and no failure console (a level plays as written).
    const level = session.level ? findLevel(session.level.id) : null;
    if (level) {
      this.goals = goalsPanel(level);
      panel.push(this.goals.element);
    }
    if (seat?.node) {
      this.controls = buildControls(state, seat.player.team as "hub" | "swarm", seat.player.node, (i) =>
        session.sendIntent(i),
      );
      panel.push(this.controls.element);
    }
    if (session.role !== "student" && !level) {
      this.console = buildConsole((a) => session.sendHost(a));
      panel.push(this.console.element);
    }
    if (panel.length) {
      this.side = h("aside", { class: "side", id: "side" }, ...panel);
      parts.push(this.side);
    }
    mount(...parts);

    // Which maps: the host sees every team side by side; a player sees their own team's network.
    const keys = session.role === "host" || !seat ? [...state.teams.keys()] : [seat.player.team];
    for (const key of keys) {
      const view = new MapView(
        this,
        key,
        () => session.state?.teams.get(key),
        () => (seat && seat.player.team === key ? seat.player.node : null),
      );
      view.onNodeClick = (team, node) => this.clickNode(team, node);
      this.views.push(view);
    }
    this.layout();
    this.scale.on("resize", this.layout, this);
    this.input.on("pointerdown", (p: { x: number; y: number }) => this.clickMap(p.x, p.y));
    this.input.keyboard?.on("keydown-P", () => {
      if (session.role !== "student")
        session.sendHost({ type: session.state?.phase === "paused" ? "resume" : "pause" });
    });

    this.off.push(
      session.on("transits", (team, crossings) =>
        this.views.find((v) => v.teamKey === team)?.addCrossings(crossings),
      ),
      session.on("banner", (m) => {
        const multi = (session.state?.teams.size ?? 1) > 1;
        toast(multi && m.team ? `${teamLabel(m.team)}: ${m.text}` : m.text, "banner", 6000);
      }),
      session.on("error", (e) => toast(e.message, "error")),
      session.on("ok", (m) => toast(`Done: ${m.type.replace(/-/g, " ")}`, "ok", 1500)),
      session.on("results", () => this.scene.start("Results")),
    );
    this.events.once("shutdown", () => this.teardown());
  }

  private teardown(): void {
    for (const f of this.off) f();
    this.off = [];
    this.scale.off("resize", this.layout, this);
    for (const v of this.views) v.destroy();
    this.views = [];
    this.controls = null;
    this.console = null;
    this.goals = null;
    this.side = null;
    clearUi();
  }

  /** Maps share the space left of the side panel and below the top bar. */
  private layout(): void {
    const { width, height } = this.scale;
    const sideWidth = this.side && width > 900 ? this.side.getBoundingClientRect().width + 16 : 0;
    const top = 56;
    const bottom = this.side && width <= 900 ? height * 0.45 : 0;
    const area: Rect = { x: 8, y: top, w: width - sideWidth - 16, h: height - top - bottom - 8 };
    const n = this.views.length;
    for (const [i, v] of this.views.entries()) {
      v.setRect({ x: area.x + (area.w / n) * i, y: area.y, w: area.w / n - 8, h: area.h });
    }
  }

  private clickNode(team: string, node: string): void {
    if (this.console) return this.console.pick({ node });
    const dest = document.getElementById("route-dest") as HTMLSelectElement | null;
    if (dest && [...dest.options].some((o) => o.value === node)) {
      dest.value = node;
      toast(
        `Route for ${session.state?.teams.get(team)?.nodes.get(node)?.label ?? node}: now choose a link`,
        "info",
        2000,
      );
    }
  }

  private clickMap(x: number, y: number): void {
    const view = this.views.find((v) => v.contains(x, y));
    const link = view?.linkAt(x, y);
    if (!link) return;
    if (this.console) {
      this.console.pick({ link });
      for (const v of this.views) v.highlight = link;
      return;
    }
    const select = document.getElementById("route-link") as HTMLSelectElement | null;
    if (select && [...select.options].some((o) => o.value === link)) select.value = link;
  }

  override update(): void {
    const state = session.state;
    if (!state) return;
    if (state.phase === "results") return void this.scene.start("Results");
    this.clockTicks.sync(state.tick);
    const tick = this.clockTicks.renderTick(state.phase !== "playing");
    for (const v of this.views) v.update(tick);
    const now = performance.now();
    if (now - this.lastDom > 250) {
      this.lastDom = now;
      this.updateDom(state);
    }
  }

  private updateDom(state: MatchState): void {
    const tps = state.ticksPerSecond || 10;
    const left = clock(state.endTick - state.tick, tps);
    const scores = [...state.teams.entries()].map(([key, t]) =>
      h(
        "div",
        { class: "score", "data-team": key },
        h("span", { class: `pill ${key}` }, t.name),
        h("span", {}, "speed ", h("b", {}, t.speed)),
        h("span", {}, "cost ", h("b", {}, t.cost)),
        h("span", {}, "survival ", h("b", {}, t.survivalTested ? t.survival : "–")),
        h("span", {}, "total ", h("b", {}, t.total)),
      ),
    );
    const seat = mySeat(state);
    this.topInfo.replaceChildren(
      h("span", { class: "clock", id: "clock" }, state.phase === "paused" ? `⏸ ${left}` : left),
      h("div", { class: "scores" }, ...scores),
      seat
        ? h("span", { id: "my-points" }, `${seat.player.nickname}: `, h("b", {}, seat.player.points), " pts")
        : h("span", {}, `code ${state.code}`),
    );
    const s = session.stats;
    const packets = this.views.reduce((a, v) => a + v.packetsInFlight, 0);
    this.behind.replaceChildren(
      h("div", {}, h("b", {}, "Behind the scenes: "), "this game is a client-server app too."),
      h(
        "div",
        {},
        `round trip to the server `,
        h("b", {}, `${s.rttMs} ms`),
        ` · server tick `,
        h("b", {}, state.tick),
      ),
      h(
        "div",
        {},
        `received `,
        h("b", {}, `${(s.bytesPerSecond / 1024).toFixed(1)} KB/s`),
        ` · the room serves `,
        h("b", {}, s.clients || state.players.size),
        ` clients · `,
        h("b", {}, packets),
        ` packets drawn`,
      ),
    );
    this.controls?.update(state, session.you);
    const mine = seat ? state.teams.get(seat.player.team) : undefined;
    if (mine) this.goals?.update(mine);
    this.console?.update(state);
  }
}
