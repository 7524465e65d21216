import { Scene } from "phaser";
import { clearUi, mount } from "../ui/dom";
import { buildHistoryPage } from "../ui/history";

/**
 * A teacher's past classes, kept under their host key: each match's results, its CSV files, its replay
 * (the Watch scene) and its share link.
 */
export class History extends Scene {
  constructor() {
    super("History");
  }

  create(data: { open?: string } = {}): void {
    mount(
      buildHistoryPage({
        back: () => this.scene.start("Menu"),
        watch: (match) => this.scene.start("Watch", { match }),
        open: data.open,
      }),
    );
    this.events.once("shutdown", clearUi);
  }
}
