import { Scene } from "phaser";
import { debrief, type MatchResult, type TeamResult } from "../../../shared/index";
import { session } from "../app";
import { clearUi, h, mount } from "../ui/dom";

const SVG = "http://www.w3.org/2000/svg";
const TEAM_COLOR: Record<string, string> = { hub: "#e69f00", swarm: "#009e73" };

/** After the round: scores, goodput over time with failures marked, the leaderboard, the debrief. */
export class Results extends Scene {
  constructor() {
    super("Results");
  }

  create(): void {
    const r = session.lastResults;
    if (!r) {
      mount(h("section", { class: "card", id: "results" }, h("h1", {}, "Waiting for the results…")));
      const off = session.on("results", () => {
        off();
        this.scene.restart();
      });
      this.events.once("shutdown", off);
      return;
    }
    const lessons = debrief(r);
    const mine = r.players.find(
      (p) => p.holder && session.state?.players.get(session.sessionId)?.nickname === p.holder,
    );
    mount(
      h(
        "section",
        { class: "card stack", id: "results", style: "width: min(1200px, 96vw)" },
        h("h1", {}, `Results — ${r.scenario}`),
        mine
          ? h(
              "p",
              { class: "you-badge", id: "my-result" },
              `You (${mine.label}) scored ${mine.points} points.`,
            )
          : null,
        h("div", { class: "results-grid" }, ...r.teams.map((t) => scoreCard(t))),
        h("h2", {}, "Useful data delivered per second"),
        chart(r),
        h("h2", {}, "What happened, and why"),
        h(
          "ul",
          { class: "lessons", id: "lessons" },
          ...lessons.map((l) =>
            h("li", {}, h("b", {}, l.text), " ", h("span", { class: "muted" }, l.concept)),
          ),
        ),
        h("h2", {}, "Leaderboard"),
        leaderboard(r),
        h(
          "div",
          { class: "row" },
          h(
            "button",
            { id: "back", class: "big", onclick: () => this.scene.start("Menu") },
            "Back to the menu",
          ),
        ),
      ),
    );
    this.events.once("shutdown", clearUi);
  }
}

function scoreCard(t: TeamResult): HTMLElement {
  const bar = (label: string, v: number) => [
    h("span", {}, label),
    h("div", { class: "bar" }, h("i", { style: `width:${v}%;background:${TEAM_COLOR[t.team]}` })),
    h("b", {}, v),
  ];
  return h(
    "div",
    { class: `team-box ${t.team}`, "data-team": t.team },
    h("h2", {}, `${t.name}: ${t.scores.total}`),
    h(
      "div",
      { class: "bars" },
      ...bar("speed", t.scores.speed),
      ...bar("cost", t.scores.cost),
      ...bar("survival", t.scores.survival),
    ),
    h(
      "p",
      { class: "muted" },
      `${t.itemsCompleted} of ${t.itemsWanted} downloads finished · ${t.coinsSpent} coins spent · ${t.corruptDeliveries} corrupt chunks${t.contentLost ? " · data LOST" : ""}`,
    ),
  );
}

function chart(r: MatchResult): SVGSVGElement {
  const w = 1000;
  const hgt = 220;
  const secs = Math.max(1, ...r.teams.map((t) => t.goodputPerSecond.length));
  const max = Math.max(1, ...r.teams.flatMap((t) => t.goodputPerSecond));
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${hgt + 24}`);
  svg.setAttribute("id", "goodput-chart");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Goodput over time for each team, with failures marked");
  svg.style.display = "block";
  svg.style.width = "100%";
  svg.style.aspectRatio = `${w} / ${hgt + 24}`;
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text) e.textContent = text;
    svg.append(e);
    return e;
  };
  el("rect", { x: 0, y: 0, width: w, height: hgt, fill: "#f4f6fa" });
  const seenFailures = new Set<string>();
  for (const t of r.teams) {
    for (const f of t.failures) {
      const key = `${f.kind}@${f.startSecond}`;
      if (seenFailures.has(key)) continue;
      seenFailures.add(key);
      const x0 = (f.startSecond / secs) * w;
      const x1 = (Math.max(f.endSecond, f.startSecond + 1) / secs) * w;
      el("rect", { x: x0, y: 0, width: Math.max(2, x1 - x0), height: hgt, fill: "#d55e00", opacity: 0.15 });
      el("line", { x1: x0, x2: x0, y1: 0, y2: hgt, stroke: "#d55e00", "stroke-width": 2 });
      el("text", { x: x0 + 4, y: 16, "font-size": 14, fill: "#1d2433" }, f.kind);
    }
  }
  for (const t of r.teams) {
    const pts = t.goodputPerSecond
      .map((v, i) => `${((i + 0.5) / secs) * w},${hgt - (v / max) * (hgt - 24)}`)
      .join(" ");
    el("polyline", {
      points: pts,
      fill: "none",
      stroke: TEAM_COLOR[t.team]!,
      "stroke-width": 3,
      "stroke-dasharray": t.team === "swarm" ? "8 4" : "none",
    });
  }
  for (let m = 0; m <= secs; m += 30)
    el(
      "text",
      { x: (m / secs) * w, y: hgt + 18, "font-size": 14, fill: "#5b6577" },
      `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`,
    );
  return svg;
}

function leaderboard(r: MatchResult): HTMLElement {
  const top = r.players.slice(0, 12);
  return h(
    "table",
    { class: "board", id: "leaderboard" },
    h(
      "tr",
      {},
      h("th", {}, "#"),
      h("th", {}, "player"),
      h("th", {}, "node"),
      h("th", {}, "team"),
      h("th", { class: "num" }, "points"),
    ),
    ...top.map((p, i) =>
      h(
        "tr",
        {},
        h("td", {}, i + 1),
        h("td", {}, p.holder ?? "bot"),
        h("td", {}, p.label),
        h("td", {}, h("span", { class: `pill ${p.team}` }, p.team)),
        h("td", { class: "num" }, p.points),
      ),
    ),
  );
}
