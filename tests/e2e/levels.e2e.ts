/**
 * A learner at home, in a real browser on a Chromebook-sized screen: opens the ladder, reads level 1's
 * card, plays it to the end through the panel, sees the stars, reloads and finds the progress kept. A
 * corrupt progress entry does not break the page, and "Reset progress" locks the ladder again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEVELS } from "../../shared/index";
import { launch, type World } from "./browser";
import { untilShown } from "./waits";

let w: World;
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  await w?.close();
});

const CHROMEBOOK = { width: 1366, height: 768 };
const KEY = "hub-swarm:levels";

describe("solo levels in the browser", () => {
  it("level 1 from the card to the stars; the progress survives a reload", async () => {
    const page = await w.open("learner", CHROMEBOOK);
    await w.shot(page, "20-menu");
    await page.click("#levels");
    await page.waitForSelector("#level-grid");
    await w.shot(page, "21-levels-fresh");
    // A fresh browser: level 1 open, level 2 locked.
    expect(await page.$eval("[data-level='ask-and-answer']", (b) => (b as HTMLButtonElement).disabled)).toBe(
      false,
    );
    expect(await page.$eval("[data-level='detour']", (b) => (b as HTMLButtonElement).disabled)).toBe(true);

    await page.click("[data-level='ask-and-answer']");
    await page.waitForSelector("#level-intro");
    expect(await page.textContent("#intro-you")).toMatch(/server/);
    // The stars' thresholds are on the card before playing (survival only where a failure tests it).
    const { stars: needs } = LEVELS[0]!.scenario.level;
    const goals = (await page.textContent("#intro-stars")) ?? "";
    expect(goals).toContain(`Speed★ ${needs.speed[0]} · ★★ ${needs.speed[1]} · ★★★ ${needs.speed[2]}`);
    expect(goals).toContain(`Cost★ ${needs.cost[0]}`);
    expect(goals).not.toContain("Survival");
    await w.shot(page, "22-level-intro");
    await page.click("#level-play");

    // In play: the goals are shown, and the panel is the server's. Do what the card says: upgrade twice.
    await page.waitForSelector("#goals");
    await page.waitForSelector("#controls #upgrade");
    expect(await page.$("#console")).toBeNull();
    const speedShown = () =>
      page.$eval("#controls", (c) => Number(/speed\s*(\d+) pieces a tick/.exec(c.textContent ?? "")?.[1]));
    for (let k = 0; k < 2; k++) {
      const before = await speedShown();
      expect(before).toBeGreaterThan(0);
      await page.click("#upgrade");
      // The upgrade took effect (the panel's speed rose) before the next one is asked for.
      await page.waitForFunction(
        (b) =>
          Number(
            /speed\s*(\d+) pieces a tick/.exec(document.querySelector("#controls")?.textContent ?? "")?.[1],
          ) > b,
        before,
      );
    }
    await untilShown(page);
    await w.shot(page, "23-level-playing");

    // The round runs to its end (60 s of game time) and the results show the level's stars.
    await page.waitForSelector("#level-result", { timeout: 90_000 });
    await w.shot(page, "24-level-result");
    expect(await page.textContent("#level-verdict")).toMatch(/passed/);
    // A calm level still says what happened, from its own numbers.
    expect(await page.textContent("#lessons")).toMatch(/Team Hub finished \d+ of \d+ files/);
    // One network: nothing to compare it with, and no failure for the chart's legend to name.
    const headings = await page.$$eval("#results h2", (els) => els.map((e) => e.textContent ?? ""));
    expect(headings).toContain("How the network did");
    expect(headings.join(" ")).not.toMatch(/which way of building/);
    const legend = (await page.textContent("#chart-legend")) ?? "";
    expect(legend).toMatch(/Team Hub/);
    expect(legend).toMatch(/the average of the 5 s around it/);
    expect(legend).not.toMatch(/a failure/);
    await page.$eval("#goodput-chart", (e) => e.scrollIntoView({ block: "center" }));
    await w.shot(page, "24d-level-chart");
    const stars = await page.$$eval("#level-result .stars", (els) =>
      els.map((e) => Number(e.getAttribute("data-stars"))),
    );
    // Speed and cost earn stars; survival is not tested in a level without a failure.
    expect(stars).toHaveLength(2);
    for (const s of stars) expect(s).toBeGreaterThanOrEqual(1);
    expect(await page.textContent("#level-result .untested")).toMatch(/not tested/);
    expect(await page.$("#level-next")).not.toBeNull();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));

    // Reload: the progress is still there, and level 2 is open.
    await page.reload();
    await page.waitForSelector("#menu");
    await page.click("#levels");
    await page.waitForSelector("#level-grid");
    expect(await page.getAttribute("[data-level='ask-and-answer']", "class")).toMatch(/passed/);
    const kept = await page.$$eval("[data-level='ask-and-answer'] .stars", (els) =>
      els.map((e) => Number(e.getAttribute("data-stars"))),
    );
    expect(kept).toEqual(stars);
    expect(await page.$eval("[data-level='detour']", (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    await w.shot(page, "25-levels-after-reload");

    // Next from the level select opens level 2's card.
    await page.click("[data-level='detour']");
    await page.waitForSelector("#level-intro");
    expect(await page.textContent("#level-intro h1")).toMatch(/detour/i);
    await page.click("text=Back to the levels");

    // Corrupt storage: ignored, never a crash.
    await page.evaluate((key) => localStorage.setItem(key, "{not json"), KEY);
    await page.reload();
    await page.waitForSelector("#menu");
    await page.click("#levels");
    await page.waitForSelector("#level-grid");
    expect(await page.$eval("[data-level='detour']", (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await page.evaluate(
      (key) => localStorage.setItem(key, JSON.stringify({ version: 1, best: { detour: { speed: 9 } } })),
      KEY,
    );
    await page.reload();
    await page.waitForSelector("#menu");
    await page.click("#levels");
    await page.waitForSelector("#level-grid");
    expect(await page.textContent("#levels-total")).toMatch(/★ 0 of/);

    // Reset forgets everything (the confirm dialog is accepted).
    await page.evaluate(
      (key) =>
        localStorage.setItem(
          key,
          JSON.stringify({ version: 1, best: { "ask-and-answer": { speed: 3, cost: 3, survival: 3 } } }),
        ),
      KEY,
    );
    await page.reload();
    await page.waitForSelector("#menu");
    await page.click("#levels");
    await page.waitForSelector("[data-level='ask-and-answer'].passed");
    await page.click("#levels-reset");
    await page.waitForSelector("[data-level='ask-and-answer']:not(.passed)");
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
    expect(w.errors.join("\n")).toBe("");
  });

  it("a level with a choice: the card offers hub or swarm, and the pick is what plays", async () => {
    const page = await w.open("chooser", { width: 1920, height: 1080 });
    // Every level before "small-office" passed, as if played on this browser.
    const before = LEVELS.slice(
      0,
      LEVELS.findIndex((l) => l.id === "small-office"),
    );
    const best = Object.fromEntries(before.map((l) => [l.id, { speed: 2, cost: 1, survival: 3 }]));
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key!, value!),
      [KEY, JSON.stringify({ version: 1, best })],
    );
    await page.reload();
    await page.waitForSelector("#menu");
    await page.click("#levels");
    await page.waitForSelector("#level-grid");
    await w.shot(page, "26-levels-projector");
    expect(await page.$eval("[data-level='fifty']", (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await page.click("[data-level='small-office']");
    await page.waitForSelector("#pick-swarm");
    expect(await page.$("#level-play")).toBeNull();
    await w.shot(page, "27-choice-intro-projector");
    await page.click("#pick-swarm");
    await page.waitForSelector("#goals");
    await page.waitForSelector("#controls #policy");
    await untilShown(page);
    await w.shot(page, "28-choice-playing-projector");
    expect(w.errors.join("\n")).toBe("");
  });
});
