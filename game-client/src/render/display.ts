/** Drawing at the screen's own resolution: pure helpers, nothing runs at import. */
import type { Scene } from "phaser";

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
