/**
 * WCAG AA contrast on every screen a class sees, checked by axe-core in the browser: the menu, the
 * forms, both lobbies, the game (a teacher's console on a Chromebook, a student's panel on a phone,
 * the scoring help) and the results.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openDetour, type World } from "./browser";
import { untilShown } from "./waits";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let w: World;
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  await w?.close();
});

/** axe-core's colour-contrast rule on what the page shows now: each failing element, in words. */
async function contrastProblems(page: Page, screen: string): Promise<string[]> {
  // Colours are judged at rest: a screen's entrance animation (the winner box fades in) ends first.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  // Evaluated by the browser's debugger, which the page's Content-Security-Policy does not cover.
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(AXE);
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: { type: "rule", values: ["color-contrast"] } }).then((r) =>
      r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ") + ": " + n.any.map((a) => a.message).join("; "))))`,
  )) as string[];
  return found.map((f) => `${screen}: ${f}`);
}

describe("contrast", () => {
  it("every screen passes WCAG AA contrast (axe-core)", async () => {
    const problems: string[] = [];
    const host = await w.open("teacher", { width: 1366, height: 768 });
    // The check itself works: grey on white (2.8:1) is found.
    await host.evaluate(() => {
      const p = document.createElement("p");
      p.id = "too-pale";
      p.textContent = "Too pale to read";
      p.style.cssText = "position:absolute;top:0;left:0;color:#999;background:#fff;font-size:14px";
      document.body.append(p);
    });
    expect((await contrastProblems(host, "probe")).join("\n")).toMatch(/#too-pale/);
    await host.evaluate(() => document.getElementById("too-pale")?.remove());
    problems.push(...(await contrastProblems(host, "menu")));
    await host.click("#host");
    await host.waitForSelector("#host-scenario option[value='server-crash']", { state: "attached" });
    await host.selectOption("#host-scenario", "server-crash");
    problems.push(...(await contrastProblems(host, "host form")));
    await host.click("#host-go");
    await host.waitForSelector("#join-code");
    const code = ((await host.textContent("#join-code")) ?? "").trim();

    const student = await w.open("student", { width: 390, height: 844 });
    await student.click("#join");
    problems.push(...(await contrastProblems(student, "join form")));
    await student.fill("#code", code);
    await student.fill("#nickname", "Zoe");
    await student.click("#join-go");
    await student.waitForFunction(
      () => (document.querySelector("#lobby-seat")?.textContent ?? "").length > 10,
    );
    await host.waitForFunction(() => (document.querySelector("#lobby")?.textContent ?? "").includes("Zoe"));
    problems.push(...(await contrastProblems(host, "host lobby")));
    problems.push(...(await contrastProblems(student, "student lobby")));
    // "1 player", not "1 players".
    expect(await host.textContent("#lobby-count")).toBe("1 student joined");
    expect(await host.textContent("#lobby-teams")).toMatch(/: 1 player,/);

    await host.click("#start");
    await host.waitForSelector("#console");
    await student.waitForSelector("#controls");
    // Judged once both screens show the match in full (the student's panel has their figures).
    for (const p of [host, student]) await untilShown(p);
    problems.push(...(await contrastProblems(host, "game (teacher)")));
    problems.push(...(await contrastProblems(student, "game (student)")));
    await host.click("#tab-players");
    problems.push(...(await contrastProblems(host, "console players")));
    await student.click("#scoring");
    await student.waitForSelector("#scoring-help[open]");
    problems.push(...(await contrastProblems(student, "scoring help")));
    // Cost names every kind of spending, the upkeep of the users' computers too (most of a big swarm's).
    expect(await student.textContent("#scoring-help")).toMatch(
      /pieces the team's servers send[\s\S]*Looking after the users' computers[\s\S]*swarm of 50/,
    );
    await w.shot(student, "40-scoring-help-phone");
    await student.click("#scoring-close");

    await host.click("#end");
    await host.click("#end-yes");
    for (const p of [host, student]) await p.waitForSelector("#results #lessons");
    problems.push(...(await contrastProblems(host, "results (teacher)")));
    problems.push(...(await contrastProblems(student, "results (student)")));
    expect(problems).toEqual([]);
    expect(w.errors.join("\n")).toBe("");
  });

  it("a router's panel with its routes passes too, on a phone (level 2)", async () => {
    const page = await w.open("router", { width: 390, height: 844 });
    await openDetour(page);
    await page.waitForSelector("#intro-stars");
    expect(await contrastProblems(page, "level card")).toEqual([]);
    await page.click("#level-play");
    await page.waitForFunction(() => /Link to/.test(document.querySelector("#routes")?.textContent ?? ""));
    expect(await contrastProblems(page, "router panel")).toEqual([]);
    expect(w.errors.join("\n")).toBe("");
  });
});
