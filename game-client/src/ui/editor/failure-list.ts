/**
 * The failure timeline as rows: kind, target, start, duration and strength of every event, each with
 * its own errors. Rows are rebuilt only when events appear, vanish or change kind, so typing in a
 * field never loses focus.
 */
import {
  DEFAULT_TARGET,
  FAILURE_KINDS,
  type FailureEvent,
  type FailureKind,
  formatPath,
  type World,
} from "../../../../shared/index";
import { h, option } from "../dom";
import {
  durationHint,
  FAILURE_AIM,
  FAILURE_LABEL,
  MAGNITUDE_UNIT,
  magnitudeHint,
  targetWords,
} from "../failure-kinds";
import { type FieldMarks, numberField } from "./fields";
import type { EditorModel } from "./model";
import { targetChoices, targetWarning } from "./targets";

export interface FailureList {
  element: HTMLElement;
  /** Rebuilds the rows from the draft (after a structural change). */
  rebuild(worlds: readonly World[] | null): void;
  /** Updates selection and warnings without touching the inputs. */
  update(worlds: readonly World[] | null): void;
  /** Scrolls a row into view (after it was picked on the map or the timeline). */
  reveal(index: number): void;
}

/** A new event's start: a little after the last one, inside the round. */
function nextStart(model: EditorModel): number {
  const last = Math.max(0, ...model.draft.failures.map((f) => (Number.isFinite(f.at) ? f.at : 0)));
  const round = Number.isFinite(model.draft.duration) ? model.draft.duration : 180;
  return Math.max(0, Math.min(round - 10, model.draft.failures.length ? last + 30 : 30));
}

export function buildFailureList(model: EditorModel, marks: FieldMarks): FailureList {
  const rows = h("ol", { class: "ed-failures", id: "ed-failures" });
  const add = h(
    "button",
    {
      type: "button",
      id: "ed-add-failure",
      onclick: () => {
        const at = nextStart(model);
        model.change((d) => {
          d.failures.push({ kind: "crash", at, duration: 20, target: "role:source" });
        }, "structure");
        model.select(model.draft.failures.length - 1);
      },
    },
    "+ Add a failure",
  );
  const sort = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: () => model.change((d) => void d.failures.sort((a, b) => a.at - b.at), "structure"),
    },
    "Sort by start",
  );
  const warnings: HTMLElement[] = [];

  const row = (f: FailureEvent, i: number, worlds: readonly World[] | null): HTMLElement => {
    const path = (field: string) => ["failures", i, field];
    const kind = h("select", {
      name: formatPath(path("kind")),
      "aria-label": `Failure ${i + 1} kind`,
      class: "ed-kind",
    });
    kind.replaceChildren(...FAILURE_KINDS.map((k) => option(k, FAILURE_LABEL[k], k === f.kind)));
    kind.addEventListener("change", () => {
      const k = kind.value as FailureKind;
      model.change((d) => {
        const e = d.failures[i]!;
        const sameAim = FAILURE_AIM[e.kind] === FAILURE_AIM[k];
        e.kind = k;
        if (!sameAim || FAILURE_AIM[k] === "none") delete e.target;
        if (!MAGNITUDE_UNIT[k]) delete e.magnitude;
      }, "structure");
    });
    const target = targetSelect(model, marks, f, i, worlds);
    const unit = MAGNITUDE_UNIT[f.kind];
    const warning = h("p", { class: "ed-warning" });
    warnings[i] = warning;
    const li = h(
      "li",
      { class: "ed-failure", "data-index": i },
      h(
        "div",
        { class: "ed-failure-head" },
        h("span", { class: "ed-num" }, `${i + 1}`),
        kind,
        h(
          "button",
          {
            type: "button",
            class: "secondary small",
            "aria-label": `Delete failure ${i + 1}`,
            onclick: () => {
              model.change((d) => void d.failures.splice(i, 1), "structure");
              model.select(Math.min(i, model.draft.failures.length - 1));
            },
          },
          "Delete",
        ),
      ),
      h(
        "div",
        { class: "ed-failure-fields" },
        target,
        numberField(model, marks, path("at"), { label: "Starts at", clock: true, min: 0, step: 1 }),
        numberField(model, marks, path("duration"), {
          label: "Lasts",
          unit: "s",
          min: 1,
          step: 1,
          optional: true,
          placeholder: durationHint(f.kind),
        }),
        unit
          ? numberField(model, marks, path("magnitude"), {
              label: "Strength",
              unit: unit.unit,
              min: 0,
              step: unit.step,
              optional: true,
              placeholder: magnitudeHint(f.kind),
            })
          : h(
              "span",
              { class: "field muted" },
              h("span", { class: "field-label" }, "Strength"),
              h("span", { class: "field-input" }, "none for this kind"),
            ),
      ),
      warning,
    );
    li.addEventListener("focusin", () => model.select(i));
    li.addEventListener("click", () => model.select(i));
    return li;
  };

  const update = (worlds: readonly World[] | null) => {
    for (const li of rows.querySelectorAll<HTMLElement>(".ed-failure"))
      li.classList.toggle("selected", Number(li.dataset.index) === model.selected);
    model.draft.failures.forEach((f, i) => {
      const w = warnings[i];
      if (w) w.textContent = worlds ? (targetWarning(f.kind, f.target, worlds) ?? "") : "";
    });
  };

  return {
    element: h(
      "section",
      { class: "ed-failure-panel" },
      h("div", { class: "row" }, h("h2", {}, "Failures"), add, sort),
      rows,
    ),
    rebuild(worlds) {
      marks.forget("failures[");
      warnings.length = 0;
      const items = model.draft.failures.map((f, i) => row(f, i, worlds));
      rows.replaceChildren(
        ...(items.length
          ? items
          : [
              h(
                "li",
                { class: "muted" },
                "No failures yet: a calm round. Add one to break something on schedule.",
              ),
            ]),
      );
      update(worlds);
    },
    update,
    reveal(index) {
      rows.querySelector(`[data-index="${index}"]`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    },
  };
}

