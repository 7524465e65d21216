/**
 * Flaky Wi-Fi in the browser: a student's connection drops mid-round; the client says so, reconnects
 * with its token and the student is back on the same node. When the class is gone, the client says
 * that and returns to the menu.
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

describe("connection handling in the browser", () => {
  it("reconnects a dropped student to the same node, and sends them to the menu when the class is gone", async () => {
    const host = await w.open("host");
    const code = await hostClass(host, "calm");

    const ann = await w.open("Ann", { width: 1366, height: 768 });
    await joinClass(ann, code, "Ann");
    await host.click("#start");
    await ann.waitForSelector("#controls");
    const before = await ann.textContent("#controls h2");

    // The websocket closes without a goodbye, as when Wi-Fi drops.
    await ann.evaluate(() => {
      // biome-ignore lint/suspicious/noExplicitAny: reaching the socket under the SDK on purpose
      (window as any).hubSwarm.session.room.connection.transport.ws.close();
    });
    await ann.waitForFunction(() =>
      [...document.querySelectorAll(".toast")].some((t) => /reconnecting/i.test(t.textContent ?? "")),
    );
    await ann.waitForFunction(
      () => [...document.querySelectorAll(".toast")].some((t) => /Reconnected/.test(t.textContent ?? "")),
      undefined,
      { timeout: 20_000 },
    );
    await w.shot(ann, "11-reconnected");
    expect(await ann.textContent("#controls h2")).toBe(before);
    await host.waitForFunction(
      () =>
        /Ann/.test(document.querySelector("#players")?.textContent ?? "") &&
        !/away/.test(document.querySelector("#players")?.textContent ?? ""),
    );

    // The server shuts down (a restart): the student is told why and lands on the menu.
    await w.server.close();
    await ann.waitForSelector("#menu", { timeout: 30_000 });
    await ann.waitForFunction(() =>
      [...document.querySelectorAll(".toast.error")].some((t) =>
        /server is restarting.*results so far are saved/.test(t.textContent ?? ""),
      ),
    );
    await w.shot(ann, "12-class-gone");
    const unexpected = w.errors.filter(
      (e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource|colyseus/i.test(e),
    );
    expect(unexpected.join("\n")).toBe("");
  }, 150_000);
});
