/**
 * A teacher watches a stored class again in Past classes: the replay plays on the class's own map
 * view, jumps to each failure and to a student's decision with the debrief line of that moment, ends
 * on the scores the class got; a shared link lets a student watch it without the teacher's key, with
 * players numbered, not named.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standingWords } from "../../game-client/src/ui/lead-words";
import { debrief, SIM_RULES } from "../../shared/index";
import { launch, type World } from "./browser";
import { type StoredClass, storeClassMatch } from "./stored-match";

let w: World;
let stored: StoredClass;
const HOST_KEY = "replayTeacherKey_00001";
beforeAll(async () => {
  w = await launch();
  stored = await storeClassMatch(w.server, HOST_KEY);
});
afterAll(async () => {
  await w?.close();
});

const clockText = (page: Page) => page.textContent("#replay-clock");
/** The replay scene's network view, as the map draws it. */
function viewOf(page: Page, team: string) {
  return page.evaluate((t) => {
    const g = (window as unknown as { hubSwarm: { game: { scene: { getScene(k: string): unknown } } } })
      .hubSwarm;
    const scene = g.game.scene.getScene("Watch") as {
      player: {
        view: {
          teams: Map<
            string,
            { links: Map<string, { up: boolean }>; nodes: Map<string, { down: boolean; holder: string }> }
          >;
        };
      };
    };
    const view = scene.player.view.teams.get(t)!;
    return {
      links: Object.fromEntries([...view.links].map(([id, l]) => [id, l.up])),
      down: [...view.nodes].filter(([, n]) => n.down).map(([id]) => id),
      holders: [...view.nodes].filter(([, n]) => n.holder).map(([id, n]) => `${id}:${n.holder}`),
    };
  }, team);
}

