import { Scene } from "phaser";
import { session } from "../net/app";
import { clearUi, h, mount } from "../ui/dom";
import { pointsWords } from "../ui/points-words";
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
    // The points follow in a second copy of the results: shown as they arrive.
    if (r.pointsPending) {
      const off = session.on("results", () => {
        off();
        this.scene.restart();
      });
      this.events.once("shutdown", off);
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
              r.pointsPending
                ? "Counting your points: the computer is playing the round again without your decisions…"
                : pointsWords(
                    mine.label,
                    mine.team,
                    mine.points,
                    session.state?.players.get(session.sessionId)?.decisions ?? 0,
                  ),
            )
          : null,
        session.role === "host" ? this.savedLine() : null,
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

  /** For the teacher: whether these results are safely in Past classes yet, kept up to date. */
  private savedLine(): HTMLElement {
    const line = h("p", { id: "saved", class: "saved-status", role: "status" });
    const show = () => {
      const saved = session.state?.saved ?? "";
      line.dataset.state = saved;
      line.textContent = SAVED_WORDS[saved] ?? SAVED_WORDS.saving!;
    };
    show();
    const timer = this.time.addEvent({ delay: 1000, loop: true, callback: show });
    this.events.once("shutdown", () => timer.remove());
    return line;
  }
}

/** What the teacher reads about the results' place in Past classes, by the room's `saved` state. */
const SAVED_WORDS: Record<string, string> = {
  saving: "Saving these results to Past classes…",
  saved: "✓ Saved in Past classes.",
  retrying:
    "Not saved yet: the database is not answering. The results are kept and saved as soon as it is back; you can close this page.",
};
