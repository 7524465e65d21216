import { Scene } from "phaser";
import { findLevel, LEVELS } from "../../../shared/index";
import { loadProgress } from "../net/progress";
import { clearUi, h, mount } from "../ui/dom";
import { starGoals, starTable } from "../ui/stars";
import { startLevel } from "./level-flow";

/** A level's intro card: who you are, what to do, the idea; then play (or pick the architecture). */
export class LevelIntro extends Scene {
  private id = "";

  constructor() {
    super("LevelIntro");
  }

  init(data: { id?: string }): void {
    this.id = data.id ?? "";
  }

  create(): void {
    const info = findLevel(this.id);
    if (!info) return void this.scene.start("Levels");
    const level = info.scenario.level;
    const best = loadProgress().best[info.id];
    const error = h("p", { class: "error-text", id: "level-error", role: "alert" });
    const buttons: HTMLButtonElement[] = [];
    const play = (pick?: "hub" | "swarm") => async () => {
      for (const b of buttons) b.disabled = true;
      error.textContent = "";
      try {
        await startLevel(this, info.id, pick);
      } catch (e) {
        error.textContent = e instanceof Error ? e.message : String(e);
        for (const b of buttons) b.disabled = false;
      }
    };
    const choices = level.choose
      ? [
          h("button", { id: "pick-hub", class: "big hub", onclick: play("hub") }, "A hub (client-server)"),
          h(
            "button",
            { id: "pick-swarm", class: "big swarm", onclick: play("swarm") },
            "A swarm (peer-to-peer)",
          ),
        ]
      : [h("button", { id: "level-play", class: "big", onclick: play() }, "Play")];
    buttons.push(...choices);
    mount(
      h(
        "section",
        { class: "card stack", id: "level-intro", style: "width: min(46em, 94vw)" },
        h("p", { class: "muted level-count" }, `Level ${info.number} of ${LEVELS.length}`),
        h("h1", {}, info.scenario.name),
        h(
          "dl",
          { class: "intro" },
          h("dt", {}, "Who you are"),
          h("dd", { id: "intro-you" }, level.intro.you),
          h("dt", {}, "What to do"),
          h("dd", { id: "intro-todo" }, level.intro.todo),
          h("dt", {}, "The idea"),
          h("dd", { id: "intro-idea" }, level.intro.idea),
        ),
        h("p", { class: "muted" }, "Earn at least one star in each part below to open the next level."),
        h(
          "div",
          {},
          h("b", {}, "Scores each star needs"),
          starGoals(level, info.scenario.failures.length > 0),
        ),
        best ? h("div", {}, h("b", {}, "Your best so far"), starTable(best)) : null,
        level.choose ? h("h2", {}, "Which network fits this job?") : null,
        // The two picks side by side on their own row; Back never sits between them.
        level.choose ? h("div", { class: "picks" }, ...choices) : null,
        h(
          "div",
          { class: "row" },
          ...(level.choose ? [] : choices),
          h(
            "button",
            { class: "secondary", onclick: () => this.scene.start("Levels") },
            "Back to the levels",
          ),
        ),
        error,
      ),
    );
    this.events.once("shutdown", clearUi);
  }
}
