import { Scene } from "phaser";
import type { MatchView } from "../../../shared/index";
import { findLevel } from "../../../shared/index";
import { session } from "../net/app";
import { bannerWords } from "../net/event-words";
import { fitCamera, viewSize } from "../render/display";
import { type MapLayout, MapView, type Rect } from "../render/MapView";
import { placeMaps } from "../render/place-maps";
import { TickClock } from "../render/tick-clock";
import { buildConsole, type Console } from "../ui/console";
import { buildControls, type Controls } from "../ui/controls";
import { countTo, forgetCounts } from "../ui/count-up";
import {
  addToast,
  BANNERS_AT_ONCE,
  bannerHeight,
  clearUi,
  clock,
  h,
  mount,
  rewordToast,
  toast,
} from "../ui/dom";
import { type GoalsPanel, goalsPanel } from "../ui/goals";
import { packetLegend, scoringDialog } from "../ui/help";
import { isCompetition, leadOf, leadTeams, standingWords } from "../ui/lead-words";
import { type Cue, play, setSound, soundOn } from "../ui/sound";
import { liveSummary, type Summary } from "../ui/summary";
import { RouteDrag } from "./route-drag";
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
  private summary: Summary | null = null;
  private off: (() => void)[] = [];
  private top!: HTMLElement;
  private topInfo!: HTMLElement;
  private behind!: HTMLElement;
  private side: HTMLElement | null = null;
  /** A router player's drags on their map (null for every other role). */
  private drag: RouteDrag | null = null;
  /** Where the current press began, and whether it was on a node (a tap beside every node picks a link). */
  private press: { x: number; y: number; onNode: boolean } | null = null;
  private lastDom = 0;
  private help: HTMLDialogElement | null = null;
  /** The banners of the latest tick, to say "Both teams" once rather than the same news twice. */
  private tickBanners: { tick: number; list: { el: HTMLElement; text: string; team: string | null }[] } = {
    tick: -1,
    list: [],
  };
  /** Files complete on the player's node at the last look (-1: not looked yet). */
  private itemsHeld = -1;

  constructor() {
    super("GameScene");
  }

  create(): void {
    const state = session.state;
    if (!state) return void this.scene.start("Menu");
    this.views = [];
    this.itemsHeld = -1;
    forgetCounts();
    fitCamera(this);
    this.topInfo = h("div", { class: "top-info" });
    this.top = h(
      "header",
      { class: "topbar", id: "topbar" },
      this.topInfo,
      h(
        "button",
        {
          id: "scoring",
          class: "secondary",
          "aria-label": "How scoring works",
          onclick: () => this.help?.showModal(),
        },
        h("span", { class: "long" }, "How scoring works"),
        h("span", { class: "short", "aria-hidden": "true" }, "?"),
      ),
    );
    this.behind = h("aside", {
      class: "behind",
      id: "behind",
      title: "This game is itself a client-server application",
    });
    const seat = mySeat(state);
    const help = scoringDialog();
    this.summary = liveSummary();
    const parts: HTMLElement[] = [this.top, this.behind, packetLegend(), help, this.summary.element];
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
    // The sound switch: in the teacher's console (the projector's top bar is full), else in the top bar.
    const sound = this.soundSwitch();
    if (this.console) this.console.element.querySelector(".row")?.append(sound);
    else this.top.append(sound);
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
    // The DOM's first frame sets the top bar's height, which the maps are laid out under.
    this.updateDom(state);
    this.layout();
    this.scale.on("resize", this.layout, this);
    const mine = this.views.find((v) => v.teamKey === seat?.player.team);
    if (seat?.node?.role === "router" && mine) this.drag = this.routeDrag(mine, seat.node.id);
    // A click on a node is the node's (its own handler): only a tap beside every node picks a link, when
    // the press ends without having become a drag.
    type Press = { worldX: number; worldY: number; isDown?: boolean };
    this.input.on("pointerdown", (p: Press, over: unknown[]) => {
      this.press = { x: p.worldX, y: p.worldY, onNode: over.length > 0 };
      this.drag?.down(p.worldX, p.worldY);
    });
    this.input.on("pointermove", (p: Press) => {
      if (p.isDown) this.drag?.move(p.worldX, p.worldY);
    });
    this.input.on("pointerup", (p: Press) => {
      const press = this.press;
      this.press = null;
      const end = this.drag?.up(p.worldX, p.worldY) ?? "tap";
      if (end === "missed") toast("Let go on one of your links to send the packets that way", "info", 2500);
      else if (end === "tap" && press && !press.onNode) this.clickMap(press.x, press.y);
    });
    this.input.on("pointerupoutside", () => {
      this.press = null;
      this.drag?.cancel();
    });
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
        const text = bannerWords(m);
        // The same news for both teams in the same tick (a failure that hits both): one banner, even
        // when other news of that tick came between the two.
        if (this.tickBanners.tick !== m.tick) this.tickBanners = { tick: m.tick, list: [] };
        const list = this.tickBanners.list;
        const twin = list.findIndex((b) => multi && b.text === text && b.team !== m.team);
        if (twin >= 0) {
          rewordToast(list[twin]!.el, `Both teams: ${text}`);
          list.splice(twin, 1);
          return;
        }
        // Named once: news that names its team already ("Team Hub: nothing matches…") keeps its own.
        const named = m.team ? `${teamLabel(m.team)}: ` : "";
        const el = addToast(
          multi && named && !text.startsWith(named) ? `${named}${text}` : text,
          "banner",
          BANNER_MS,
          // The chime goes with the banner: one that waits its turn chimes when it shows.
          () => this.cue("failure"),
        );
        list.push({ el, text, team: m.team });
      }),
      session.on("error", (e) => {
        // An update the admin's roll-out installed a moment before the student's tap: the student
        // did the right thing, and the machine is safe. Said as done, not as a refusal.
        if (e.refusal === "up-to-date") return void toast(e.message, "ok", 1500);
        toast(e.message, "error");
        this.cue("refused");
      }),
      session.on("ok", (m) => {
        toast(doneWords(m.type), "ok", 1500);
        this.cue("decision");
      }),
      session.on("results", () => {
        this.cue("end");
        this.scene.start("Results");
      }),
    );
    this.events.once("shutdown", () => this.teardown());
  }

  private cue(cue: Cue): void {
    play(cue, session.role === "host");
  }

  /** The sound switch: always visible, says what it does, remembered by this browser. */
  private soundSwitch(): HTMLButtonElement {
    const host = session.role === "host";
    const button = h("button", { id: "sound", class: "secondary", type: "button" }) as HTMLButtonElement;
    const show = () => {
      const on = soundOn(host);
      button.setAttribute("aria-pressed", String(on));
      button.setAttribute("aria-label", on ? "Sound on: turn it off" : "Sound off: turn it on");
      // A note and a word: emoji are missing from some school computers' fonts.
      button.replaceChildren(
        h("span", { "aria-hidden": "true" }, "♪ "),
        h("span", { class: "long" }, "Sound "),
        on ? "on" : "off",
      );
    };
    button.addEventListener("click", () => {
      setSound(!soundOn(host));
      show();
      this.cue("decision");
    });
    show();
    return button;
  }

  private teardown(): void {
    for (const f of this.off) f();
    this.off = [];
    this.scale.off("resize", this.layout, this);
    for (const v of this.views) v.destroy();
    this.views = [];
    this.drag?.destroy();
    this.drag = null;
    this.controls = null;
    this.console = null;
    this.goals = null;
    this.summary = null;
    this.side = null;
    const toasts = document.getElementById("toasts");
    for (const p of ["top", "left", "width", "max-height", "transform", "align-items"])
      toasts?.style.removeProperty(p);
    clearUi();
  }

  /**
   * Maps share the space below the top bar, beside the side panel (below it on a narrow screen is the
   * panel as a sheet) and above the "behind the scenes" box and the packet legend, so nothing covers a
   * node. Two maps sit side by side or one above the other, whichever draws them larger.
   */
  private layout(): void {
    const { width, height } = viewSize(this);
    const narrow = width <= 900;
    const top = Math.ceil(this.top.getBoundingClientRect().bottom) + 4;
    const side = this.side?.getBoundingClientRect();
    if (this.side && !narrow) this.side.style.top = `${top + 4}px`;
    else this.side?.style.removeProperty("top");
    const sideWidth = side && !narrow ? side.width + 16 : 0;
    const floor = side && narrow ? side.top : height;
    const legend = document.getElementById("legend")?.getBoundingClientRect();
    const below = Math.max(this.behind.getBoundingClientRect().height, legend?.height ?? 0) + 12;
    const area: Rect = { x: 8, y: top, w: width - sideWidth - 16, h: floor - top - below };
    // Every map leaves room under its title for the banners shown at once (a failure's stays 12 s), so
    // a banner never hides a node, on a phone as on the projector.
    const room = BANNERS_AT_ONCE * bannerHeight();
    for (const v of this.views) v.bannerRoom = room;
    placeMaps(this.views, area);
    // Messages fill that room under the maps' titles, so a banner never hides which team is which,
    // and stay over the maps (not over the side panel); on a phone they span the map's width, one line
    // each for most news. What does not fit the room gives way (addToast).
    const toasts = document.getElementById("toasts");
    if (toasts && this.views.length) {
      toasts.style.top = `${Math.min(...this.views.map((v) => v.bannerTop()))}px`;
      toasts.style.left = `${area.x}px`;
      toasts.style.width = `${area.w}px`;
      toasts.style.maxHeight = `${room}px`;
      toasts.style.transform = "none";
      toasts.style.alignItems = "center";
    }
  }

  /** Where each map's title, nodes and labels are (CSS pixels): the browser tests read it. */
  describeMaps(): MapLayout[] {
    return this.views.map((v) => v.describe());
  }

  private clickNode(team: string, node: string): void {
    if (this.console) {
      this.console.pick({ node });
      if (session.state) this.aimOnMaps(session.state);
      return;
    }
    const dest = document.getElementById("route-dest") as HTMLSelectElement | null;
    if (dest && [...dest.options].some((o) => o.value === node)) {
      dest.value = node;
      dest.dispatchEvent(new Event("change"));
      this.showRoutes();
      toast(
        `Packets to ${session.state?.teams.get(team)?.nodes.get(node)?.label ?? node}: now tap one of your links, or drag there`,
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
      if (session.state) this.aimOnMaps(session.state);
      return;
    }
    // A router's own link: packets to the chosen destination leave by it from now on.
    const dest = document.getElementById("route-dest") as HTMLSelectElement | null;
    if (dest?.value) this.routeBy(dest.value, link);
  }

  /** Sends a route through the panel's own controls: tap, drag and keyboard make the same decision. */
  private routeBy(destination: string, link: string): void {
    const select = document.getElementById("route-link") as HTMLSelectElement | null;
    const dest = document.getElementById("route-dest") as HTMLSelectElement | null;
    if (!select || !dest || ![...select.options].some((o) => o.value === link)) return;
    if (![...dest.options].some((o) => o.value === destination)) return;
    dest.value = destination;
    select.value = link;
    const alt = document.getElementById("route-alt") as HTMLSelectElement | null;
    if (alt) alt.value = "";
    document.getElementById("route-set")?.click();
    this.showRoutes();
  }

  /** Drags on the player's router's map: from a destination (or a route's link) onto one of its links. */
  private routeDrag(view: MapView, router: string): RouteDrag {
    const dest = () => document.getElementById("route-dest") as HTMLSelectElement | null;
    return new RouteDrag(this, view, router, {
      routes: () => session.you?.routes,
      chosen: () => dest()?.value || null,
      isDest: (node) => [...(dest()?.options ?? [])].some((o) => o.value === node),
      choose: (node) => {
        const select = dest();
        if (!select || select.value === node) return;
        select.value = node;
        select.dispatchEvent(new Event("change"));
        this.showRoutes();
      },
      setRoute: (node, link) => this.routeBy(node, link),
    });
  }

  /** Draws the player's router's routes on their map, the destination chosen in the panel ringed. */
  private showRoutes(): void {
    const seat = session.state ? mySeat(session.state) : null;
    const routes = session.you?.routes;
    const view = this.views.find((v) => v.teamKey === seat?.player.team);
    if (!view || !seat?.node) return;
    const dest = document.getElementById("route-dest") as HTMLSelectElement | null;
    const chosen = dest?.value || null;
    if (!routes) view.routes = null;
    else if (view.routes?.view !== routes || view.routes.chosen !== chosen)
      view.routes = { router: seat.player.node, chosen, view: routes, sig: JSON.stringify([chosen, routes]) };
  }

  override update(): void {
    const state = session.state;
    if (!state) return;
    if (state.phase === "results") return void this.scene.start("Results");
    this.clockTicks.sync(state.tick);
    const tick = this.clockTicks.renderTick(state.phase !== "playing");
    for (const v of this.views) v.update(tick, state.tick);
    const now = performance.now();
    if (now - this.lastDom > 250) {
      this.lastDom = now;
      this.updateDom(state);
    }
  }

  private updateDom(state: MatchView): void {
    const tps = state.ticksPerSecond || 10;
    const left = clock(state.endTick - state.tick, tps);
    const seat = mySeat(state);
    const myTeam = seat?.player.team;
    // A player's own team comes first: on a phone it may be the only one with its parts shown.
    const teams = [...state.teams.entries()].sort(([a], [b]) => Number(b === myTeam) - Number(a === myTeam));
    const leading = leadTeams(state.teams);
    // A classroom's competition: the figure the class watches is each team against its autopilot.
    const race = isCompetition(leading);
    const scores = teams.map(([key, t]) =>
      h(
        "div",
        { class: `score${key === myTeam ? " mine" : ""}`, "data-team": key },
        h(
          "span",
          { class: `pill ${key}` },
          h("span", { class: "long" }, "Team "),
          t.name.replace(/^Team /, ""),
        ),
        race
          ? h(
              "span",
              { class: "total", title: "against its autopilot so far" },
              counted(`standing:${key}`, t.standing, standingWords),
              h("span", { class: "part" }, " vs autopilot"),
            )
          : h("span", { class: "total", title: "total score" }, counted(`total:${key}`, t.total)),
        ...(race
          ? [
              h(
                "span",
                { class: "part", title: "the network's total score" },
                "network ",
                h("b", {}, t.total),
              ),
            ]
          : []),
        // In a race the other team's parts stay off the bar (the projector's bar stays one line).
        ...(race && key !== myTeam
          ? []
          : [
              h("span", { class: "part" }, "speed ", h("b", {}, t.speed)),
              h("span", { class: "part" }, "cost ", h("b", {}, t.cost)),
              h("span", { class: "part" }, "survival ", h("b", {}, t.survivalTested ? t.survival : "–")),
            ]),
      ),
    );
    const lead = leadOf(leading, state.mode !== "solo");
    const leader = lead
      ? h(
          "span",
          { id: "leader", class: "leader", title: lead.title, "data-team": lead.team ?? undefined },
          lead.text,
        )
      : null;
    const sig = JSON.stringify([
      left,
      state.phase,
      teams.map(([k, t]) => [k, t.speed, t.cost, t.survival, t.total, t.standing]),
      seat?.player.decisions,
    ]);
    if (this.topInfo.dataset.sig !== sig) {
      this.topInfo.dataset.sig = sig;
      const before = this.top.offsetHeight;
      this.topInfo.replaceChildren(
        h("span", { class: "clock", id: "clock" }, state.phase === "paused" ? `⏸ ${left}` : left),
        h("div", { class: "scores" }, ...scores),
        leader ?? "",
        seat
          ? h(
              "span",
              {
                id: "my-points",
                title:
                  "Your decisions this round: they earn points when it is over, for what they added to your team's score",
              },
              h("span", { class: "long" }, `${seat.player.nickname}: `),
              counted("decisions", seat.player.decisions),
              seat.player.decisions === 1 ? " decision" : " decisions",
            )
          : "",
      );
      // The bar wraps onto a second line on a phone: the maps move down with it.
      if (this.top.offsetHeight !== before) this.layout();
    }
    const s = session.stats;
    const packets = this.views.reduce((a, v) => a + v.packetsInFlight, 0);
    this.behind.replaceChildren(
      h("div", { class: "more" }, h("b", {}, "Behind the scenes: "), "this game is a client-server app too."),
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
        { class: "more" },
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
    this.showRoutes();
    // A file finished on the player's own node: a short happy sound.
    const held = seat?.node?.itemsHeld ?? 0;
    if (held > this.itemsHeld && this.itemsHeld >= 0) this.cue("done");
    this.itemsHeld = held;
    const mine = seat ? state.teams.get(seat.player.team) : undefined;
    if (mine) this.goals?.update(mine);
    this.console?.update(state);
    this.aimOnMaps(state);
    this.summary?.update(state, seat?.node);
  }

  /** The console's target, when it is a node or link, is outlined on the maps (clicked or chosen by keyboard). */
  private aimOnMaps(state: MatchView): void {
    if (!this.console) return;
    const aim = (document.getElementById("failure-target") as HTMLSelectElement | null)?.value ?? "";
    const onMap = [...state.teams.values()].some((t) => t.nodes.has(aim) || t.links.has(aim));
    for (const v of this.views) v.highlight = onMap ? aim : null;
  }
}

/** A number in bold that counts to its new value when it changes. */
function counted(key: string, value: number, words?: (n: number) => string): HTMLElement {
  const b = h("b", {});
  countTo(b, key, value, words);
  return b;
}

/** How long a failure's banner stays (a class reads it, and the teacher may be talking meanwhile). */
const BANNER_MS = 12_000;

/** A decision's confirmation, in words: "Done: route" said nothing. */
function doneWords(type: string): string {
  return DONE_WORDS[type] ?? "Done!";
}

const DONE_WORDS: Record<string, string> = {
  route: "Route changed: watch where the packets go now",
  block: "Blocked: nothing from there gets through you now",
  prioritise: "Priority set",
  upgrade: "Upgraded: you can serve more each second",
  replica: "A copy of your server is starting up",
  cloud: "Cloud setting changed",
  backup: "Backup setting changed",
  stateless: "Login setting changed: it counts at the next crash",
  encrypt: "Encryption setting changed",
  restore: "Restoring your files from the backup",
  patch: "Patched: the hacker is locked out",
  cache: "Fetching that file from the origin",
  verify: "Checking setting changed",
  strategy: "Download order changed",
  policy: "Sharing setting changed",
  access: "Answer sent",
  leave: "You left the swarm",
  autopilot: "Autopilot setting changed",
  unblock: "Unblocked",
  "request-chunk": "Asked for that piece",
  pause: "Paused",
  resume: "Playing again",
  "add-time": "Time added",
  trigger: "Failure started",
  assign: "Player moved",
  kick: "Removed from the class",
  lock: "Class lock changed",
};
