/**
 * A student seated as a hub client (the teacher moved them there in the lobby) sees, under Safety,
 * what encrypting their own connection does and what it costs their server: a server that does not
 * encrypt does the cipher's work for what it sends them (simulation rules 2). And when the hub's only
 * server crashes, every client on the map shows how long it has waited for its file, as does the
 * student's own panel; the swarm's peers keep going.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostClass, joinClass, launch, type World } from "./browser";
import { expectLegendClear, maps } from "./screen-checks";

let w: World;
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  await w?.close();
});

type Players = { entries(): Iterable<[string, { nickname: string; node: string }]> };
type HostSession = { state: { players: Players; tick: number }; sendHost(action: unknown): void };

/** Something the teacher's screen sends through its session, as its console would. */
async function hostSends(host: Page, action: Record<string, unknown>): Promise<void> {
  await host.evaluate((a) => {
    (window as unknown as { hubSwarm: { session: HostSession } }).hubSwarm.session.sendHost(a);
  }, action);
}

/** The teacher seats a student on a hub client (U1) from the lobby. */
async function seatOnClient(host: Page, student: Page, nickname: string): Promise<void> {
  await host.waitForFunction(
    (name) => (document.querySelector("#lobby-teams")?.textContent ?? "").includes(name),
    nickname,
  );
  const id = await host.evaluate((name) => {
    const s = (window as unknown as { hubSwarm: { session: HostSession } }).hubSwarm.session;
    return [...s.state.players.entries()].find(([, p]) => p.nickname === name)![0];
  }, nickname);
  await hostSends(host, { type: "move", player: id, team: "hub", node: "U1" });
  await student.waitForFunction(() =>
    /Client/.test(document.querySelector("#lobby-seat")?.textContent ?? ""),
  );
}

describe("a hub client's own encryption", () => {
  it("is explained with what it costs the server", { timeout: 180_000 }, async () => {
    const host = await w.open("host", { width: 1920, height: 1080 });
    const code = await hostClass(host, "calm");
    const dee = await w.open("Dee", { width: 1366, height: 768 });
    await joinClass(dee, code, "Dee");
    // The teacher puts Dee on a client of the hub.
    await seatOnClient(host, dee, "Dee");
    await host.click("#start");
    await dee.waitForSelector("#encrypt-hint:not([hidden])", { timeout: 60_000 });
    expect(await dee.textContent("#encrypt-hint")).toMatch(
      /^A wiretap can read what your connection carries\. Encrypting it costs Server \d about 5\s% more work for what it sends you\.$/,
    );
    await dee.evaluate(() => document.querySelector("#encrypt-hint")?.scrollIntoView());
    await w.shot(dee, "43-client-encryption-chromebook");
    await dee.click("#encrypt");
    await dee.waitForFunction(() =>
      /^Your connection is encrypted; Server \d does about 5\s% more work/.test(
        document.querySelector("#encrypt-hint")?.textContent ?? "",
      ),
    );
    expect(await dee.textContent("#encrypt")).toBe("My connection is encrypted ✓");
    await w.shot(dee, "43b-client-encrypted-chromebook");
    expect(w.errors.join("\n")).toBe("");
  });
});

describe("waiting for a server that is down", () => {
  it("every hub client shows its wait on the map, and the student's panel counts it", {
    timeout: 180_000,
  }, async () => {
    const host = await w.open("host", { width: 1920, height: 1080 });
    const code = await hostClass(host, "server-crash");
    const eli = await w.open("Eli", { width: 1366, height: 768 });
    await joinClass(eli, code, "Eli");
    await seatOnClient(host, eli, "Eli");
    await host.click("#start");
    await eli.waitForSelector("[data-fact='download']", { timeout: 60_000 });
    // Every user has begun by 0:25 (the scenario's users start one after another over its first 20 s).
    await host.waitForFunction(
      () => (window as unknown as { hubSwarm: { session: HostSession } }).hubSwarm.session.state.tick >= 250,
      undefined,
      { timeout: 60_000 },
    );
    // The teacher crashes the hub's server at once (the scenario's own crash comes at 1:00).
    await hostSends(host, {
      type: "trigger",
      failure: { kind: "crash", target: "role:server", duration: 30 },
    });
    await eli.waitForFunction(
      () =>
        /^(\d+) s for your file$/.test(document.querySelector("[data-fact='waiting']")?.textContent ?? "") &&
        Number.parseInt(document.querySelector("[data-fact='waiting']")!.textContent!, 10) >= 9,
      undefined,
      { timeout: 30_000 },
    );
    // On the projector every hub client shows its wait (one that had just finished a file wants its
    // next 6 s later, and shows a wait 2 s after that); no swarm peer does.
    const layout = await maps(host);
    const hub = layout.find((m) => m.team === "hub")!;
    const swarm = layout.find((m) => m.team === "swarm")!;
    expect(hub.waits.length).toBeGreaterThanOrEqual(12);
    for (const t of hub.waits) expect(t.text).toMatch(/^\d+ s$/);
    expect(swarm.waits).toEqual([]);
    // A tag sits at its own client's icon, on the map.
    for (const t of hub.waits) {
      const icon = hub.nodes.find((n) => n.id === t.id)!.icon;
      const gap = Math.max(0, t.box.x - (icon.x + icon.w), icon.x - (t.box.x + t.box.w));
      expect(gap).toBeLessThan(icon.w / 2);
      expect(Math.abs(t.box.y + t.box.h / 2 - (icon.y + icon.h / 2))).toBeLessThan(icon.h);
    }
    await expectLegendClear(host, "projector");
    await expectLegendClear(eli, "Chromebook");
    await w.shot(host, "44-crash-waits-projector");
    await w.shot(eli, "44b-crash-waits-chromebook");
    expect((await maps(eli)).find((m) => m.team === "hub")!.waits.length).toBeGreaterThanOrEqual(12);
    expect(await eli.textContent("#map-summary")).toMatch(/It is waiting for its file\./);
    expect(w.errors.join("\n")).toBe("");
  });
});