describe("Past classes: watching a match again", () => {
  it("plays, pauses, jumps to each failure and a decision, ends on the class's scores; a shared link opens it for a student", {
    timeout: 240_000,
  }, async () => {
    const teacher = await w.open("teacher", { width: 1920, height: 1080 });
    await teacher.evaluate((k) => localStorage.setItem("hubSwarm.hostKey", k), HOST_KEY);
    await teacher.click("#history");
    await teacher.click(`tr[data-match='${stored.id}'] button`);
    await teacher.click("#history-watch");
    await teacher.waitForSelector("#replay-bar");
    expect(await clockText(teacher)).toBe("0:00 / 1:30");
    // Every moment to jump to: the failures (the scenario's security hole too), each student's
    // decision, in words.
    expect(await teacher.textContent("#replay-failure-0")).toContain("0:20 Link cut");
    expect(await teacher.textContent("#replay-failure-1")).toContain("0:30 Security hole");
    expect(await teacher.textContent("#replay-failure-2")).toContain("1:00 Crash");
    expect(await teacher.textContent("[data-player='Ann']")).toContain("0:06 lets chunk packets go first");
    expect(await teacher.textContent("[data-player='Bob']")).toContain("0:09 downloads in sequential order");
    expect(await teacher.textContent("#replay-lesson")).toContain("No failure yet");
    expect((await viewOf(teacher, "hub")).holders).toEqual(["R1:Ann"]);

    // Play at ×8 until three seconds have gone by, then pause.
    await teacher.click("[data-speed='8']");
    await teacher.click("#replay-play");
    await teacher.waitForFunction(() => {
      const [m, s] = (document.querySelector("#replay-clock")?.textContent ?? "0:00")
        .split(" / ")[0]!
        .split(":");
      return Number(m) * 60 + Number(s) >= 3;
    });
    await teacher.click("#replay-play");
    expect(await teacher.textContent("#replay-play")).toContain("Play");

    // The host's link cut: the link is drawn down, and the debrief says what it did.
    const lessons = debrief(stored.result);
    const [cut, , crash] = stored.result.teams[0]!.failures; // the security hole between them
    await teacher.click("#replay-failure-0");
    expect(await clockText(teacher)).toBe("0:20 / 1:30");
    expect(await teacher.getAttribute("#replay-failure-0", "class")).toContain("now");
    expect(await teacher.textContent("#replay-lesson")).toBe(lessons.find((l) => l.second === 20)!.text);
    expect((await viewOf(teacher, "hub")).links[cut!.target]).toBe(false);
    await w.shot(teacher, "replay-link-cut");

    // The scheduled crash: the server is down.
    await teacher.click("#replay-failure-2");
    expect(await clockText(teacher)).toBe("1:00 / 1:30");
    expect((await viewOf(teacher, "hub")).down).toContain(crash!.target);
    expect(await teacher.textContent("#replay-lesson")).toBe(lessons.find((l) => l.second === 60)!.text);

    // Back in time to Bob's decision: the cut link is up again, the crash has not happened.
    await teacher.click("[data-player='Bob'] .replay-jump");
    expect(await clockText(teacher)).toBe("0:09 / 1:30");
    const early = await viewOf(teacher, "hub");
    expect(early.links[cut!.target]).toBe(true);
    expect(early.down).not.toContain(crash!.target);

    // To the end: each team against its autopilot as the class's results say, and its network's total.
    await teacher.$eval("#replay-scrub", (el) => {
      const input = el as HTMLInputElement;
      input.value = input.max;
      input.dispatchEvent(new Event("input"));
    });
    expect(await clockText(teacher)).toBe("1:30 / 1:30");
    for (const t of stored.result.teams) {
      const shown = await teacher.textContent(`#replay-scores [data-team='${t.team}'] .total`);
      expect(shown, t.team).toBe(`${standingWords(t.againstAutopilot!)} network ${t.scores.total}`);
    }
    expect(await teacher.textContent("#replay-leader")).toMatch(/leads|Too close to call|Level pegging/);
    await w.shot(teacher, "replay-end");

    // Shared: a student opens the link at home, without a key; players are numbered, not named.
    await teacher.click("#replay-back");
    await teacher.click("#history-share-on");
    const link = await teacher.inputValue("#history-share-link");
    expect(link).toBe(`${w.server.url}/?watch=${stored.id}`);
    const student = await w.open("student", { width: 1366, height: 768 });
    await student.goto(link);
    await student.waitForSelector("#replay-bar");
    expect(await student.textContent(".replay-readonly")).toBe("watch only");
    expect(await student.evaluate(() => localStorage.getItem("hubSwarm.hostKey"))).toBeNull();
    const page = (await student.textContent("#ui")) ?? "";
    expect(page).toContain("Player 1");
    expect(page).toContain("Player 2");
    expect(page).not.toMatch(/Ann|Bob/);
    await student.click("#replay-failure-0");
    expect(await clockText(student)).toBe("0:20 / 1:30");
    await w.shot(student, "replay-shared");

    // Sharing stopped: the link opens nothing, as for a match that does not exist.
    await teacher.click("#history-unshare");
    await teacher.waitForSelector("#history-share-on");
    const gone = await fetch(`${w.server.url}/api/watch/${stored.id}`);
    const never = await fetch(`${w.server.url}/api/watch/noSuchMatch0`);
    expect([gone.status, never.status]).toEqual([404, 404]);
    expect(await gone.json()).toEqual(await never.json());
    expect(w.errors).toEqual([]);
  });

  it("a match played by a newer version of the game says to reload the page, instead of replaying wrongly", {
    timeout: 120_000,
  }, async () => {
    const newer = await storeClassMatch(w.server, HOST_KEY, { id: "replayTest02", rules: SIM_RULES + 1 });
    const teacher = await w.open("teacher-newer", { width: 1366, height: 768 });
    await teacher.evaluate((k) => localStorage.setItem("hubSwarm.hostKey", k), HOST_KEY);
    await teacher.click("#history");
    await teacher.click(`tr[data-match='${newer.id}'] button`);
    await teacher.click("#history-watch");
    await teacher.waitForSelector("#watch-error");
    expect(await teacher.textContent("#watch-error")).toMatch(
      /played by a newer version of the game: reload the page/,
    );
    await w.shot(teacher, "replay-newer-rules");
    expect(w.errors).toEqual([]);
  });
});
