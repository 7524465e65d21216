/**
 * The preview: the server plays the scenario headless with bots in every seat and the editor shows
 * what a class would get — each team's predicted speed, cost and survival, and goodput over time
 * with the failures marked.
 */
import { type Preview, type Scenario, teamName } from "../../../../shared/index";
import { previewScenario } from "../../net/api";
import { goodputChart, scoreCard } from "../chart";
import { CHART_SMOOTH_WORDS } from "../chart-line";
import { h } from "../dom";

export interface PreviewPanel {
  element: HTMLElement;
  run(scenario: Scenario): Promise<void>;
}

export function buildPreviewPanel(): PreviewPanel {
  const body = h("div", { class: "stack", id: "ed-preview-body" });
  const status = h("p", { class: "muted", id: "ed-preview-status" });
  const dialog = h(
    "dialog",
    { class: "card stack ed-preview", id: "ed-preview" },
    h(
      "div",
      { class: "row" },
      h("h1", {}, "Preview"),
      h("span", { class: "grow" }),
      h(
        "button",
        { type: "button", class: "secondary", id: "ed-preview-close", onclick: () => dialog.close() },
        "Close",
      ),
    ),
    status,
    body,
  );
  let run = 0;
  return {
    element: dialog,
    async run(scenario) {
      const mine = ++run;
      dialog.showModal();
      status.textContent = `Bots are playing "${scenario.name}" on the server…`;
      body.replaceChildren(h("div", { class: "spinner", "aria-hidden": "true" }));
      try {
        const p = await previewScenario(scenario);
        if (mine !== run) return;
        status.textContent = `Predicted with bots in every seat over ${p.seconds} s of game time (the server took ${(p.tookMs / 1000).toFixed(1)} s). Players who react well do better.`;
        body.replaceChildren(...previewSections(p));
      } catch (e) {
        if (mine !== run) return;
        status.textContent = "";
        const errors = (e as { errors?: string[] }).errors ?? [];
        body.replaceChildren(
          h("p", { class: "error-text" }, `No preview: ${e instanceof Error ? e.message : String(e)}`),
          ...(errors.length ? [h("ul", {}, ...errors.map((x) => h("li", {}, x)))] : []),
        );
      }
    },
  };
}

function previewSections(p: Preview): HTMLElement[] {
  return [
    h(
      "div",
      { class: "results-grid" },
      ...p.teams.map((t) =>
        scoreCard(
          t.team,
          teamName(t.team),
          t.scores,
          `${t.averageGoodput.toFixed(1)} useful chunks/s on average · ${t.coinsSpent} coins spent`,
        ),
      ),
    ),
    h("h2", {}, "Useful data delivered per second"),
    h("div", { class: "chart-box" }, goodputChart(p.teams, "ed-preview-chart")),
    h(
      "p",
      { class: "muted" },
      p.teams.length > 1
        ? `Team Hub: solid line · Team Swarm: dashed line · shaded: a failure is on · ${CHART_SMOOTH_WORDS}.`
        : `Shaded: a failure is on · ${CHART_SMOOTH_WORDS}.`,
    ),
  ];
}
