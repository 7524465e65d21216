/** Stars as the learner sees them: three per score part, filled or hollow, readable without colour. */
import { type Level, STAR_PARTS, type StarPart, type Stars } from "../../../shared/index";
import { h } from "./dom";

export const PART_LABEL: Record<StarPart, string> = { speed: "Speed", cost: "Cost", survival: "Survival" };

/** "★★☆" for 2 of 3, with a label a screen reader says in words; null: the part was not tested. */
export function starRow(count: number | null, size: "small" | "big" = "small"): HTMLElement {
  if (count === null)
    return h(
      "span",
      { class: size === "big" ? "untested big muted" : "untested muted", title: "not tested in this level" },
      size === "big" ? "not tested" : "–",
    );
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
export function starTable(
  stars: Stars,
  scores?: Record<StarPart, number | null>,
  level?: Level,
): HTMLElement {
  const detail = (p: StarPart) => {
    const count = stars[p];
    if (!scores || count === null) return count === null ? "no failure this round" : "";
    const next = level?.stars[p][count];
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

/**
 * What each star needs, before playing: "Speed: ★ 85 · ★★ 89 · ★★★ 92 (out of 100)". Survival is
 * left out of a level without a failure (it is not tested there).
 */
export function starGoals(level: Level, failures: boolean): HTMLElement {
  const parts = STAR_PARTS.filter((p) => p !== "survival" || failures);
  return h(
    "div",
    { class: "star-table", id: "intro-stars" },
    ...parts.flatMap((p) => [
      h("span", {}, PART_LABEL[p]),
      h("span", {}, level.stars[p].map((t, i) => `${"★".repeat(i + 1)} ${t}`).join(" · ")),
      h("span", { class: "muted" }, "out of 100"),
    ]),
  );
}
