/**
 * Result graphics shared by the results screen, the editor's preview and the results history: a team's
 * score bars and the goodput-over-time chart with failure windows marked.
 */
import type { Scores, TeamResult } from "../../../shared/index";
import { CHART_SMOOTH_WORDS, rollingMean } from "./chart-line";
import { h } from "./dom";

const SVG = "http://www.w3.org/2000/svg";
export const TEAM_COLOR: Record<string, string> = { hub: "#e69f00", swarm: "#009e73" };

/** A team's total and its three score parts as bars, with a line of detail under them. */
export function scoreCard(team: string, name: string, scores: Scores, detail: string): HTMLElement {
  const bar = (label: string, v: number | null) => [
    h("span", {}, label),
    h(
      "div",
      { class: "bar" },
      v === null
        ? h("span", { class: "untested" }, "not tested: no failure this round")
        : h("i", { style: `width:${v}%;background:${TEAM_COLOR[team]}` }),
    ),
    h("b", {}, v ?? "–"),
  ];
  return h(
    "div",
    { class: `team-box ${team}`, "data-team": team },
    h("h2", {}, `${name}: ${scores.total}`),
    h(
      "div",
      { class: "bars" },
      ...bar("speed", scores.speed),
      ...bar("cost", scores.cost),
      ...bar("survival", scores.survival),
    ),
    h("p", { class: "muted" }, detail),
  );
}

/** Seconds between two labels of a time axis: at most twelve labels, whatever the length. */
export function axisStep(seconds: number): number {
  return [10, 30, 60, 120, 300].find((s) => seconds / s <= 12) ?? 600;
}

export type ChartTeam = Pick<TeamResult, "team" | "goodputPerSecond" | "failures">;

/** A generous width of one character of the chart's words, in ems (the page's sans-serif). */
const LABEL_EM = 0.62;

/**
 * Goodput per second for each team (hub solid, swarm dashed), each point averaged over the seconds
 * around it (rollingMean), failure windows shaded and named.
 */
export function goodputChart(teams: readonly ChartTeam[], id = "goodput-chart"): SVGSVGElement {
  // Drawn as wide as the screen, from 400 to 1000 units: the chart fills its card's width whatever it
  // is, so on a phone a 1000-unit drawing shrank to a strip 75 pixels tall with 4-pixel words. Its
  // height and words stay the same in units, so they keep a readable size on every screen.
  const w = Math.max(400, Math.min(1000, Math.round(window.innerWidth)));
  const hgt = 220;
  const secs = Math.max(1, ...teams.map((t) => t.goodputPerSecond.length));
  const lines = teams.map((t) => rollingMean(t.goodputPerSecond));
  const max = Math.max(1, ...lines.flat());
  const svg = document.createElementNS(SVG, "svg");
  // A band above the plot holds the value axis's label, clear of the failures' names inside it.
  const top = 20;
  svg.setAttribute("viewBox", `0 ${-top} ${w} ${hgt + 24 + top}`);
  svg.setAttribute("id", id);
  svg.setAttribute("class", "goodput-chart");
  svg.setAttribute("role", "img");
  svg.setAttribute(
    "aria-label",
    `Useful data delivered per second for each team (${CHART_SMOOTH_WORDS}), with failures marked`,
  );
  svg.style.display = "block";
  svg.style.width = "100%";
  svg.style.aspectRatio = `${w} / ${hgt + 24 + top}`;
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text) e.textContent = text;
    svg.append(e);
    return e;
  };
  el("rect", { x: 0, y: 0, width: w, height: hgt, fill: "#f4f6fa" });
  // The value axis: a line at the highest value, labelled above the plot, and zero at the bottom.
  el("line", { x1: 0, x2: w, y1: 24, y2: 24, stroke: "#b9c1cf", "stroke-dasharray": "4 4" });
  el(
    "text",
    { x: w - 6, y: -6, "font-size": 14, fill: "#5b6577", "text-anchor": "end", class: "axis-y" },
    `the dashed line: ${Math.round(max)} pieces a second`,
  );
  el("text", { x: w - 6, y: hgt - 6, "font-size": 14, fill: "#5b6577", "text-anchor": "end" }, "0");
  // Both teams meet the same failures at the same second: mark each once.
  const seen = new Set<string>();
  let row = 0;
  for (const t of teams) {
    for (const f of t.failures) {
      const key = `${f.kind}@${f.startSecond}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const x0 = (f.startSecond / secs) * w;
      const x1 = (Math.max(f.endSecond, f.startSecond + 1) / secs) * w;
      el("rect", { x: x0, y: 0, width: Math.max(2, x1 - x0), height: hgt, fill: "#d55e00", opacity: 0.15 });
      el("line", { x1: x0, x2: x0, y1: 0, y2: hgt, stroke: "#d55e00", "stroke-width": 2 });
      // Labels of close failures step down so they do not print over each other; one that would run
      // past the right edge is written to the left of its line.
      const y = 16 + 16 * (row++ % 3);
      const past = x0 + 4 + LABEL_EM * 14 * f.kind.length > w;
      el(
        "text",
        {
          x: past ? x0 - 4 : x0 + 4,
          y,
          "font-size": 14,
          fill: "#1d2433",
          "text-anchor": past ? "end" : "start",
        },
        f.kind,
      );
    }
  }
  for (const [k, t] of teams.entries()) {
    const pts = lines[k]!.map((v, i) => `${((i + 0.5) / secs) * w},${hgt - (v / max) * (hgt - 24)}`).join(
      " ",
    );
    el("polyline", {
      points: pts,
      fill: "none",
      stroke: TEAM_COLOR[t.team] ?? "#0072b2",
      "stroke-width": 3,
      "stroke-dasharray": t.team === "swarm" ? "8 4" : "none",
    });
  }
  const step = axisStep(secs);
  for (let m = 0; m <= secs; m += step)
    el(
      "text",
      { x: Math.min((m / secs) * w, w - 36), y: hgt + 18, "font-size": 14, fill: "#5b6577" },
      `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`,
    );
  return svg;
}
