/** Stars as the learner sees them: three per score part, filled or hollow, readable without colour. */
import { type Level, STAR_PARTS, type StarPart, type Stars } from "../../../shared/index";
import { h } from "./dom";

export const PART_LABEL: Record<StarPart, string> = { speed: "Speed", cost: "Cost", survival: "Survival" };

/** "★★☆" for 2 of 3, with a label a screen reader says in words. */
export function starRow(count: number, size: "small" | "big" = "small"): HTMLElement {
  return h(
    "span",
    {
      class: size === "big" ? "stars big" : "stars",
      role: "img",
      "aria-label": `${count} of 3 stars`,
      "data-stars": count,
    },
    ...[0, 1, 2].map((i) => h("span", { class: i < count ? "on" : "off" }, i < count ? "★" : "☆")),
  );
}

/**
 * One line per part: its name and its stars; with the round's scores, the score and what the next
 * star needs (from the level's thresholds).
 */
export function starTable(stars: Stars, scores?: Record<StarPart, number>, level?: Level): HTMLElement {
  const detail = (p: StarPart) => {
    if (!scores) return "";
    const next = level?.stars[p][stars[p]];
    return next === undefined ? `${scores[p]} / 100` : `${scores[p]} / 100 · next star at ${next}`;
  };
  return h(
    "div",
    { class: "star-table" },
    ...STAR_PARTS.flatMap((p) => [
      h("span", {}, PART_LABEL[p]),
      starRow(stars[p], "big"),
      h("span", { class: "muted" }, detail(p)),
    ]),
  );
}
