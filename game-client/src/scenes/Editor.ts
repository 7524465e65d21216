import { Scene } from "phaser";
import { clearUi, mount } from "../ui/dom";
import { buildEditorPage } from "../ui/editor/page";

/** The teacher's scenario editor: a DOM page over the dark backdrop; Phaser draws nothing here. */
export class Editor extends Scene {
  constructor() {
    super("Editor");
  }

  create(): void {
    const page = buildEditorPage({
      back: () => this.scene.start("Menu"),
      host: (code) => this.scene.start("Host", { scenario: code }),
    });
    mount(page.element);
    this.events.once("shutdown", clearUi);
  }
}
