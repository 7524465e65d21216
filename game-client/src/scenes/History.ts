import { Scene } from "phaser";
import { clearUi, mount } from "../ui/dom";
import { buildHistoryPage } from "../ui/history";

/** A teacher's past classes, kept under their host key: each match's results and its CSV files. */
export class History extends Scene {
  constructor() {
    super("History");
  }

  create(): void {
    mount(buildHistoryPage({ back: () => this.scene.start("Menu") }));
    this.events.once("shutdown", clearUi);
  }
}
