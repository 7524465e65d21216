/**
 * A student seated as a hub client (the teacher moved them there in the lobby) sees, under Safety,
 * what encrypting their own connection does and what it costs their server: a server that does not
 * encrypt does the cipher's work for what it sends them (simulation rules 2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostClass, joinClass, launch, type World } from "./browser";

let w: World;
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  await w?.close();
});

type Players = { entries(): Iterable<[string, { nickname: string; node: string }]> };
type HostSession = { state: { players: Players }; sendHost(action: unknown): void };

describe("a hub client's own encryption", () => {
  it("is explained with what it costs the server", { timeout: 180_000 }, async () => {
    const host = await w.open("host", { width: 1920, height: 1080 });
    const code = await hostClass(host, "calm");
    const dee = await w.open("Dee", { width: 1366, height: 768 });
    await joinClass(dee, code, "Dee");
    // The teacher puts Dee on a client of the hub.
    await host.waitForFunction(() =>
      (document.querySelector("#lobby-teams")?.textContent ?? "").includes("Dee"),
    );
    await host.evaluate(() => {
      const s = (window as unknown as { hubSwarm: { session: HostSession } }).hubSwarm.session;
      const [id] = [...s.state.players.entries()].find(([, p]) => p.nickname === "Dee")!;
      s.sendHost({ type: "move", player: id, team: "hub", node: "U1" });
    });
    await dee.waitForFunction(() => /Client/.test(document.querySelector("#lobby-seat")?.textContent ?? ""));
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
