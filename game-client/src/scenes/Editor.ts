import { Scene } from "phaser";
import { clearUi, h, mount } from "../ui/dom";

/**
 * The teacher's scenario editor: a DOM page over the dark backdrop; Phaser draws nothing here. Its
 * page (forms, validation, preview) is fetched when a teacher opens it, not with the game.
 */
export class Editor extends Scene {
  constructor() {
    super("Editor");
  }

  create(): void {
    this.events.once("shutdown", clearUi);
    mount(h("section", { class: "card", id: "editor-loading" }, h("p", {}, "Opening the editor…")));
    import("../ui/editor/page").then(
      ({ buildEditorPage }) => {
        if (!this.scene.isActive()) return;
        const page = buildEditorPage({
          back: () => this.scene.start("Menu"),
          host: (code) => this.scene.start("Host", { scenario: code }),
        });
        mount(page.element);
      },
      () =>
        mount(
          h(
            "section",
            { class: "card stack", id: "editor-error" },
            h("h1", {}, "The editor did not load"),
            h("p", {}, "Check the connection to the game server, then try again."),
            h("button", { type: "button", onclick: () => this.scene.start("Menu") }, "To the menu"),
          ),
        ),
    );
  }
}
