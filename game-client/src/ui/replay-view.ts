/**
 * The replay's controls around the map: a top bar (what is playing, the clock, each team's total, the
 * way back), a timeline at the bottom (play and pause, speed ×1–×8, a scrubber with the failures and
 * decisions marked on it) and a side panel with the debrief line of the moment and every moment to
 * jump to: each failure, and each player's decisions. Reads the replay; the scene plays it.
 */
import {
  type DecisionMoment,
  type FailureMoment,
  failureWords,
  type NetworkView,
  type StoredMatch,
  TICKS_PER_SECOND,
} from "../../../shared/index";
import { decisionWords } from "./decision-words";
import { h } from "./dom";
import { isCompetition, leadOf, leadTeams, standingWords } from "./lead-words";

/** Speeds a teacher can pick: game seconds per real second. */
export const REPLAY_SPEEDS = [1, 2, 4, 8] as const;

const FAILURE_NAME: Record<string, string> = {
  crash: "Crash",
  "disk-failure": "Disk failure",
  "link-cut": "Link cut",
  congestion: "Congestion",
  "packet-loss": "Lossy link",
  "flash-crowd": "Flash crowd",
  ddos: "DDoS attack",
  breach: "Server hacked",
  churn: "Peers leave",
  "malicious-peer": "Malicious peer",
  outage: "Regional outage",
  wiretap: "Wiretap",
  exploit: "Security hole",
};

export interface ReplayUi {
  top: HTMLElement;
  bar: HTMLElement;
  side: HTMLElement;
  /** Shows the moment: clock, totals, scrubber, the debrief line, which failure is on. */
  update(state: {
    tick: number;
    playing: boolean;
    speed: number;
    view: NetworkView;
    lesson: string | null;
  }): void;
}

export interface ReplayUiOptions {
  match: StoredMatch;
  lastTick: number;
  failures: readonly FailureMoment[];
  decisions: ReadonlyMap<string, readonly DecisionMoment[]>;
  /** A player's name as this viewer may show it. */
  nameOf(player: string): string;
  /** What the map calls a node or link of a team. */
  labelOf(team: string, id: string): string;
  onPlay(): void;
  onSpeed(speed: number): void;
  onSeek(tick: number): void;
  onBack(): void;
  /** Shown at the top right when watching without a teacher key. */
  readOnly: boolean;
}

/** Minutes and seconds of play at a tick (counting up, as the moments list reads). */
const at = (tick: number) => {
  const s = Math.floor(tick / TICKS_PER_SECOND);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};
/** A moment recorded at a tick shows after that tick's step: a jump lands one tick later. */
const shown = (tick: number) => tick + 1;

