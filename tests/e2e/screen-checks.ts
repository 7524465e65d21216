/** Checks of what a screen shows where, shared by the browser tests of screen sizes and the console. */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { Box, MapLayout } from "../../game-client/src/render/MapView";

export const SIZES = {
  projector: { width: 1920, height: 1080 },
  chromebook: { width: 1366, height: 768 },
  laptop: { width: 1440, height: 900 },
  tablet: { width: 768, height: 1024 },
  phone: { width: 390, height: 844 },
} as const;

export type { Box, MapLayout };

export const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

/** Each map's title, icons and labels as the game scene drew them (CSS pixels). */
export function maps(page: Page): Promise<MapLayout[]> {
  return page.evaluate(() => {
    const g = (window as unknown as { hubSwarm: { game: { scene: { getScene(k: string): unknown } } } })
      .hubSwarm;
    return (g.game.scene.getScene("GameScene") as { describeMaps(): MapLayout[] }).describeMaps();
  });
}

/** The on-screen box of an element, or null when it is missing or not displayed. */
export function box(page: Page, selector: string): Promise<Box | null> {
  return page.evaluate((sel) => {
    const e = document.querySelector(sel);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  }, selector);
}

/** The box around a map's nodes and their labels: where it draws its network. */
export function nodeArea(m: MapLayout): Box {
  const parts = m.nodes.flatMap((n) => [n.icon, ...(n.label ? [n.label] : [])]);
  const x = Math.min(...parts.map((b) => b.x));
  const y = Math.min(...parts.map((b) => b.y));
  const right = Math.max(...parts.map((b) => b.x + b.w));
  const bottom = Math.max(...parts.map((b) => b.y + b.h));
  return { x, y, w: right - x, h: bottom - y };
}

/** The messages showing now (a failure's banners, confirmations), with at least one expected. */
export async function expectBannersClear(page: Page, who: string): Promise<void> {
  const shown = await page.$$eval("#toasts .toast", (els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, text: e.textContent ?? "" };
    }),
  );
  expect(shown.length, `${who}: a message shows`).toBeGreaterThan(0);
  for (const m of await maps(page)) {
    const area = nodeArea(m);
    for (const t of shown)
      expect(overlap(t, area), `${who}: "${t.text}" over ${m.team}'s nodes ${JSON.stringify(area)}`).toBe(
        false,
      );
  }
}

/** Labels of one map never print over each other. */
export function expectNoLabelOverlap(layout: MapLayout[], who: string): void {
  for (const m of layout) {
    const labels = m.nodes.filter((n) => n.label);
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++)
        expect(
          overlap(labels[i]!.label!, labels[j]!.label!),
          `${who}: label of ${labels[i]!.id} over ${labels[j]!.id}`,
        ).toBe(false);
  }
}

/** The student's own node, their team's total, their points, the leader and the help button. */
/** The key to the map (lower right) and "Behind the scenes" (lower left) never cover each other. */
export async function expectLegendClear(page: Page, who: string): Promise<void> {
  const behind = await box(page, "#behind");
  const legend = await box(page, "#legend");
  if (behind && legend)
    expect(
      overlap(behind, legend),
      `${who}: the key ${JSON.stringify(legend)} covers Behind the scenes ${JSON.stringify(behind)}`,
    ).toBe(false);
}

export async function expectGlance(page: Page, who: string, dpr: number): Promise<void> {
  const view = page.viewportSize()!;
  const within = (b: Box | null, what: string) => {
    expect(b, `${who}: ${what} is shown`).not.toBeNull();
    expect(
      b!.x >= 0 && b!.y >= 0 && b!.x + b!.w <= view.width + 0.5 && b!.y + b!.h <= view.height + 0.5,
      `${who}: ${what} on screen ${JSON.stringify(b)}`,
    ).toBe(true);
  };
  within(await box(page, "#clock"), "the clock");
  within(await box(page, ".score.mine .total"), "their team's total");
  within(await box(page, "#my-points"), "their points");
  within(await box(page, "#leader"), "the leading team");
  within(await box(page, "#scoring"), "the help button");
  within(await box(page, "#sound"), "the sound switch");
  const layout = await maps(page);
  const mine = layout.flatMap((m) => m.nodes).find((n) => n.mine);
  expect(mine, `${who}: their node is drawn`).toBeDefined();
  within(mine!.icon, "their node");
  for (const sel of ["#behind", "#legend", "#side", "#topbar"]) {
    const b = await box(page, sel);
    if (b) expect(overlap(b, mine!.icon), `${who}: ${sel} covers their node`).toBe(false);
  }
  expectNoLabelOverlap(layout, who);
  await expectLegendClear(page, who);
  // Crisp: the canvas has a pixel for every device pixel (up to 2 per CSS pixel).
  const canvas = await page.$eval("#game canvas", (c) => ({
    w: (c as HTMLCanvasElement).width,
    css: c.getBoundingClientRect().width,
  }));
  expect(canvas.css).toBeCloseTo(view.width, 0);
  expect(canvas.w).toBe(Math.floor(view.width * Math.min(2, dpr)));
}
