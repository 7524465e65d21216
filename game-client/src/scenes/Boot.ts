import { Scene } from "phaser";

/** Nothing to load yet: straight to the preloader. */
export class Boot extends Scene {
  constructor() {
    super("Boot");
  }

  create(): void {
    this.scene.start("Preloader");
  }
}