export function buildReplayUi(o: ReplayUiOptions): ReplayUi {
  const m = o.match;
  const span = Math.max(1, o.lastTick);
  const pct = (tick: number) => `${(100 * Math.min(span, tick)) / span}%`;

  // Top bar.
  const clockEl = h("span", { class: "clock", id: "replay-clock" });
  const scores = h("div", { class: "scores", id: "replay-scores" });
  const leaderEl = h("span", { class: "leader", id: "replay-leader" });
  const top = h(
    "header",
    { class: "topbar replay-top", id: "replay-top" },
    h("span", { class: "replay-title" }, h("b", {}, "Replay"), ` ${m.scenario}`),
    clockEl,
    scores,
    leaderEl,
    o.readOnly ? h("span", { class: "replay-readonly" }, "watch only") : "",
    h("button", { type: "button", class: "secondary", id: "replay-back", onclick: o.onBack }, "Back"),
  );

  // Timeline.
  const play = h(
    "button",
    { type: "button", id: "replay-play", class: "replay-play", onclick: o.onPlay },
    "▶ Play",
  );
  const speeds = REPLAY_SPEEDS.map((s) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary small replay-speed",
        "data-speed": s,
        "aria-label": `Speed ×${s}`,
        onclick: () => o.onSpeed(s),
      },
      `×${s}`,
    ),
  );
  const scrub = h("input", {
    type: "range",
    id: "replay-scrub",
    min: 0,
    max: span,
    step: 1,
    value: 0,
    "aria-label": "Moment of the match",
  }) as HTMLInputElement;
  scrub.addEventListener("input", () => o.onSeek(Number(scrub.value)));
  const marks = h(
    "div",
    { class: "replay-marks", "aria-hidden": "true" },
    ...o.failures.map((f) =>
      h("span", {
        class: "replay-mark failure",
        style: `left:${pct(f.tick)};width:max(3px,calc(${pct(f.endTick)} - ${pct(f.tick)}))`,
      }),
    ),
    ...[...o.decisions.values()]
      .flat()
      .map((d) => h("span", { class: "replay-mark decision", style: `left:${pct(d.tick)}` })),
  );
  const timeEl = h("span", { class: "replay-time" });
  const bar = h(
    "div",
    { class: "replay-bar", id: "replay-bar" },
    play,
    h("div", { class: "replay-speeds", role: "group", "aria-label": "Speed" }, ...speeds),
    h("div", { class: "replay-track" }, marks, scrub),
    timeEl,
  );

  // Side panel: this moment, then every moment to jump to.
  const lessonEl = h("p", { id: "replay-lesson", class: "replay-lesson" });
  const jump = (tick: number, id: string, ...children: (Node | string)[]) =>
    h(
      "button",
      {
        type: "button",
        class: "replay-jump",
        id,
        "data-tick": shown(tick),
        onclick: () => o.onSeek(shown(tick)),
      },
      ...children,
    );
  const failureButtons = o.failures.map((f, i) =>
    jump(
      f.tick,
      `replay-failure-${i}`,
      h("b", {}, at(f.tick)),
      ` ${FAILURE_NAME[f.kind] ?? f.kind}`,
      h(
        "span",
        { class: "muted" },
        ` — ${f.notes
          .map((n) => failureWords({ ...n, kind: f.kind }))
          .filter((n, k, all) => all.indexOf(n) === k)
          .join("; ")}`,
      ),
    ),
  );
  const players = [...o.decisions.entries()].map(([player, list], p) => {
    const first = list[0]!;
    const team = first.intent.team;
    return h(
      "div",
      { class: "replay-player", "data-player": o.nameOf(player) },
      h(
        "h4",
        {},
        o.nameOf(player),
        " ",
        h("span", { class: `pill ${team}` }, o.labelOf(team, first.intent.node)),
      ),
      ...list.map((d, i) =>
        jump(
          d.tick,
          `replay-decision-${p}-${i}`,
          h("b", {}, at(d.tick)),
          ` ${decisionWords(d.intent, (id) => o.labelOf(d.intent.team, id))}`,
        ),
      ),
    );
  });
  const side = h(
    "aside",
    { class: "side replay-side", id: "replay-side" },
    h("h2", {}, "This moment"),
    lessonEl,
    h("h3", {}, "Failures"),
    ...(failureButtons.length
      ? failureButtons
      : [h("p", { class: "muted" }, "Nothing broke in this match.")]),
    h("h3", {}, "Players' decisions"),
    ...(players.length ? players : [h("p", { class: "muted" }, "No player made a decision of their own.")]),
  );

  let sig = "";
  return {
    top,
    bar,
    side,
    update({ tick, playing, speed, view, lesson }) {
      const teams = [...view.teams.entries()];
      const next = JSON.stringify([
        tick,
        playing,
        speed,
        lesson,
        teams.map(([, t]) => [t.total, t.standing]),
      ]);
      if (next === sig) return;
      sig = next;
      clockEl.textContent = `${at(tick)} / ${at(o.lastTick)}`;
      timeEl.textContent = at(tick);
      // A class's match: each team against its autopilot, as the room's top bar showed it.
      const leading = leadTeams(view.teams.entries());
      const race = isCompetition(leading);
      const lead = leadOf(leading);
      scores.replaceChildren(
        ...teams.map(([key, t]) =>
          h(
            "div",
            { class: "score", "data-team": key },
            h("span", { class: `pill ${key}` }, t.name),
            race
              ? h(
                  "span",
                  { class: "total", title: "against its autopilot so far" },
                  h("b", {}, standingWords(t.standing)),
                  h("span", { class: "part" }, ` network ${t.total}`),
                )
              : h("span", { class: "total", title: "total score" }, h("b", {}, t.total)),
          ),
        ),
      );
      leaderEl.textContent = race && lead ? lead.text : "";
      leaderEl.title = race && lead ? lead.title : "";
      leaderEl.hidden = !(race && lead);
      play.textContent = playing ? "❚❚ Pause" : tick >= o.lastTick ? "↺ Again" : "▶ Play";
      play.setAttribute("aria-pressed", String(playing));
      for (const b of speeds) b.setAttribute("aria-pressed", String(Number(b.dataset.speed) === speed));
      if (document.activeElement !== scrub) scrub.value = String(tick);
      lessonEl.textContent =
        lesson ??
        (o.failures.length ? "No failure yet: both networks at work." : "No failure in this match.");
      o.failures.forEach((f, i) => {
        const on = tick >= f.tick && tick <= Math.max(f.endTick, f.tick + TICKS_PER_SECOND);
        failureButtons[i]!.classList.toggle("now", on);
      });
    },
  };
}
