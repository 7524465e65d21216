import { Scene } from "phaser";
import { isUnlocked, LEVELS, STAR_PARTS, totalStars } from "../../../shared/index";
import { session } from "../net/app";
import { loadProgress, passedIds, resetProgress } from "../net/progress";
import { clearUi, h, mount } from "../ui/dom";
import { starRow } from "../ui/stars";

/** The ladder: every level, locked or open, with the best stars earned in this browser. */
export class Levels extends Scene {
  constructor() {
    super("Levels");
  }

  create(): void {
    void session.leave();
    const progress = loadProgress();
    const done = passedIds(progress);
    const earned = Object.values(progress.best).reduce((n, s) => n + totalStars(s), 0);
    const cards = LEVELS.map((info) => {
      const open = isUnlocked(info, done);
      const best = progress.best[info.id];
      const sc = info.scenario;
      const arch = sc.level.choose ? "you choose" : sc.topology;
      return h(
        "button",
        {
          class: `level-card ${open ? "" : "locked"} ${done.has(info.id) ? "passed" : ""}`,
          "data-level": info.id,
          disabled: !open,
          onclick: () => this.scene.start("LevelIntro", { id: info.id }),
        },
        h(
          "span",
          { class: "level-num" },
          open ? info.number : h("img", { src: "icons/lock.svg", alt: "locked", width: 28, height: 28 }),
        ),
        h("span", { class: "level-name" }, sc.name),
        h(
          "span",
          { class: "level-role" },
          sc.level.role,
          " · ",
          sc.level.choose ? h("span", { class: "muted" }, arch) : h("span", { class: `pill ${arch}` }, arch),
        ),
        best
          ? h(
              "span",
              {
                class: "level-stars",
                title: STAR_PARTS.filter((p) => best[p] !== null).join(" · "),
              },
              ...STAR_PARTS.filter((p) => best[p] !== null).flatMap((p, i) => [
                i > 0 ? h("span", { class: "muted" }, "·") : null,
                starRow(best[p]),
              ]),
            )
          : h(
              "span",
              { class: "muted level-stars" },
              open ? "Not played yet" : `Pass level ${info.number - 1} first`,
            ),
      );
    });
    mount(
      h(
        "section",
        { class: "card stack", id: "levels", style: "width: min(66em, 96vw)" },
        h(
          "div",
          { class: "row spread" },
          h("h1", {}, "Solo levels"),
          h("span", { class: "you-badge", id: "levels-total" }, `★ ${earned} of ${LEVELS.length * 9}`),
        ),
        h(
          "p",
          { class: "muted" },
          "Each level teaches one idea. Earn at least one star for speed, cost and survival to open the next. Stars on a card: speed · cost · survival.",
        ),
        h("div", { class: "level-grid", id: "level-grid" }, ...cards),
        h(
          "div",
          { class: "row" },
          h("button", { class: "secondary", onclick: () => this.scene.start("Menu") }, "Back"),
          h(
            "button",
            {
              id: "levels-reset",
              class: "secondary",
              onclick: () => {
                if (!confirm("Forget every star and lock the levels again?")) return;
                resetProgress();
                this.scene.restart();
              },
            },
            "Reset progress",
          ),
        ),
      ),
    );
    this.events.once("shutdown", clearUi);
  }
}
