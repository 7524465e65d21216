/**
 * The scenario editor's page: the toolbar, the problems list, the form on the left, and on the right
 * the map to aim with, the timeline strip and the failure rows. Every change flows through the
 * EditorModel; this file only routes its news to the parts that show it.
 */
import type { Scenario, World } from "../../../../shared/index";
import { h, toast } from "../dom";
import { FAILURE_AIM } from "../failure-kinds";
import { buildFailureList } from "./failure-list";
import { FieldMarks } from "./fields";
import { buildForm } from "./form";
import { buildMapPreview, type Pick } from "./map-preview";
import { blankScenario, EditorModel, randomSeed } from "./model";
import { buildPreviewPanel } from "./preview";
import { restoreDraft, storeDraft } from "./session-draft";
import { worldsOf } from "./targets";
import { buildTimeline } from "./timeline";
import { buildToolbar } from "./toolbar";

export interface EditorPage {
  element: HTMLElement;
}

export function buildEditorPage(nav: { back(): void; host(code: string): void }): EditorPage {
  const restored = restoreDraft();
  const model = restored
    ? new EditorModel(restored.draft, restored.origin)
    : new EditorModel(blankScenario(randomSeed()), { kind: "new" });
  if (restored?.dirty) model.dirty = true;
  model.selected = model.draft.failures.length ? 0 : -1;
  const marks = new FieldMarks();

  // Building both teams' worlds is cheap, but not on every keystroke in the name field.
  let worldKey = "";
  let worlds: World[] | null = null;
  const currentWorlds = () => {
    const d = model.draft;
    const key = JSON.stringify([d.map, d.workload, d.topology]);
    if (key !== worldKey) {
      worldKey = key;
      worlds = worldsOf(d);
    }
    return worlds;
  };

  const pick = (p: Pick) => {
    const i = model.selected;
    const f = model.draft.failures[i];
    if (!f) return toast("Select a failure first (or add one), then click the map to aim it.", "info");
    const aim = FAILURE_AIM[f.kind];
    const target =
      aim === "node" ? p.node : aim === "link" ? p.link : aim === "region" ? p.region : undefined;
    if (!target) {
      const what = aim === "none" ? "has no target" : `aims at a ${aim}`;
      return toast(
        `Failure ${i + 1} (${f.kind}) ${what}: click ${aim === "link" ? "a link" : "a node"} instead.`,
        "info",
      );
    }
    model.change((d) => {
      d.failures[i]!.target = target;
    }, "structure");
    failures.reveal(i);
  };

  const problems = h("div", { class: "ed-problems", id: "ed-problems", role: "alert" });
  const form = buildForm(model, marks);
  const map = buildMapPreview(pick);
  const failures = buildFailureList(model, marks);
  const timeline = buildTimeline(model, (i) => failures.reveal(i));
  const preview = buildPreviewPanel();
  const fileProblem = h("div", {
    class: "ed-file-problem",
    id: "ed-file-problem",
    role: "alert",
    hidden: true,
  });
  const showProblem = (message: string, errors: string[]) => {
    fileProblem.hidden = false;
    fileProblem.replaceChildren(
      h("b", {}, message),
      ...(errors.length ? [h("ul", {}, ...errors.slice(0, 12).map((e) => h("li", {}, e)))] : []),
      errors.length > 12 ? h("p", {}, `…and ${errors.length - 12} more.`) : "",
      h(
        "button",
        {
          type: "button",
          class: "secondary small",
          onclick: () => {
            fileProblem.hidden = true;
          },
        },
        "OK",
      ),
    );
  };
  const toolbar = buildToolbar(model, {
    preview: (s: Scenario) => void preview.run(s),
    host: nav.host,
    back: nav.back,
    problem: showProblem,
  });

  const showProblems = () => {
    marks.show(model.errors);
    const n = model.errors.length;
    problems.hidden = n === 0;
    if (n === 0) return problems.replaceChildren();
    const items = model.errors.map((e) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "link",
            onclick: () => marks.focus(e.path) || toast(`${e.path}: ${e.reason}`, "error"),
          },
          h("code", {}, e.path),
          `: ${e.reason}`,
        ),
      ),
    );
    problems.replaceChildren(
      h(
        "b",
        {},
        n === 1
          ? "1 problem — nothing can be saved until it is fixed:"
          : `${n} problems — nothing can be saved until they are fixed:`,
      ),
      h("ul", {}, ...items),
    );
  };

  const drawMap = () => {
    const f = model.draft.failures[model.selected];
    const w = currentWorlds();
    const mapErrors = model.errors.filter((e) => /^(map|workload)/.test(e.path));
    map.draw(
      w,
      f ? { kind: f.kind, ...(f.target ? { target: f.target } : {}) } : null,
      mapErrors.map((e) => `${e.path}: ${e.reason}`).join(" · "),
    );
  };

  // Rows are rebuilt when events change shape, and when the map changes (their target choices do).
  let rowsFor: World[] | null | undefined;
  const render = (change: "values" | "structure" | "load") => {
    const w = currentWorlds();
    if (change !== "values" || w !== rowsFor) failures.rebuild(w);
    else failures.update(w);
    rowsFor = w;
    marks.refresh();
    form.update();
    showProblems();
    timeline.draw();
    drawMap();
    toolbar.update();
    storeDraft(model);
  };
  model.on(render);
  render("load");

  const left = h("div", { class: "ed-left" }, form.element);
  const right = h(
    "div",
    { class: "ed-right" },
    h("div", { class: "ed-map-row" }, map.element),
    h("h2", {}, "Timeline ", h("span", { class: "muted small" }, "drag an event to move it")),
    timeline.element,
    failures.element,
  );
  return {
    element: h(
      "section",
      { class: "ed-page", id: "editor" },
      h("header", { class: "ed-head" }, h("h1", {}, "Scenario editor"), toolbar.element),
      fileProblem,
      problems,
      h("div", { class: "ed-body" }, left, right),
      preview.element,
    ),
  };
}
