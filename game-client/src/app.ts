/** The one session every scene shares, and the palette (Okabe–Ito, colour-blind safe). */
import type { Scene } from "phaser";
import { Session } from "./net/session";

export const session = new Session();

export const COLORS = {
  ink: 0x1d2433,
  paper: 0xf4f6fa,
  line: 0xb9c1cf,
  hub: 0xe69f00,
  swarm: 0x009e73,
  blue: 0x0072b2,
  sky: 0x56b4e9,
  warn: 0xd55e00,
  yellow: 0xf0e442,
  purple: 0xcc79a7,
  white: 0xffffff,
} as const;

/** Packet kinds: each its own colour and shape (readable without colour vision). */
export const PACKET_STYLE: Record<string, { texture: string; color: number; label: string }> = {
  request: { texture: "pkt-triangle", color: COLORS.sky, label: "request" },
  chunk: { texture: "pkt-circle", color: COLORS.blue, label: "piece of data" },
  "chunk-request": { texture: "pkt-triangle", color: COLORS.sky, label: "request for a piece" },
  message: { texture: "pkt-square", color: COLORS.purple, label: "chat message" },
  control: { texture: "pkt-circle", color: COLORS.line, label: "network housekeeping" },
  junk: { texture: "pkt-cross", color: COLORS.ink, label: "junk (an attack)" },
};
export const CORRUPT_STYLE = { texture: "pkt-diamond", color: COLORS.warn, label: "broken data" };

/**
 * Device pixels per CSS pixel the map is drawn at. Phaser 4 has no resolution setting: the canvas is
 * made this many times larger than its CSS size (Scale.NONE with zoom 1/density) and every scene's
 * camera zooms by the same factor, so scenes keep working in CSS pixels and draw crisp on a
 * high-density screen. Capped at 2: a phone at 3 looks the same to the eye and fills 2.25× the pixels.
 */
export function pixelDensity(): number {
  return Math.min(2, Math.max(1, window.devicePixelRatio || 1));
}

/** A scene's size in CSS pixels (the scale manager's size is in device pixels). */
export function viewSize(scene: Scene): { width: number; height: number } {
  const d = pixelDensity();
  return { width: scene.scale.width / d, height: scene.scale.height / d };
}

/** Makes a scene's camera draw CSS-pixel coordinates at device resolution, now and after a resize. */
export function fitCamera(scene: Scene): void {
  const zoomToDensity = () => scene.cameras.main.setOrigin(0, 0).setZoom(pixelDensity());
  zoomToDensity();
  scene.scale.on("resize", zoomToDensity);
  scene.events.once("shutdown", () => scene.scale.off("resize", zoomToDensity));
}
