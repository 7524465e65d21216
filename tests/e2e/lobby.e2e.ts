/**
 * A class of forty in the lobby, on the projector: the teacher's page and forty light clients (the
 * game's own network client, no browser each). "Start the round" is at the top and every name is on
 * the 1080p screen without scrolling.
 */
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostClass, launch, type World } from "./browser";

let w: World;
const rooms: Room[] = [];
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  for (const r of rooms) await r.leave().catch(() => {});
  await w?.close();
});

describe("the lobby of a big class", () => {
  it("forty names fit on a 1080p projector, Start at the top", { timeout: 180_000 }, async () => {
    const host = await w.open("host", { width: 1920, height: 1080 });
    const code = await hostClass(host, "big-school");
    const client = new Client(w.server.url);
    for (let i = 1; i <= 40; i++) rooms.push(await client.joinById(code, { nickname: `Student ${i}` }));
    await host.waitForFunction(
      () => document.querySelector("#lobby-count")?.textContent === "40 students joined",
    );
    // Measured once the lobby is complete: the join address and its QR code (which take room beside
    // the names) have arrived and the image is decoded.
    await host.waitForFunction(() => {
      const qr = document.querySelector("#join-qr") as HTMLImageElement | null;
      return !!qr && !qr.hidden && qr.complete && qr.naturalWidth > 0;
    });
    await w.shot(host, "41-lobby-40-projector");
    const start = await host.$eval("#start", (e) => e.getBoundingClientRect().top);
    expect(start).toBeLessThan(1080 / 4);
    const names = await host.$$eval("#lobby-teams li", (els) =>
      els.map((e) => e.getBoundingClientRect().bottom),
    );
    expect(names).toHaveLength(40);
    for (const bottom of names) expect(bottom).toBeLessThanOrEqual(1080);
    // The card shows everything without a scroll bar.
    expect(await host.$eval("#lobby", (e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(1);
    expect(w.errors.join("\n")).toBe("");
  });
});
