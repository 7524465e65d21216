/**
 * A whole class in real browsers: a host creates a class, three students join by code, each makes a
 * decision of their role and sees it take effect, the host breaks something and every screen shows
 * it, the round ends and every screen shows the results.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostClass, launch, type World } from "./browser";
import { tickOf, untilTick } from "./waits";

let w: World;
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  await w?.close();
});

/** Performs one decision of the student's role and returns the proof that it took effect. */
async function actOnce(page: Page): Promise<string> {
  await page.waitForSelector("#controls");
  if (await page.$("#backup")) {
    await page.click("#backup");
    await page.waitForFunction(() => document.querySelector("#backup")?.textContent?.includes("Backups on"));
    return "server: backups on";
  }
  if (await page.$("#verify")) {
    const before = (await page.textContent("#verify")) ?? "";
    await page.click("#verify");
    await page.waitForFunction((b) => document.querySelector("#verify")?.textContent !== b, before);
    return `peer: ${(await page.textContent("#verify"))?.trim()}`;
  }
  if (await page.$("#route-set")) {
    const link = await page.$eval(
      "#route-link",
      (s) => (s as HTMLSelectElement).options[1]?.value ?? (s as HTMLSelectElement).value,
    );
    await page.selectOption("#route-link", link);
    await page.click("#route-set");
    await page.waitForSelector(".toast.ok");
    return `router: route set over ${link}`;
  }
  throw new Error("no role controls found");
}

describe("a classroom match in the browser", () => {
  // Four Phaser pages on a shared two-core machine: up to four minutes.
  it("host, three students, a failure, results — on every screen", { timeout: 240_000 }, async () => {
    const host = await w.open("host");
    await w.shot(host, "01-menu");
    const code = await hostClass(host, "calm");
    expect(code).toMatch(/^[A-Z0-9]{5}$/);
    // The projector shows where students join as the server knows it (not the teacher's localhost),
    // with a QR code of the join link.
    const joinAt = w.server.joinAddress ?? w.server.url;
    await host.waitForFunction(() => !(document.querySelector("#join-qr") as HTMLImageElement).hidden);
    expect(await host.textContent("#join-address")).toBe(joinAt.replace(/^https?:\/\//, ""));
    expect(await host.getAttribute("#join-qr", "alt")).toBe(`QR code: ${joinAt}/?code=${code}`);

    // A wrong code gets a clear message.
    const stray = await w.open("stray", { width: 1024, height: 768 });
    await stray.click("#join");
    await stray.fill("#code", "AAAAA");
    await stray.fill("#nickname", "Stray");
    await stray.click("#join-go");
    await stray.waitForFunction(() =>
      /No class with code AAAAA/.test(document.querySelector("#join-form-error")?.textContent ?? ""),
    );
    await w.shot(stray, "02-wrong-code");

    const students: Page[] = [];
    /** What each student's lobby says they hold ("Team Hub · Router 2. …"). */
    const seats: string[] = [];
    for (const [i, name] of ["Ann", "Bob", "Cy"].entries()) {
      const page = await w.open(name, i === 1 ? { width: 1366, height: 768 } : { width: 1280, height: 800 });
      if (i === 2) {
        // The QR code's link opens the join form with the code already filled in.
        await page.goto(`${w.server.url}/?code=${code}`);
        await page.waitForSelector("#join-form");
        expect(await page.inputValue("#code")).toBe(code);
      } else {
        await page.click("#join");
        await page.fill("#code", code.toLowerCase());
      }
      await page.fill("#nickname", name);
      await page.click("#join-go");
      await page.waitForSelector("#lobby-seat");
      await page.waitForFunction(
        () => (document.querySelector("#lobby-seat")?.textContent ?? "").length > 10,
      );
      seats.push((await page.textContent("#lobby-seat")) ?? "");
      students.push(page);
    }
    await host.waitForFunction(() =>
      (document.querySelector("#lobby-teams")?.textContent ?? "").includes("Cy"),
    );
    await w.shot(host, "03-lobby-host");
    await w.shot(students[0]!, "04-lobby-student");
    for (const s of students) expect(await s.$("#start")).toBeNull();

    await host.click("#start");
    await host.waitForSelector("#console");
    for (const s of students) await s.waitForSelector("#controls");
    // A student's screen has no host controls.
    for (const s of students) expect(await s.$("#console")).toBeNull();

    const proofs: string[] = [];
    for (const s of students) proofs.push(await actOnce(s));
    // Each student acted with the controls of the node the lobby told them they hold.
    const label = { router: /Router/, server: /Server/, peer: /Peer|Seed/ } as const;
    for (const [i, proof] of proofs.entries()) {
      const role = proof.split(":")[0] as keyof typeof label;
      expect(seats[i], `${proof} by the student seated as "${seats[i]}"`).toMatch(label[role]);
    }
    // The host's screen has every decision: it holds a state from after the last one took effect.
    await untilTick(host, (await tickOf(students.at(-1)!)) + 1);
    await w.shot(host, "05-game-host");
    for (const [i, s] of students.entries()) await w.shot(s, `06-game-student-${i + 1}`);

    // "How scoring works" opens over the game and closes again.
    await students[0]!.click("#scoring");
    await students[0]!.waitForSelector("#scoring-help[open]");
    expect(await students[0]!.textContent("#scoring-help")).toMatch(/Survival/);
    await w.shot(students[0]!, "06b-scoring-help");
    await students[0]!.click("#scoring-close");
    await students[0]!.waitForSelector("#scoring-help:not([open])", { state: "attached" });

    // The host crashes a router; every screen says so.
    await host.selectOption("#failure-kind", "crash");
    await host.selectOption("#failure-target", "role:router");
    await host.click("#trigger");
    for (const p of [host, ...students]) {
      await p.waitForFunction(() =>
        [...document.querySelectorAll(".toast.banner")].some((t) => /crashed/.test(t.textContent ?? "")),
      );
    }
    await w.shot(host, "07-failure-host");
    await w.shot(students[0]!, "08-failure-student");

    await host.click("#end");
    await host.click("#end-yes");
    for (const p of [host, ...students]) await p.waitForSelector("#results #lessons");
    // The teacher is told the results are in Past classes; students are not shown that line.
    await host.waitForFunction(() =>
      document.querySelector("#saved")?.textContent?.includes("Saved in Past classes"),
    );
    expect(await students[0]!.$("#saved")).toBeNull();
    await w.shot(host, "09-results-host");
    await w.shot(students[0]!, "10-results-student");
    // The goodput chart is really drawn (a long results card once squeezed it to nothing).
    for (const p of [host, students[0]!]) {
      expect(await p.$eval("#goodput-chart", (e) => e.getBoundingClientRect().height)).toBeGreaterThan(80);
    }
    const lessons = await host.textContent("#lessons");
    expect(lessons).toMatch(/crashed/);
    // The teams competition comes first, apart from the networks comparison: each team against its
    // autopilot, in words a student reads.
    const contest = (await host.textContent("#competition")) ?? "";
    expect(contest).toMatch(/wins!|draw!/);
    expect(contest).toMatch(/Team Hub (beat|did|played)[^.]*autopilot/);
    expect(contest).toMatch(/Team Swarm (beat|did|played)[^.]*autopilot/);
    expect(await students[0]!.textContent("#my-result")).toMatch(/points/);
    expect(w.errors.join("\n")).toBe("");
  });
});
