import { Scene } from "phaser";
import { session } from "../app";
import { clearUi, h, mount } from "../ui/dom";
import { resultSections } from "../ui/results-view";
import { levelResult } from "./level-result";

/** After the round: scores, goodput over time with failures marked, the leaderboard, the debrief. */
export class Results extends Scene {
  constructor() {
    super("Results");
  }

  create(): void {
    const r = session.lastResults;
    if (!r) {
      mount(h("section", { class: "card", id: "results" }, h("h1", {}, "Waiting for the results…")));
      const off = session.on("results", () => {
        off();
        this.scene.restart();
      });
      this.events.once("shutdown", off);
      return;
    }
    // After a level: its stars first; the leaderboard of one player and bots says little.
    const level = levelResult(this, r);
    const mine = r.players.find(
      (p) => p.holder && session.state?.players.get(session.sessionId)?.nickname === p.holder,
    );
    mount(
      h(
        "section",
        { class: "card stack", id: "results", style: "width: min(1200px, 96vw)" },
        level ?? h("h1", {}, `Results — ${r.scenario}`),
        mine && !level
          ? h(
              "p",
              { class: "you-badge", id: "my-result" },
              `You (${mine.label}) scored ${mine.points} points.`,
            )
          : null,
        ...resultSections(r, { leaderboard: !level }),
        h(
          "div",
          { class: "row" },
          h(
            "button",
            { id: "back", class: "big", onclick: () => this.scene.start("Menu") },
            "Back to the menu",
          ),
        ),
      ),
    );
    this.events.once("shutdown", clearUi);
  }
}
