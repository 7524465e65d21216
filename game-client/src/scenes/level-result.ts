/** The top of the results screen after a level: stars, a hint after a miss, Retry and Next. */
import type { Scene } from "phaser";
import { findLevel, LEVELS, type MatchResult } from "../../../shared/index";
import { recordOutcome } from "../net/progress";
import { h } from "../ui/dom";
import { starTable } from "../ui/stars";
import { startLevel } from "./level-flow";

/** For a level ended before its time was up. */
const GAVE_UP_HINT = "Stars come only for a level played to the end. Try again and see it through!";

/** Saves the attempt's stars in this browser and builds the level's result panel. */
export function levelResult(scene: Scene, r: MatchResult): HTMLElement | null {
  const outcome = r.level;
  const info = outcome ? findLevel(outcome.id) : null;
  if (!outcome || !info) return null;
  recordOutcome(outcome);
  const next = LEVELS[info.number];
  const team = r.teams[0]!;
  const error = h("p", { class: "error-text quiet", role: "alert" });
  const retry = h(
    "button",
    {
      id: "level-retry",
      class: outcome.passed ? "secondary" : "big",
      onclick: async () => {
        retry.disabled = true;
        try {
          // A level with a choice starts again at its card: the choice is half the lesson.
          if (info.scenario.level.choose) scene.scene.start("LevelIntro", { id: info.id });
          else await startLevel(scene, info.id);
        } catch (e) {
          error.textContent = e instanceof Error ? e.message : String(e);
          retry.disabled = false;
        }
      },
    },
    "Retry",
  );
  return h(
    "div",
    { class: `level-result ${outcome.passed ? "passed" : "missed"}`, id: "level-result" },
    h(
      "h1",
      {},
      `Level ${info.number}: ${info.scenario.name} — `,
      h("span", { id: "level-verdict" }, outcome.passed ? "passed!" : "not yet"),
    ),
    starTable(outcome.stars, team.scores, info.scenario.level),
    ...(outcome.gaveUp ? [GAVE_UP_HINT] : outcome.hints).map((hint) =>
      h("p", { class: "hint" }, h("b", {}, "Hint: "), hint),
    ),
    outcome.passed && !next
      ? h("p", { class: "you-badge" }, "That was the last level. You can build a network — and say why.")
      : null,
    h(
      "div",
      { class: "row" },
      outcome.passed && next
        ? h(
            "button",
            {
              id: "level-next",
              class: "big",
              onclick: () => scene.scene.start("LevelIntro", { id: next.id }),
            },
            `Next: ${next.scenario.name}`,
          )
        : null,
      retry,
      h(
        "button",
        { id: "level-select", class: "secondary", onclick: () => scene.scene.start("Levels") },
        "All levels",
      ),
    ),
    error,
  );
}
