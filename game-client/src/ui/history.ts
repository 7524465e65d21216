/**
 * Past classes, found by the teacher's host key: a list of matches, one match's full results with its
 * event log, its CSV files (per player, per team), its replay and its share link. The key lives in this
 * browser; a teacher on another computer pastes theirs.
 */
import {
  type Architecture,
  competitionWinner,
  loggedWords,
  type MatchSummary,
  plural,
  type StoredMatch,
  TICKS_PER_SECOND,
  teamName,
} from "../../../shared/index";
import { listMatches, loadMatch, matchCsv, shareMatch } from "../net/api";
import { keepHostKey, readHostKey } from "../net/teacher-keys";
import { downloadBlob, h, toast } from "./dom";
import { mmss } from "./editor/model";
import { standingWords } from "./lead-words";
import { resultSections } from "./results-view";

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
};

export function buildHistoryPage(nav: {
  back(): void;
  /** Opens a match's replay. */
  watch(match: StoredMatch): void;
  /** A match to show at once (coming back from its replay). */
  open?: string | undefined;
}): HTMLElement {
  const body = h("div", { class: "stack", id: "history-body" });
  const keyBox = h("div", { class: "history-key", id: "history-key" });
  const page = h(
    "section",
    { class: "card stack history", id: "history" },
    h(
      "div",
      { class: "row" },
      h("h1", {}, "Past classes"),
      h("span", { class: "grow" }),
      h("button", { type: "button", class: "secondary", id: "history-back", onclick: nav.back }, "Back"),
    ),
    keyBox,
    body,
  );

  const showKey = () => {
    const key = readHostKey();
    const input = h("input", {
      id: "history-key-input",
      placeholder: "paste a teacher key",
      autocomplete: "off",
      "aria-label": "Teacher key",
    });
    const use = () => {
      if (!keepHostKey(input.value))
        return toast("That is not a teacher key: it has 22 letters, digits, - and _.", "error");
      showKey();
      void showList();
    };
    input.addEventListener("keydown", (e) => e.key === "Enter" && use());
    const shown = h(
      "code",
      { id: "history-key-value" },
      key ? `${key.slice(0, 4)}…${key.slice(-4)}` : "none yet",
    );
    keyBox.replaceChildren(
      h(
        "p",
        {},
        "Classes you host from this browser are kept under your teacher key ",
        shown,
        key
          ? h(
              "button",
              {
                type: "button",
                class: "secondary small",
                onclick: () => {
                  shown.textContent = key;
                  void navigator.clipboard?.writeText(key).then(
                    () => toast("Key copied: paste it on another computer to see these classes there.", "ok"),
                    () => {},
                  );
                },
              },
              "Show and copy",
            )
          : "",
      ),
      h(
        "div",
        { class: "row" },
        h("span", { class: "muted" }, "Hosted from another computer?"),
        input,
        h("button", { type: "button", class: "secondary", onclick: use }, "Use this key"),
      ),
    );
  };

  const showList = async () => {
    const key = readHostKey();
    if (!key) {
      body.replaceChildren(
        h(
          "p",
          { class: "muted", id: "history-empty" },
          "No classes yet: host a class and its results appear here when the round ends.",
        ),
      );
      return;
    }
    body.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    try {
      const { matches } = await listMatches(key);
      body.replaceChildren(
        matches.length
          ? matchTable(matches, (id) => void showMatch(key, id))
          : h("p", { class: "muted", id: "history-empty" }, "No finished classes under this key yet."),
      );
    } catch (e) {
      body.replaceChildren(
        h("p", { class: "error-text" }, `Could not load your classes: ${(e as Error).message}`),
      );
    }
  };

  const showMatch = async (key: string, id: string) => {
    body.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    try {
      const m = await loadMatch(key, id);
      body.replaceChildren(
        ...matchView(
          key,
          m,
          () => void showList(),
          () => nav.watch(m),
        ),
      );
      page.scrollTop = 0;
    } catch (e) {
      body.replaceChildren(
        h("p", { class: "error-text" }, `Could not load that class: ${(e as Error).message}`),
      );
    }
  };

  showKey();
  const key = readHostKey();
  if (nav.open && key) void showMatch(key, nav.open);
  else void showList();
  return page;
}

function matchTable(matches: readonly MatchSummary[], open: (id: string) => void): HTMLElement {
  return h(
    "table",
    { class: "board", id: "history-list" },
    h(
      "tr",
      {},
      h("th", {}, "ended"),
      h("th", {}, "scenario"),
      h("th", {}, "class"),
      h("th", { class: "num" }, "players"),
      h(
        "th",
        { title: "Each team against its autopilot (★ the winner); older classes: the network's score" },
        "teams against their autopilot",
      ),
      h("th", {}, ""),
    ),
    ...matches.map((m) =>
      h(
        "tr",
        { "data-match": m.id },
        h("td", {}, when(m.endedAt)),
        h("td", {}, m.scenario, m.scenarioCode ? h("span", { class: "muted" }, ` (${m.scenarioCode})`) : ""),
        h(
          "td",
          {},
          `${m.roomCode} · ${m.mode} · ${mmss(m.seconds)}`,
          m.status === "interrupted" ? h("span", { class: "muted" }, " · interrupted") : "",
        ),
        h("td", { class: "num" }, m.players),
        h("td", {}, ...teamPills(m)),
        h(
          "td",
          {},
          h("button", { type: "button", class: "secondary small", onclick: () => open(m.id) }, "Open"),
        ),
      ),
    ),
  );
}

