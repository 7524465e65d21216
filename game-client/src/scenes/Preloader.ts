import { Scene } from "phaser";
import { COLORS } from "../app";

/** Icons from assets/ by key, and packet sprites drawn once into textures. */
export const ICONS = [
  "client",
  "server",
  "router",
  "peer",
  "seed",
  "origin",
  "botnet",
  "malicious",
  "cloud",
  "lock",
  "shield",
  "backup",
  "crash",
  "autopilot",
  "logo",
] as const;

export class Preloader extends Scene {
  constructor() {
    super("Preloader");
  }

  preload(): void {
    const { width, height } = this.scale;
    const bar = this.add.rectangle(width / 2 - 200, height / 2, 4, 16, COLORS.yellow).setOrigin(0, 0.5);
    this.load.on("progress", (p: number) => {
      bar.width = 4 + 396 * p;
    });
    for (const key of ICONS)
      this.load.svg(key, `icons/${key}.svg`, {
        width: key === "logo" ? 256 : 96,
        height: key === "logo" ? 256 : 96,
      });
  }

  create(): void {
    this.makePacketTextures();
    this.scene.start("Menu");
  }

  /** White shapes, tinted per packet kind at draw time. */
  private makePacketTextures(): void {
    const g = this.add.graphics();
    const size = 16;
    const draw = (key: string, paint: () => void) => {
      g.clear();
      g.fillStyle(0xffffff, 1);
      g.lineStyle(2, 0x1d2433, 1);
      paint();
      g.generateTexture(key, size, size);
    };
    draw("pkt-circle", () => {
      g.fillCircle(8, 8, 6);
      g.strokeCircle(8, 8, 6);
    });
    draw("pkt-triangle", () => {
      g.fillTriangle(8, 2, 14, 14, 2, 14);
      g.strokeTriangle(8, 2, 14, 14, 2, 14);
    });
    draw("pkt-square", () => {
      g.fillRect(3, 3, 10, 10);
      g.strokeRect(3, 3, 10, 10);
    });
    draw("pkt-diamond", () => {
      g.fillTriangle(8, 1, 15, 8, 1, 8);
      g.fillTriangle(1, 8, 15, 8, 8, 15);
      g.beginPath();
      g.moveTo(8, 1);
      g.lineTo(15, 8);
      g.lineTo(8, 15);
      g.lineTo(1, 8);
      g.closePath();
      g.strokePath();
    });
    draw("pkt-cross", () => {
      g.fillRect(6, 1, 4, 14);
      g.fillRect(1, 6, 14, 4);
    });
    g.destroy();
  }
}
