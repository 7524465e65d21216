/**
 * A peer that has everything it wanted (level 9, Keep seeding, on a Chromebook): its panel says what
 * staying gives the others and what leaving would save the team in upkeep, right above the button
 * that leaves; while it is still downloading the panel says nothing of the kind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, type World } from "./browser";

let w: World;
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  await w?.close();
});

/** Levels 1–8 played already, so level 9's card opens. */
const PLAYED = [
  "ask-and-answer",
  "detour",
  "chain",
  "rush-hour",
  "backups",
  "breach",
  "seed",
  "rarest-first",
];

describe("a peer that is done", () => {
  it("is told what staying gives and what leaving saves", { timeout: 120_000 }, async () => {
    const page = await w.open("peer-done", { width: 1366, height: 768 });
    await page.evaluate((played) => {
      const best = Object.fromEntries(played.map((k) => [k, { speed: 2, cost: 2, survival: 2 }]));
      localStorage.setItem("hub-swarm:levels", JSON.stringify({ version: 1, best }));
    }, PLAYED);
    await page.click("#levels");
    await page.click("[data-level='keep-seeding']");
    await page.click("#level-play");
    await page.waitForSelector("#policy");
    expect(await page.isHidden("#leave-hint")).toBe(true);
    await page.selectOption("#policy", "allow");
    await page.waitForSelector("#leave-hint:not([hidden])", { timeout: 60_000 });
    expect(await page.textContent("#leave-hint")).toMatch(
      /^You have everything you wanted\. Staying shares your pieces with peers still downloading; leaving saves your team about \d+ coins a minute of upkeep\.$/,
    );
    await page.evaluate(() => document.querySelector("#leave-hint")?.scrollIntoView());
    await w.shot(page, "42-peer-done-chromebook");
    expect(w.errors.join("\n")).toBe("");
  });
});
