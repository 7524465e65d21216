/**
 * A router player in a real browser (level 2, Router 3, on a Chromebook): the routes are drawn on the
 * map and listed in the panel; tapping a destination and then one of the router's links re-routes it,
 * and both the map and the panel show the new route; the keyboard does the same through the panel;
 * the screen reader's summary names the node and the cut link. The score counts and flashes on change.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openDetour, type World } from "./browser";
import { type MapLayout, maps } from "./screen-checks";

let w: World;
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  await w?.close();
});

const centre = (layout: MapLayout, id: string) => {
  const n = layout.nodes.find((x) => x.id === id)!;
  return { x: n.icon.x + n.icon.w / 2, y: n.icon.y + n.icon.h / 2 };
};

/** The tag the map shows on one of the router's links ("" when none). */
async function tag(page: Page, link: string): Promise<string> {
  return (await maps(page))[0]!.routeTags.find((t) => t.link === link)?.text ?? "";
}

/** Waits until the map's tag on a link says something (the map redraws on its next frame). */
async function tagSays(page: Page, link: string, says: RegExp): Promise<void> {
  const end = Date.now() + 10_000;
  while (!says.test(await tag(page, link))) {
    if (Date.now() > end) expect(await tag(page, link)).toMatch(says);
    await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
  }
}

describe("a router's routes", () => {
  it("drawn on the map and in the panel, changed by tapping and by keyboard", async () => {
    const page = await w.open("router", { width: 1366, height: 768 });
    await openDetour(page);
    await page.click("#level-play");
    // The routes arrive with the first private view: Server 1 leaves by its own link.
    await page.waitForFunction(() =>
      /Link to Server 1: carries packets to Server 1/.test(
        document.querySelector("#routes")?.textContent ?? "",
      ),
    );
    await page.waitForFunction(() =>
      (
        window as unknown as {
          hubSwarm: {
            game: {
              scene: {
                getScene(k: string): { describeMaps(): { routeTags: { link: string; text: string }[] }[] };
              };
            };
          };
        }
      ).hubSwarm.game.scene
        .getScene("GameScene")
        .describeMaps()[0]!
        .routeTags.some((t) => t.link === "R3-R4"),
    );
    expect(await tag(page, "R3-R4")).toMatch(/→ Router 4/);
    expect(await tag(page, "R3-R4")).not.toMatch(/Server 1/);
    expect(await page.textContent("#map-summary")).toMatch(/You are Router 3: it is up\. No failures now\./);

    // A score that changes counts to its new value with a flash (points and totals move as packets flow).
    await page.waitForSelector(".topbar [data-count].count-up, .topbar [data-count].count-down", {
      state: "attached",
    });

    // Tap Server 1, then the link to Router 4 (a third of the way along, clear of its tag).
    const layout = (await maps(page))[0]!;
    const s1 = centre(layout, "S1");
    await page.mouse.click(s1.x, s1.y);
    expect(await page.inputValue("#route-dest")).toBe("S1");
    const r3 = centre(layout, "R3");
    const r4 = centre(layout, "R4");
    await page.mouse.click(r3.x + (r4.x - r3.x) / 3, r3.y + (r4.y - r3.y) / 3);
    await page.waitForSelector(".toast.ok");
    // The server's next view of the routes moves Server 1 onto the link to Router 4, map and panel.
    await page.waitForFunction(() =>
      /Link to Router 4: carries packets to Server 1/.test(
        document.querySelector("#routes")?.textContent ?? "",
      ),
    );
    await tagSays(page, "R3-R4", /→ Server 1/);
    await w.shot(page, "40-router-tapped-route");

    // The keyboard: the same route set back through the panel's selects and button.
    await page.focus("#route-dest");
    await page.selectOption("#route-dest", "S1");
    await page.focus("#route-link");
    await page.selectOption("#route-link", "R3-S1");
    await page.focus("#route-set");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      /Link to Server 1: carries packets to Server 1/.test(
        document.querySelector("#routes")?.textContent ?? "",
      ),
    );

    // At 0:20 the link to Router 2 is cut: the panel says what is stuck, the map tags the link, and the
    // summary for screen readers names the failure.
    await page.waitForFunction(
      () => /Stuck: packets to .*Router 2/.test(document.querySelector("#routes")?.textContent ?? ""),
      null,
      { timeout: 60_000 },
    );
    await tagSays(page, "R2-R3", /down!/);
    await page.waitForFunction(() =>
      /One of your links is down\. Failures now: .*R2-R3/.test(
        document.querySelector("#map-summary")?.textContent ?? "",
      ),
    );
    expect(await page.getAttribute("#map-summary", "aria-live")).toBe("polite");
    await w.shot(page, "41-router-link-cut");
    expect(w.errors.join("\n")).toBe("");
  });
});
