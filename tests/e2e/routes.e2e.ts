/**
 * A router player in a real browser (level 2, Router 3, on a Chromebook): the routes are drawn on the
 * map and listed in the panel; tapping a destination and then one of the router's links re-routes it,
 * and both the map and the panel show the new route; the keyboard does the same through the panel,
 * which also drops a destination's packets at the router ("nowhere", a null route) and sends them again;
 * the screen reader's summary names the node and the cut link, and the packets lost on it are counted
 * on the map and in the panel. The score counts and flashes on change. On a touch tablet, a mouse drag
 * and a finger's drag re-route too.
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
async function tagSays(page: Page, link: string, says: RegExp, read = tag, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!says.test(await read(page, link))) {
    if (Date.now() > end) expect(await read(page, link)).toMatch(says);
    await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
  }
}

/** The red badge the map shows on one of the router's links for the packets lost there ("" when none). */
async function dropBadge(page: Page, link: string): Promise<string> {
  return (await maps(page))[0]!.dropTags.find((t) => t.link === link)?.text ?? "";
}

/** Waits until the panel's routes say something (the server's next private view). */
function routesSay(page: Page, says: RegExp): Promise<unknown> {
  return page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector("#routes")?.textContent ?? ""),
    says.source,
  );
}

/** Starts level 2 as Router 3 and waits for the routes to be drawn on the map. */
async function playDetour(page: Page): Promise<MapLayout> {
  await openDetour(page);
  await page.click("#level-play");
  await routesSay(page, /Link to Server 1: carries packets to Server 1/);
  await page.waitForFunction(() =>
    (
      window as unknown as {
        hubSwarm: {
          game: {
            scene: { getScene(k: string): { describeMaps(): { routeTags: { link: string }[] }[] } };
          };
        };
      }
    ).hubSwarm.game.scene
      .getScene("GameScene")
      .describeMaps()[0]!
      .routeTags.some((t) => t.link === "R3-R4"),
  );
  return (await maps(page))[0]!;
}

describe("a router's routes", () => {
  it("drawn on the map and in the panel, changed by tapping and by keyboard", async () => {
    const page = await w.open("router", { width: 1366, height: 768 });
    const layout = await playDetour(page);
    expect(await tag(page, "R3-R4")).toMatch(/→ Router 4/);
    expect(await tag(page, "R3-R4")).not.toMatch(/Server 1/);
    expect(await page.textContent("#map-summary")).toMatch(/You are Router 3: it is up\. No failures now\./);

    // A score that changes counts to its new value with a flash (points and totals move as packets flow).
    await page.waitForSelector(".topbar [data-count].count-up, .topbar [data-count].count-down", {
      state: "attached",
    });

    // Tap Server 1, then the link to Router 4 (a third of the way along, clear of its tag).
    const s1 = centre(layout, "S1");
    await page.mouse.click(s1.x, s1.y);
    expect(await page.inputValue("#route-dest")).toBe("S1");
    const r3 = centre(layout, "R3");
    const r4 = centre(layout, "R4");
    await page.mouse.click(r3.x + (r4.x - r3.x) / 3, r3.y + (r4.y - r3.y) / 3);
    await page.waitForSelector(".toast.ok");
    // The server's next view of the routes moves Server 1 onto the link to Router 4, map and panel.
    await routesSay(page, /Link to Router 4: carries packets to Server 1/);
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

    // "Nowhere": a null route. The panel says the router drops those packets; a link sends them again.
    await page.selectOption("#route-link", "");
    await page.click("#route-set");
    await routesSay(page, /Dropped here \(no route\): packets to Server 1\./);
    await w.shot(page, "40b-router-null-route");
    await page.selectOption("#route-link", "R3-S1");
    await page.click("#route-set");
    await routesSay(page, /Link to Server 1: carries packets to Server 1/);
    expect(await page.textContent("#routes")).not.toMatch(/Dropped here/);

    // At 0:20 the link to Router 2 is cut: the panel says what is stuck, the map tags the link, and the
    // summary for screen readers names the failure.
    await page.waitForFunction(
      () => /Stuck: packets to .*Router 2/.test(document.querySelector("#routes")?.textContent ?? ""),
      null,
      { timeout: 60_000 },
    );
    await tagSays(page, "R2-R3", /down!/);
    // The packets that were on the cut link, or waited for it until the router's queue was full or
    // too long, are counted on it (within seconds): a red badge on the map and in the panel.
    await tagSays(page, "R2-R3", /^\d+ dropped$/, dropBadge, 40_000);
    const dropped = (await dropBadge(page, "R2-R3")).split(" ")[0];
    await routesSay(page, /Link to Router 2: .*\d+ dropped so far/);
    expect(Number(dropped)).toBeGreaterThan(0);
    await page.waitForFunction(() =>
      /One of your links is down\. Failures now: .*R2-R3/.test(
        document.querySelector("#map-summary")?.textContent ?? "",
      ),
    );
    expect(await page.getAttribute("#map-summary", "aria-live")).toBe("polite");
    await w.shot(page, "41-router-link-cut");
    expect(w.errors.join("\n")).toBe("");
  });

  it("changed by dragging, with a mouse and with a finger", async () => {
    const page = await w.open("router-drag", { width: 1024, height: 768 }, 1, true);
    const layout = await playDetour(page);
    const s1 = centre(layout, "S1");
    const r3 = centre(layout, "R3");
    const r4 = centre(layout, "R4");

    // A mouse drags Server 1 onto the link to Router 4 (let go a third of the way along it).
    await page.mouse.move(s1.x, s1.y);
    await page.mouse.down();
    await page.mouse.move((s1.x + r4.x) / 2, (s1.y + r4.y) / 2, { steps: 8 });
    const onLink = { x: r3.x + (r4.x - r3.x) / 3, y: r3.y + (r4.y - r3.y) / 3 };
    await page.mouse.move(onLink.x, onLink.y, { steps: 8 });
    // While dragging, the link it would drop on is outlined.
    expect(await page.inputValue("#route-dest")).toBe("S1");
    await w.shot(page, "42-router-dragging");
    await page.mouse.up();
    await routesSay(page, /Link to Router 4: carries packets to Server 1/);
    await tagSays(page, "R3-R4", /→ Server 1/);

    // A finger drags the route's own line (the link to Router 4, now carrying Server 1) onto Server 1
    // itself, the neighbour at the end of the router's other link: the route goes back.
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", x?: number, y?: number) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints: x === undefined || y === undefined ? [] : [{ x, y }],
      });
    const from = { x: r3.x + (r4.x - r3.x) * 0.25, y: r3.y + (r4.y - r3.y) * 0.25 };
    await touch("touchStart", from.x, from.y);
    for (let k = 1; k <= 10; k++)
      await touch("touchMove", from.x + ((s1.x - from.x) * k) / 10, from.y + ((s1.y - from.y) * k) / 10);
    await touch("touchEnd");
    await routesSay(page, /Link to Server 1: carries packets to Server 1/);
    await tagSays(page, "R3-R4", /^(?!.*Server 1)→/);
    expect(w.errors.join("\n")).toBe("");
  });
});
