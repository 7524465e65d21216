/**
 * A teacher as author, in a real browser against a real server and database: build a scenario with
 * two failures in the editor (one aimed by clicking a router, one by clicking a link), see a typo
 * refused field by field, preview it, export it, be refused a broken file, save it, find that another
 * teacher can only copy it, host a class by its code, see both failures happen on schedule, and find
 * the match with its CSV in the results history.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScenario } from "../../shared/index";
import { launch, type World } from "./browser";

let w: World;
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  await w?.close();
});

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? "").trim();

async function addFailureAt(page: Page, kind: string, at: number, lasts: number, click: string) {
  await page.click("#ed-add-failure");
  const row = page.locator(".ed-failure.selected");
  await row.locator("select.ed-kind").selectOption(kind);
  // The row is rebuilt for its new kind; the selection stays on it.
  const fresh = page.locator(".ed-failure.selected");
  await fresh.locator("input[name$='.at']").fill(String(at));
  await fresh.locator("input[name$='.duration']").fill(String(lasts));
  await page.click(click);
}

describe("the scenario editor", () => {
  it("builds, checks, saves, shares and hosts a scenario whose failures happen in the match", async () => {
    const teacher = await w.open("teacher", { width: 1366, height: 768 });
    await teacher.click("#editor");
    await teacher.waitForSelector("#editor");
    await teacher.selectOption("#ed-start", "blank");
    await teacher.fill("#ed-name", "Two failures");
    await teacher.fill("#ed-description", "A router crashes, then a link is cut.");
    await teacher.fill("#ed-duration", "40");

    // A mistake is named with its field and reason as it is typed, and blocks saving.
    await teacher.fill("#ed-routers", "0");
    await teacher.waitForSelector("#ed-problems li");
    expect(await text(teacher, "#ed-problems")).toContain("map.routers: must be at least 1");
    expect(await text(teacher, "[data-for='map.routers']")).toBe("must be at least 1");
    expect(await teacher.isDisabled("#ed-save")).toBe(true);
    await teacher.fill("#ed-routers", "");
    await teacher.waitForFunction(() =>
      document.querySelector("#ed-problems")?.textContent?.includes("map.routers: must be a number"),
    );
    await teacher.fill("#ed-routers", "6");
    await teacher.waitForSelector("#ed-problems", { state: "hidden" });

    await addFailureAt(teacher, "crash", 4, 20, ".ed-node[data-node='R2']");
    await addFailureAt(teacher, "link-cut", 8, 20, "[data-link='R4-R5']");
    const late = teacher.locator(".ed-failure[data-index='1'] input[name$='.at']");
    await late.fill("90");
    expect(await text(teacher, "[data-for='failures[1].at']")).toBe("must be before the end of the round");
    await late.fill("8");
    expect(await teacher.isDisabled("#ed-save")).toBe(false);
    expect(await teacher.locator("#ed-timeline [data-event]").count()).toBe(2);
    expect(
      await teacher.$eval("select[name='failures[0].target']", (s) => (s as HTMLSelectElement).value),
    ).toBe("R2");
    expect(
      await teacher.$eval("select[name='failures[1].target']", (s) => (s as HTMLSelectElement).value),
    ).toBe("R4-R5");
    await w.shot(teacher, "20-editor-two-failures");

    // Preview: bots play it on the server; both teams' scores and the goodput chart appear.
    await teacher.click("#ed-preview-go");
    await teacher.waitForSelector("#ed-preview-chart", { timeout: 30_000 });
    expect(await teacher.locator("#ed-preview .team-box").count()).toBe(2);
    expect(await teacher.locator("#ed-preview-chart text", { hasText: "crash" }).count()).toBeGreaterThan(0);
    await w.shot(teacher, "21-editor-preview");
    await teacher.click("#ed-preview-close");

    // Export, then a broken and an invalid file: each explained, nothing changed.
    const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.click("#ed-export")]);
    expect(download.suggestedFilename()).toBe("two-failures.json");
    const exported = parseScenario(JSON.parse(await readFile((await download.path())!, "utf8")));
    expect(exported.ok && exported.value.failures.map((f) => f.target)).toEqual(["R2", "R4-R5"]);
    await teacher.setInputFiles("#ed-import-file", {
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from("{ nope"),
    });
    await teacher.waitForSelector("#ed-file-problem:not([hidden])");
    expect(await text(teacher, "#ed-file-problem")).toContain('"broken.json" is not a JSON file');
    const invalid = { ...(exported.ok ? exported.value : {}), duration: 5 };
    await teacher.setInputFiles("#ed-import-file", {
      name: "short.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(invalid)),
    });
    await teacher.waitForFunction(() =>
      document.querySelector("#ed-file-problem")?.textContent?.includes("short.json"),
    );
    expect(await text(teacher, "#ed-file-problem")).toContain("duration: must be at least 10 seconds");
    await w.shot(teacher, "22-editor-bad-file");
    expect(await teacher.inputValue("#ed-name")).toBe("Two failures");
    expect(await teacher.inputValue("#ed-duration")).toBe("40");

    // Save: a share code; the edit key stays in this browser.
    await teacher.click("#ed-save");
    await teacher.waitForSelector("#ed-share-code");
    const code = await text(teacher, "#ed-share-code");
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    const keys = await teacher.evaluate(() => JSON.parse(localStorage.getItem("hubSwarm.editKeys") ?? "{}"));
    expect(keys[code]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await w.shot(teacher, "23-editor-saved");

    // Another teacher may open and copy it, not change it.
    const other = await w.open("other-teacher", { width: 1280, height: 800 });
    await other.click("#editor");
    await other.fill("#ed-open-code", code.toLowerCase());
    await other.click("#ed-open");
    await other.waitForFunction(() => document.querySelector("#ed-share-code") !== null);
    expect(await text(other, "#ed-status")).toContain("made by someone else");
    expect(await other.isHidden("#ed-save")).toBe(true);
    await other.fill("#ed-name", "Two failures, my copy");
    await other.click("#ed-save-copy");
    await other.waitForFunction((c) => {
      const now = document.querySelector("#ed-share-code")?.textContent;
      return now && now !== c;
    }, code);
    expect(await text(other, "#ed-status")).toContain("yours");
    await w.shot(other, "24-editor-copy");

    // Another day: the copy is offered under "Yours" in the editor, by name, and opens from there.
    const copyCode = await text(other, "#ed-share-code");
    await other.reload();
    await other.waitForSelector("#menu");
    await other.click("#editor");
    await other.waitForFunction(
      (c) =>
        [...document.querySelectorAll("#ed-start option")].some(
          (o) => o.textContent === `Yours: Two failures, my copy (${c})`,
        ),
      copyCode,
    );
    await other.selectOption("#ed-start", `saved:${copyCode}`);
    await other.waitForFunction((c) => document.querySelector("#ed-share-code")?.textContent === c, copyCode);
    expect(await other.inputValue("#ed-name")).toBe("Two failures, my copy");
    await w.shot(other, "24b-editor-yours");

    // Host a class from the saved scenario by its code.
    await teacher.click("#ed-host");
    await teacher.waitForSelector("#host-form");
    expect(await teacher.inputValue("#host-code")).toBe(code);
    await teacher.waitForFunction(() =>
      document.querySelector("#host-code-about")?.textContent?.includes("Two failures"),
    );
    // The form names only the code's scenario: the built-in list (and its "Calm day") steps aside.
    expect(await teacher.isVisible("#host-scenario")).toBe(false);
    await w.shot(teacher, "24c-host-form-by-code");
    await teacher.click("#host-go");
    await teacher.waitForSelector("#join-code");
    expect(await text(teacher, "#lobby-scenario")).toContain("Two failures");
    await teacher.click("#start");
    await teacher.waitForSelector("#console");
    await teacher.waitForSelector("#timeline-upcoming li.next");
    expect(await text(teacher, "#timeline-upcoming")).toMatch(/Crash a node[\s\S]*Cut a link/);
    // Times from now: beside a clock that counts down, "0:04" read as four seconds before the end.
    expect(await text(teacher, "#timeline-upcoming li.next")).toMatch(/^in \d+ s Crash a node/);
    await w.shot(teacher, "25-host-console-upcoming");

    // Both failures happen at their times, on both teams, and the timeline moves them to the past.
    await teacher.waitForFunction(
      () => /Router 2 crashed/.test(document.querySelector("#timeline-past")?.textContent ?? ""),
      undefined,
      { timeout: 20_000 },
    );
    await teacher.waitForFunction(
      () => /Link R4-R5 was cut/.test(document.querySelector("#timeline-past")?.textContent ?? ""),
      undefined,
      { timeout: 20_000 },
    );
    expect(await text(teacher, "#timeline-upcoming")).toContain("Nothing scheduled");
    // Newest first, and a failure still going on says how long it has left (both last 20 s, the cut
    // began last).
    expect(await text(teacher, "#timeline-past li:first-child")).toMatch(
      /^Now \(\d+ s left\) Link R4-R5 was cut/,
    );
    await w.shot(teacher, "26-host-failures-happened");

    await teacher.click("#end");
    await teacher.click("#end-yes");
    await teacher.waitForSelector("#results #lessons");
    expect(await text(teacher, "#lessons")).toMatch(/Router 2|R4-R5|crash|cut/i);

    // The results history finds the match under this browser's host key, with its CSV.
    await teacher.click("#back");
    await teacher.click("#history");
    await teacher.waitForSelector("#history-list [data-match]");
    expect(await text(teacher, "#history-list")).toContain("Two failures");
    // Each team as it stood against its autopilot.
    expect(await text(teacher, "#history-list")).toMatch(/Team Hub [+\u2212\u00b1]\d+ %/);
    await w.shot(teacher, "27-history-list");
    await teacher.click("#history-list [data-match] button");
    await teacher.waitForSelector("#history-events");
    expect(await text(teacher, "#history-events")).toContain("Router 2 crashed");
    const [csv] = await Promise.all([teacher.waitForEvent("download"), teacher.click("#csv-players")]);
    expect(csv.suggestedFilename()).toMatch(/players\.csv$/);
    const rows = (await readFile((await csv.path())!, "utf8")).trim().split("\n");
    expect(rows.length).toBeGreaterThan(5);
    await w.shot(teacher, "28-history-match");

    // Corrupt storage does not break the teacher's pages.
    await teacher.evaluate(() => {
      localStorage.setItem("hubSwarm.editKeys", "{not json");
      localStorage.setItem("hubSwarm.hostKey", "x");
      localStorage.setItem("hubSwarm.editorDraft", '{"draft": 3}');
    });
    await teacher.reload();
    await teacher.waitForSelector("#menu");
    await teacher.click("#editor");
    await teacher.waitForSelector("#ed-name");
    await teacher.click("#ed-back");
    await teacher.click("#history");
    await teacher.waitForSelector("#history-empty");
    expect(w.errors.join("\n")).toBe("");
  });
});
