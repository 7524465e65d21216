/** Where the maps go in the free area: side by side, or stacked when that draws them bigger. */
import type { MapView, Rect } from "./MapView";

export function placeMaps(views: readonly MapView[], area: Rect): void {
  const n = views.length;
  const across = (i: number): Rect => ({
    x: area.x + (area.w / n) * i,
    y: area.y,
    w: area.w / n - 8,
    h: area.h,
  });
  const stacked = (i: number): Rect => ({
    x: area.x,
    y: area.y + (area.h / n) * i,
    w: area.w,
    h: area.h / n - 4,
  });
  const scaleOf = (place: (i: number) => Rect) => Math.min(...views.map((v, i) => v.scaleIn(place(i))));
  const place = n > 1 && scaleOf(stacked) > scaleOf(across) ? stacked : across;
  for (const [i, v] of views.entries()) v.setRect(place(i));
}
