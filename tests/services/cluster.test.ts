/**
 * Two game server processes, one Redis, one PostgreSQL (run by `npm run test:services`, which starts
 * both on loopback): join by code through either process, a round to results stored once, and a
 * process that dies takes only its own rooms with it.
 */
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE, type MatchSummary } from "../../shared/index";
import { nextMessage, quiet, stateOf, until } from "../server/harness";
import { type ServerProcess, spawnServer } from "../server/spawn";

const { DATABASE_URL } = process.env;
/** A Redis database of its own: processes left by another test file must not be offered rooms. */
const REDIS_URL = process.env.REDIS_URL && `${process.env.REDIS_URL}/1`;
let a: ServerProcess;
let b: ServerProcess;
const all: ServerProcess[] = [];

async function start(): Promise<ServerProcess> {
  // Each process is reached at its own address: no sticky sessions.
  const p = await spawnServer({ REDIS_URL, DATABASE_URL, PUBLIC_ADDRESS: "127.0.0.1:{port}" });
  all.push(p);
  return p;
}

beforeAll(async () => {
  if (!REDIS_URL || !DATABASE_URL)
    throw new Error("these tests need REDIS_URL and DATABASE_URL: run them with npm run test:services");
  [a, b] = await Promise.all([start(), start()]);
}, 90_000);

afterAll(() => {
  for (const p of all) p.child.kill("SIGKILL");
});

