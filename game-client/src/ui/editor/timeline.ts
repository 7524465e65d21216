/**
 * The round as a strip, with every failure drawn from its start for as long as it lasts. Dragging an
 * event moves its start (whole seconds); clicking one selects it for editing.
 */
import { DEFAULT_DURATION, type FailureEvent } from "../../../../shared/index";
import { axisStep } from "../chart";
import { h } from "../dom";
import type { EditorModel } from "./model";
import { mmss } from "./model";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 1000;
const LANE = 30;
const AXIS = 24;

/** Puts overlapping events on separate lanes, first come first served. */
function lanes(events: readonly { start: number; end: number }[]): number[] {
  const ends: number[] = [];
  const order = events.map((_, i) => i).sort((a, b) => events[a]!.start - events[b]!.start);
  const lane: number[] = [];
  for (const i of order) {
    let l = ends.findIndex((e) => e <= events[i]!.start);
    if (l < 0) l = ends.push(0) - 1;
    ends[l] = events[i]!.end;
    lane[i] = l;
  }
  return lane;
}

/** How long an event shows on the strip: its duration, its kind's default, or a short mark. */
function shownLength(f: FailureEvent, round: number): number {
  return f.duration ?? DEFAULT_DURATION[f.kind] ?? round / 60;
}

export function buildTimeline(
  model: EditorModel,
  onSelect: (index: number) => void,
): { element: HTMLElement; draw(): void } {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("id", "ed-timeline");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "The failure timeline: drag an event to move it");
  let drag: { index: number; offset: number } | null = null;
  const round = () =>
    Number.isFinite(model.draft.duration) && model.draft.duration > 0 ? model.draft.duration : 180;
  const secondsAt = (clientX: number) => {
    const box = svg.getBoundingClientRect();
    return ((clientX - box.left) / box.width) * round();
  };
  svg.addEventListener("pointerdown", (e) => {
    const g = (e.target as Element).closest("[data-event]");
    if (!g) return;
    const index = Number(g.getAttribute("data-event"));
    model.select(index);
    onSelect(index);
    drag = { index, offset: secondsAt(e.clientX) - (model.draft.failures[index]?.at ?? 0) };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const at = Math.max(0, Math.min(round() - 1, Math.round(secondsAt(e.clientX) - drag.offset)));
    const i = drag.index;
    if (model.draft.failures[i] && model.draft.failures[i].at !== at)
      model.change((d) => {
        d.failures[i]!.at = at;
      });
  });
  const stop = () => {
    drag = null;
  };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);

  const el = (tag: string, attrs: Record<string, string | number>, text?: string, parent: Element = svg) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    parent.append(e);
    return e;
  };

  const draw = () => {
    const r = round();
    const events = model.draft.failures.map((f) => {
      const start = Number.isFinite(f.at) ? f.at : 0;
      return { start, end: start + Math.max(r / 60, shownLength(f, r)) };
    });
    const lane = lanes(events);
    const count = Math.max(1, ...lane.map((l) => l + 1));
    const height = AXIS + count * LANE + 6;
    svg.setAttribute("viewBox", `0 0 ${WIDTH} ${height}`);
    svg.style.aspectRatio = `${WIDTH} / ${height}`;
    svg.replaceChildren();
    el("rect", { x: 0, y: 0, width: WIDTH, height, class: "ed-tl-bg" });
    const step = axisStep(r);
    for (let s = 0; s <= r; s += step) {
      const x = (s / r) * WIDTH;
      el("line", { x1: x, x2: x, y1: 0, y2: height, class: "ed-tl-grid" });
      el("text", { x: Math.min(x + 3, WIDTH - 34), y: 16, class: "ed-tl-axis" }, mmss(s));
    }
    model.draft.failures.forEach((f, i) => {
      const e = events[i]!;
      const x = (e.start / r) * WIDTH;
      const w = Math.max(10, Math.min(WIDTH - x, ((e.end - e.start) / r) * WIDTH));
      const y = AXIS + lane[i]! * LANE;
      const g = el("g", {
        "data-event": i,
        class: `ed-tl-event${i === model.selected ? " selected" : ""}${f.at >= r ? " late" : ""}`,
      });
      el("title", {}, `${i + 1}. ${f.kind} at ${mmss(f.at)} — drag to move`, g);
      el("rect", { x, y, width: w, height: LANE - 6, rx: 4 }, undefined, g);
      el("text", { x: x + 5, y: y + 17 }, `${i + 1} ${f.kind}`, g);
    });
  };
  draw();
  return {
    element: h("div", { class: "ed-timeline" }, svg),
    draw,
  };
}
