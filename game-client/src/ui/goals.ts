/** The level's goals during play, and the stars the round would earn if it ended now. */
import { type LevelInfo, STAR_PARTS, type StarPart, starsFor } from "../../../shared/index";
import { h } from "./dom";
import { PART_LABEL, starRow } from "./stars";

export interface GoalsPanel {
  element: HTMLElement;
  update(scores: Record<StarPart, number>): void;
}

export function goalsPanel(info: LevelInfo): GoalsPanel {
  const level = info.scenario.level;
  const now = h("div", { class: "star-table compact", id: "goals-stars" });
  const element = h(
    "div",
    { id: "goals", class: "goals" },
    h("h2", {}, `Level ${info.number}: ${info.scenario.name}`),
    h("ul", {}, ...level.goals.map((g) => h("li", {}, g))),
    h("h3", {}, "Stars if the round ended now"),
    now,
  );
  let sig = "";
  return {
    element,
    update(scores) {
      const stars = starsFor(scores, level);
      const next = STAR_PARTS.map((p) => stars[p]).join();
      if (next === sig) return;
      sig = next;
      now.replaceChildren(...STAR_PARTS.flatMap((p) => [h("span", {}, PART_LABEL[p]), starRow(stars[p])]));
    },
  };
}