/** Creates a class through a process's HTTP API; the matchmaker may place it on either process. */
async function createClass(via: ServerProcess, body: Record<string, unknown> = {}) {
  const res = await fetch(`${via.url}/api/classes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: "calm", ...body }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { code: string; hostKey: string };
}

/** The port of the process that holds a room, from the address the seat reservation sent. */
function holder(room: Room): number {
  // biome-ignore lint/suspicious/noExplicitAny: the websocket's URL is not in the SDK's types
  return Number(new URL((room.connection as any).transport.ws.url).port);
}

async function stored(via: ServerProcess, hostKey: string): Promise<MatchSummary[]> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${via.url}/api/history`, { headers: { "x-host-key": hostKey } });
    const { matches } = (await res.json()) as { matches: MatchSummary[] };
    if (matches.length) return matches;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

describe("two processes, one Redis", () => {
  it("a host on process A, students joining through process B by code, a round stored once", async () => {
    const made = await createClass(a);
    const host = quiet(await new Client(a.url).joinById(made.code, { hostKey: made.hostKey }));
    expect((await (await fetch(`${b.url}/api/join/${made.code}`)).json()) as object).toEqual({
      ok: true,
      code: made.code,
    });
    const viaB = new Client(b.url);
    const students = [
      quiet(await viaB.joinById(made.code, { nickname: "Ann" })),
      quiet(await viaB.joinById(made.code, { nickname: "Bob" })),
    ];
    // Everyone is in the same room, whichever process they asked.
    const port = holder(host);
    expect(students.map(holder)).toEqual([port, port]);
    await until(() => stateOf(host).players.size === 2, 5000, "both students seated");
    await expect(viaB.joinById(made.code, { nickname: "ann" })).rejects.toThrow(/"code":"nickname-taken"/);

    host.send("host", { type: "start" });
    await until(() => stateOf(students[0]!).tick >= 10, 10_000, "a second of play");
    host.send("host", { type: "trigger", failure: { kind: "crash", target: "role:router" } });
    const results = students.map((s) => nextMessage(s, "results", 10_000));
    host.send("host", { type: "end" });
    await Promise.all(results);

    const fromA = await stored(a, made.hostKey);
    const fromB = await stored(b, made.hostKey);
    expect(fromA).toHaveLength(1);
    expect(fromB.map((m) => m.id)).toEqual(fromA.map((m) => m.id));
    expect(fromA[0]).toMatchObject({ roomCode: made.code, status: "finished", players: 2 });
    for (const r of [host, ...students]) await r.leave();
  }, 60_000);

  it("kill process B: the rooms on A carry on, B's clients are told, stored results are intact", async () => {
    // One class per process (the matchmaker places a new room on the process with fewer rooms).
    const first = await createClass(a);
    // Room counts reach Redis at most once a second: wait, so the matchmaker sees A's new room.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await createClass(b);
    const hostKey = first.hostKey;
    const hosts = [
      quiet(await new Client(a.url).joinById(first.code, { hostKey: first.hostKey })),
      quiet(await new Client(a.url).joinById(second.code, { hostKey: second.hostKey })),
    ];
    const ports = hosts.map(holder);
    expect(new Set(ports).size).toBe(2);
    const onA = hosts[ports.indexOf(a.port)]!;
    const onB = hosts[ports.indexOf(b.port)]!;
    const studentOnA = quiet(await new Client(b.url).joinById(onA.roomId, { nickname: "Cy" }));
    const studentOnB = quiet(await new Client(a.url).joinById(onB.roomId, { nickname: "Dee" }));
    for (const h of hosts) h.send("host", { type: "start" });
    await until(
      () => stateOf(studentOnA).tick >= 10 && stateOf(studentOnB).tick >= 10,
      10_000,
      "both playing",
    );

    // A finished round on A is already stored before B goes down.
    const closed = await createClass(a, { hostKey });
    const closedHost = quiet(await new Client(a.url).joinById(closed.code, { hostKey }));
    closedHost.send("host", { type: "start" });
    await until(() => stateOf(closedHost).phase === "playing", 5000, "playing");
    closedHost.send("host", { type: "end" });
    await until(() => stateOf(closedHost).phase === "results", 5000, "results");
    const before = await stored(a, hostKey);
    expect(before.length).toBeGreaterThanOrEqual(1);

    // Told: a graceful stop (a deploy) closes B's clients with the shutdown code.
    const bLeaves = [onB, studentOnB].map((r) => new Promise<number>((resolve) => r.onLeave(resolve)));
    b.child.kill("SIGTERM");
    expect(await Promise.all(bLeaves)).toEqual([CLOSE.serverShutdown, CLOSE.serverShutdown]);
    expect(await b.exited).toBe(0);

    // A carries on: its room keeps ticking and its clients keep playing.
    const tick = stateOf(studentOnA).tick as number;
    await until(() => stateOf(studentOnA).tick >= tick + 20, 5000, "two more seconds on A");
    expect(stateOf(onA).phase).toBe("playing");
    const still = await stored(a, hostKey);
    expect(still.map((m) => m.id)).toEqual(expect.arrayContaining(before.map((m) => m.id)));

    // A crash (SIGKILL) of a process holding a room: its clients lose the connection and cannot
    // rejoin a room that no longer exists; A still carries on.
    const c = await start();
    await new Promise((r) => setTimeout(r, 1500));
    const third = await createClass(c);
    const crashed = quiet(await new Client(c.url).joinById(third.code, { hostKey: third.hostKey }));
    expect(holder(crashed)).toBe(c.port); // the new process holds fewest rooms
    const lost = new Promise<number>((resolve) => crashed.onLeave(resolve));
    c.child.kill("SIGKILL");
    expect(await lost).not.toBe(CLOSE.serverShutdown);
    await expect(new Client(a.url).reconnect(crashed.reconnectionToken)).rejects.toThrow();
    // A student arriving late for that class is refused, not seated in a room that is gone. The first
    // try may be cut off while the matchmaker checks on the dead process; then the answer is clear.
    await expect(new Client(a.url).joinById(third.code, { nickname: "Zed" })).rejects.toThrow();
    await expect(new Client(a.url).joinById(third.code, { nickname: "Zed" })).rejects.toThrow(
      /not available|timed out|"code":"no-class"/,
    );
    const tick2 = stateOf(studentOnA).tick as number;
    await until(() => stateOf(studentOnA).tick >= tick2 + 10, 8000, "A still playing");
  }, 120_000);
});