/** The target of one event: a role, random, busiest, a region, or what was clicked on the map. */
function targetSelect(
  model: EditorModel,
  marks: FieldMarks,
  f: FailureEvent,
  i: number,
  worlds: readonly World[] | null,
): HTMLElement {
  const key = formatPath(["failures", i, "target"]);
  const aim = FAILURE_AIM[f.kind];
  const select = h("select", { name: key, "aria-label": `Failure ${i + 1} target`, class: "ed-target" });
  const choices: [string, string][] = [];
  if (aim === "none") choices.push(["", f.kind === "flash-crowd" ? "the workload" : "the swarm"]);
  else {
    choices.push(["", `default: ${targetWords(aim, DEFAULT_TARGET[f.kind])}`]);
    choices.push(...targetChoices(f.kind, worlds));
    if (f.target && !choices.some(([v]) => v === f.target))
      choices.push([f.target, pickedWords(f.target, worlds)]);
  }
  select.replaceChildren(...choices.map(([v, t]) => option(v, t, v === (f.target ?? ""))));
  select.disabled = aim === "none";
  select.addEventListener("change", () =>
    model.change((d) => {
      const e = d.failures[i]!;
      if (select.value) e.target = select.value;
      else delete e.target;
    }),
  );
  const note = h("small", { class: "field-error", "data-for": key });
  marks.register(key, select, note, () => {});
  return h(
    "label",
    { class: "field wide", "data-path": key },
    h("span", { class: "field-label" }, aim === "region" ? "Region" : "Target"),
    h("span", { class: "field-input" }, select),
    note,
  );
}

/** A target picked on the map, in words: "Router 2 (R2)", "link R4-R5". */
function pickedWords(target: string, worlds: readonly World[] | null): string {
  const w = worlds?.[0];
  const node = w?.nodes[w.idIndex.get(target) ?? -1];
  if (node) return `${node.label} (${target})`;
  if (w?.links.some((l) => l.id === target || l.id === target.split("-").reverse().join("-")))
    return `link ${target}`;
  return target;
}
