import { Scene } from "phaser";
import { fitCamera, viewSize } from "../render/display";
import { COLORS, PACKET_TEXTURE } from "../render/palette";

/** Icons from assets/ by key, and packet sprites drawn once into textures. */
export const ICONS = [
  "client",
  "server",
  "router",
  "peer",
  "seed",
  "origin",
  "tracker",
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
    fitCamera(this);
    const { width, height } = viewSize(this);
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
    // A join link (the projector's QR code) opens the join form with the code filled in; a shared
    // match's link (?watch=ID) opens its replay.
    const params = new URLSearchParams(location.search);
    const watch = params.get("watch");
    if (watch) this.scene.start("Watch", { id: watch, readOnly: true });
    else this.scene.start(params.has("code") ? "Join" : "Menu");
  }

  /**
   * White packet shapes, tinted per kind at draw time, as frames of one texture: a thousand packets of
   * five shapes then draw as a single batch.
   */
  protected makePacketTextures(): void {
    const g = this.add.graphics();
    const size = 16;
    const shapes: [string, (x: number) => void][] = [
      [
        "pkt-circle",
        (x) => {
          g.fillCircle(x + 8, 8, 6);
          g.strokeCircle(x + 8, 8, 6);
        },
      ],
      [
        "pkt-triangle",
        (x) => {
          g.fillTriangle(x + 8, 2, x + 14, 14, x + 2, 14);
          g.strokeTriangle(x + 8, 2, x + 14, 14, x + 2, 14);
        },
      ],
      [
        "pkt-square",
        (x) => {
          g.fillRect(x + 3, 3, 10, 10);
          g.strokeRect(x + 3, 3, 10, 10);
        },
      ],
      [
        "pkt-diamond",
        (x) => {
          g.fillTriangle(x + 8, 1, x + 15, 8, x + 1, 8);
          g.fillTriangle(x + 1, 8, x + 15, 8, x + 8, 15);
          g.beginPath();
          g.moveTo(x + 8, 1);
          g.lineTo(x + 15, 8);
          g.lineTo(x + 8, 15);
          g.lineTo(x + 1, 8);
          g.closePath();
          g.strokePath();
        },
      ],
      [
        "pkt-cross",
        (x) => {
          g.fillRect(x + 6, 1, 4, 14);
          g.fillRect(x + 1, 6, 14, 4);
        },
      ],
    ];
    g.fillStyle(0xffffff, 1);
    g.lineStyle(2, 0x1d2433, 1);
    shapes.forEach(([, paint], i) => {
      paint(i * size);
    });
    g.generateTexture(PACKET_TEXTURE, size * shapes.length, size);
    g.destroy();
    const texture = this.textures.get(PACKET_TEXTURE);
    shapes.forEach(([name], i) => {
      texture.add(name, 0, i * size, 0, size, size);
    });
  }
}