/**
 * Sharing one match: while shared, anyone with its link watches the replay (players numbered, not
 * named; nothing else of the teacher's); the teacher stops it with one click.
 */
function sharePanel(key: string, m: StoredMatch): HTMLElement {
  const box = h("div", { class: "history-share", id: "history-share" });
  const link = `${location.origin}${location.pathname}?watch=${encodeURIComponent(m.id)}`;
  const show = (shared: boolean) => {
    const set = (on: boolean) => async () => {
      try {
        show((await shareMatch(key, m.id, on)).shared);
        if (on) toast("Shared: anyone with the link can watch this match again.", "ok");
      } catch (e) {
        toast(`Not changed: ${(e as Error).message}`, "error");
      }
    };
    box.replaceChildren(
      ...(shared
        ? [
            h("span", {}, "Students can watch it at home: "),
            h("input", { id: "history-share-link", readonly: true, value: link, "aria-label": "Share link" }),
            h(
              "button",
              {
                type: "button",
                class: "secondary small",
                onclick: () =>
                  void navigator.clipboard?.writeText(link).then(
                    () => toast("Link copied.", "ok"),
                    () => {},
                  ),
              },
              "Copy",
            ),
            h(
              "button",
              { type: "button", class: "secondary small", id: "history-unshare", onclick: set(false) },
              "Stop sharing",
            ),
          ]
        : [
            h(
              "span",
              { class: "muted" },
              "Only you can watch it. A share link shows the replay with players numbered, not named by nickname.",
            ),
            h(
              "button",
              { type: "button", class: "secondary small", id: "history-share-on", onclick: set(true) },
              "Share a link",
            ),
          ]),
    );
  };
  show(m.shared === true);
  return box;
}

function matchView(key: string, m: StoredMatch, back: () => void, watch: () => void): Element[] {
  const csv = (which: "players" | "teams") => async () => {
    try {
      const blob = await matchCsv(key, m.id, which);
      downloadBlob(blob, `hub-swarm-${m.roomCode}-${m.endedAt.slice(0, 10)}-${which}.csv`);
    } catch (e) {
      toast(`No CSV: ${(e as Error).message}`, "error");
    }
  };
  return [
    h(
      "div",
      { class: "row" },
      h("button", { type: "button", class: "secondary", id: "history-all", onclick: back }, "← All classes"),
      h("span", { class: "grow" }),
      m.result.intents
        ? h("button", { type: "button", class: "hub", id: "history-watch", onclick: watch }, "▶ Watch again")
        : "",
      h("button", { type: "button", id: "csv-players", onclick: csv("players") }, "CSV per player"),
      h("button", { type: "button", id: "csv-teams", onclick: csv("teams") }, "CSV per team"),
    ),
    h("h2", { id: "history-title" }, `${m.scenario} — class ${m.roomCode}`),
    h(
      "p",
      { class: "muted" },
      `${when(m.endedAt)} · ${m.mode} · ${plural(m.players, "player")} · ${mmss(m.seconds)} played${m.status === "interrupted" ? " · ended early (interrupted)" : ""}${m.scenarioCode ? ` · scenario code ${m.scenarioCode}` : ""}`,
    ),
    ...(m.result.intents ? [sharePanel(key, m)] : []),
    ...resultSections(m.result, { interrupted: m.status === "interrupted" }),
    h("h2", {}, "Everything that happened"),
    h(
      "ol",
      { class: "lessons", id: "history-events" },
      ...(m.events.length
        ? m.events.map((e) =>
            h(
              "li",
              {},
              h("b", {}, mmss(e.tick / TICKS_PER_SECOND)),
              " ",
              e.team ? h("span", { class: `pill ${e.team}` }, e.team) : "",
              ` ${loggedWords(e)}`,
            ),
          )
        : [h("li", { class: "muted" }, "Nothing was logged.")]),
    ),
  ];
}

/**
 * A past class's teams in its row: against its autopilot where it was compared ("★ Team Hub +9 %", the
 * star for the winner of a finished round), else the network's total.
 */
function teamPills(m: MatchSummary): Element[] {
  const compared = m.teams.every((t) => t.againstAutopilot !== null);
  const win =
    compared && m.status === "finished"
      ? competitionWinner(
          m.teams.map((t) => ({ team: t.team as Architecture, againstAutopilot: t.againstAutopilot })),
        )
      : null;
  return m.teams.map((t) =>
    compared
      ? h(
          "span",
          { class: `pill ${t.team}`, title: `against its autopilot; the network's total ${t.total}` },
          `${t.team === win ? "★ " : ""}${teamName(t.team)} ${standingWords(t.againstAutopilot!)}`,
        )
      : h("span", { class: `pill ${t.team}` }, `${teamName(t.team)} ${t.total}`),
  );
}
