import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roomErrorWords } from "../../game-client/src/net/error-words";
import { ROOM_ERROR } from "../../shared/index";
import { boot, type Harness, joinRefusal, nextMessage, quiet, stateOf, until } from "./harness";

let h: Harness;
beforeAll(async () => {
  process.env.HUB_SWARM_TEST_HOOKS = "1"; // the room's test seam (put back after: files share a process)
  h = await boot("memory://", 100, { timeScale: 10 }); // rounds played to the end, ten times as fast
});
afterAll(async () => {
  await h.server.close();
  delete process.env.HUB_SWARM_TEST_HOOKS;
});

describe("solo room", () => {
  it("plays a level to results: one player on the node the level names, bots everywhere else", async () => {
    const room = quiet(
      await h
        .client()
        .create("solo", { scenario: "link-cut", topology: "hub", node: "R2", nickname: "Sam", duration: 10 }),
    );
    await until(() => stateOf(room).players.size === 1, 3000, "seated");
    const me = stateOf(room).players.get(room.sessionId);
    expect(me.node).toBe("R2");
    expect(stateOf(room).teams.size).toBe(1);
    const r2 = stateOf(room).teams.get("hub").nodes.get("R2");
    expect(r2.holder).toBe("Sam");
    expect(r2.autopilot).toBe(false);
    const results = nextMessage<{ topology: string; players: { holder: string | null; node: string }[] }>(
      room,
      "results",
      20000,
    );
    room.send("host", { type: "start" });
    const r = await results;
    expect(r.topology).toBe("hub");
    expect(r.players.find((p) => p.node === "R2")!.holder).toBe("Sam");
    await until(() => stateOf(room).phase === "results", 2000, "results phase");
    await room.leave();
  }, 30000);

  it("refuses a solo room for an unknown scenario or node", async () => {
    const scenario = await joinRefusal(h.client().create("solo", { scenario: "nope" }));
    expect(scenario).toMatchObject({ code: "no-scenario", params: { scenario: "nope" } });
    expect(scenario.words).toMatch(/no scenario "nope"/);
    const node = await joinRefusal(h.client().create("solo", { scenario: "calm", node: "Q9" }));
    expect(node).toMatchObject({ code: "no-scenario-node", params: { node: "Q9" } });
    expect(node.words).toMatch(/no node Q9/);
    const classroom = await joinRefusal(h.client().create("classroom", {}));
    expect(classroom).toMatchObject({ code: "create-from-host-menu" });
    expect(classroom.words).toMatch(/Host a class/);
  });
});

describe("room isolation", () => {
  it("an exception in one room's tick stops that room only; its clients are told", async () => {
    const c = h.client();
    const a = await h.createClass();
    const b = await h.createClass();
    const hostA = quiet(await c.joinById(a.code, { hostKey: a.hostKey }));
    const hostB = quiet(await c.joinById(b.code, { hostKey: b.hostKey }));
    const student = quiet(await c.joinById(a.code, { nickname: "Ann" }));
    hostA.send("host", { type: "start" });
    hostB.send("host", { type: "start" });
    await until(() => stateOf(hostA).tick > 5 && stateOf(hostB).tick > 5, 3000, "both rooms ticking");
    const told = nextMessage<{ code: string }>(student, "room-error");
    hostA.send("__test:break-tick", {});
    const stopped = await told;
    expect(stopped).toEqual({ code: ROOM_ERROR.roundStopped });
    expect(roomErrorWords(stopped)).toMatch(/hit a problem and stopped this round/);
    await until(() => stateOf(hostA).phase === "error", 2000, "room A stopped");
    const tickA = stateOf(hostA).tick;
    const tickB = stateOf(hostB).tick;
    // Room B's clock moves on: long enough for room A's to have moved too, had it not stopped.
    await until(() => stateOf(hostB).tick > tickB + 5, 3000, "room B ticking on");
    const roomA = matchMaker.getLocalRoomById(a.code) as unknown as { match: { tick: number } };
    expect(roomA.match.tick).toBe(tickA);
    expect(stateOf(hostA).tick).toBe(tickA);
    expect(stateOf(hostB).phase).toBe("playing");
    expect((await h.get("/health")).json.ok).toBe(true);
    for (const r of [hostA, hostB, student]) await r.leave();
  });
});
