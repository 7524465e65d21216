/**
 * The editor's left column: what the scenario is called, who plays it, its map, its workload and how
 * it is scored. Every field is bound to the draft and shows its own error.
 */
import { isGeneratedMap, plural, TOPOLOGIES } from "../../../../shared/index";
import { h } from "../dom";
import { type FieldMarks, numberField, selectField, textField } from "./fields";
import { blankScenario, type EditorModel, randomSeed } from "./model";

const TOPOLOGY_WORDS: Record<(typeof TOPOLOGIES)[number], string> = {
  versus: "Versus: Hub against Swarm",
  hub: "Hub only (client-server)",
  swarm: "Swarm only (peer-to-peer)",
};

export interface EditorForm {
  element: HTMLElement;
  /** Shows the generated-map fields or the hand-made map's summary, whichever the draft has. */
  update(): void;
}

export function buildForm(model: EditorModel, marks: FieldMarks): EditorForm {
  const num = numberField.bind(null, model, marks);
  const about = h(
    "fieldset",
    { class: "ed-section" },
    h("legend", {}, "About"),
    textField(model, marks, ["name"], { label: "Name", id: "ed-name", maxLength: 80, wide: true }),
    textField(model, marks, ["description"], {
      label: "Description (what students should notice)",
      id: "ed-description",
      multiline: true,
      wide: true,
    }),
    selectField(model, marks, ["topology"], {
      label: "Architecture",
      id: "ed-topology",
      choices: TOPOLOGIES.map((t) => [t, TOPOLOGY_WORDS[t]]),
      wide: true,
    }),
    h(
      "div",
      { class: "ed-grid" },
      num(["duration"], {
        label: "Round length",
        clock: true,
        min: 10,
        max: 1800,
        step: 10,
        id: "ed-duration",
      }),
      num(["budget"], { label: "Budget", unit: "coins", min: 1, step: 100, id: "ed-budget" }),
      h(
        "div",
        { class: "field-with-button" },
        num(["seed"], { label: "Random seed", min: 0, step: 1, id: "ed-seed" }),
        h(
          "button",
          {
            type: "button",
            class: "secondary small",
            title: "Pick another seed: random choices (targets, timings) come out differently",
            onclick: () =>
              model.change((d) => {
                d.seed = randomSeed();
              }),
          },
          "New",
        ),
      ),
    ),
  );

  const generated = h(
    "div",
    { class: "ed-grid" },
    selectField(model, marks, ["map", "shape"], {
      label: "Shape",
      id: "ed-shape",
      choices: [
        ["ring", "ring"],
        ["star", "star"],
        ["grid", "grid"],
      ],
    }),
    num(["map", "routers"], { label: "Routers", min: 1, max: 80, step: 1, id: "ed-routers" }),
    num(["map", "regions"], { label: "Regions", min: 1, max: 8, step: 1, id: "ed-regions" }),
    num(["map", "servers"], { label: "Servers / seeds", min: 1, max: 20, step: 1, id: "ed-servers" }),
    num(["map", "users"], { label: "Users", min: 1, max: 400, step: 1, id: "ed-users" }),
    selectField(model, marks, ["map", "origin"], {
      label: "Origin server",
      id: "ed-origin",
      choices: [
        ["true", "yes (far away)"],
        ["false", "no"],
      ],
      parse: (v) => v === "true",
    }),
    num(["map", "latency"], {
      label: "Link latency",
      unit: "ticks",
      min: 1,
      max: 20,
      step: 1,
      id: "ed-latency",
    }),
    num(["map", "bandwidth"], { label: "Link bandwidth", unit: "pkt/tick", min: 1, max: 64, step: 1 }),
  );
  const explicit = h("div", { class: "muted", id: "ed-explicit-map" });
  const map = h("fieldset", { class: "ed-section" }, h("legend", {}, "Map"), generated, explicit);

  const workload = h(
    "fieldset",
    { class: "ed-section" },
    h("legend", {}, "Workload"),
    h(
      "div",
      { class: "ed-grid" },
      num(["workload", "items"], { label: "Items (files)", min: 1, max: 20, step: 1 }),
      num(["workload", "chunksPerItem"], { label: "Chunks per item", min: 1, max: 31, step: 1 }),
      num(["workload", "itemsPerUser"], { label: "Items per user", min: 1, max: 20, step: 1 }),
      num(["workload", "rampUp"], { label: "Ramp-up", unit: "s", min: 0, step: 1 }),
      num(["workload", "thinkTime"], { label: "Think time", unit: "s", min: 0, step: 1 }),
      num(["workload", "messagesPerMinute"], { label: "Messages", unit: "/ min", min: 0, max: 60, step: 1 }),
      selectField(model, marks, ["workload", "serverHolds"], {
        label: "Servers hold",
        choices: [
          ["some", "some items (rest from origin)"],
          ["all", "every item"],
        ],
      }),
    ),
  );

  const shares = h("p", { class: "muted", id: "ed-weight-shares" });
  const scoring = h(
    "fieldset",
    { class: "ed-section" },
    h("legend", {}, "Scoring weights"),
    h(
      "div",
      { class: "ed-grid three" },
      num(["weights", "speed"], { label: "Speed", min: 0, step: 5, id: "ed-w-speed" }),
      num(["weights", "cost"], { label: "Cost", min: 0, step: 5, id: "ed-w-cost" }),
      num(["weights", "survival"], { label: "Survival", min: 0, step: 5, id: "ed-w-survival" }),
    ),
    shares,
  );

  const update = () => {
    const m = model.draft.map;
    const gen = isGeneratedMap(m);
    generated.hidden = !gen;
    explicit.hidden = gen;
    if (!gen) {
      explicit.replaceChildren(
        h(
          "p",
          {},
          `A hand-made map: ${plural(m.routers.length, "router")}, ${plural(m.links.length, "link")}, ${plural(m.servers.length, "server")}, ${plural(m.users.length, "user")}${m.origin ? ", an origin" : ""}. It is kept as it is.`,
        ),
        h(
          "button",
          {
            type: "button",
            class: "secondary small",
            onclick: () =>
              confirm("Replace the hand-made map with a generated one?") &&
              model.change((d) => {
                d.map = blankScenario(d.seed).map;
              }, "structure"),
          },
          "Use a generated map instead",
        ),
      );
    }
    const w = model.draft.weights;
    const sum = w.speed + w.cost + w.survival;
    shares.textContent =
      Number.isFinite(sum) && sum > 0
        ? `Total = ${Math.round((w.speed / sum) * 100)} % speed + ${Math.round((w.cost / sum) * 100)} % cost + ${Math.round((w.survival / sum) * 100)} % survival`
        : "";
  };
  update();
  return { element: h("div", { class: "ed-form" }, about, map, workload, scoring), update };
}
