/**
 * Graceful shutdown: SIGTERM in the middle of a round stores its results (marked interrupted), tells
 * every client why the connection closes, and exits; the next start still has them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterAll, expect, it } from "vitest";
import { CLOSE, type MatchSummary, type StoredMatch } from "../../shared/index";
import { nextMessage, quiet, stateOf, until } from "./harness";
import { type ServerProcess, spawnServer } from "./spawn";

let dir = "";
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const p of running) p.child.kill("SIGKILL");
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("SIGTERM during a match stores its results as interrupted and tells the clients", async () => {
  dir = await mkdtemp(join(tmpdir(), "hub-swarm-shutdown-"));
  const env = { DATA_DIR: join(dir, "db"), DATABASE_URL: undefined, REDIS_URL: undefined };
  const first = await spawnServer(env);
  running.push(first);
  const made = await newClass(first.url, "server-crash");
  const client = new Client(first.url);
  const host = quiet(await client.joinById(made.code, { hostKey: made.hostKey }));
  const ann = quiet(await client.joinById(made.code, { nickname: "Ann" }));
  await until(() => stateOf(host).players.size === 1, 5000, "Ann seated");
  host.send("host", { type: "start" });
  await until(() => stateOf(ann).tick >= 20, 10_000, "two seconds of play");

  const closes = [host, ann].map((r) => new Promise<number>((resolve) => r.onLeave((code) => resolve(code))));
  first.child.kill("SIGTERM");
  expect(await Promise.all(closes)).toEqual([CLOSE.serverShutdown, CLOSE.serverShutdown]);
  expect(await first.exited).toBe(0);
  expect(first.output()).toMatch(/results stored \(interrupted\)/);

  const second = await spawnServer(env);
  running.push(second);
  const { list, full } = await history(second.url, made.hostKey);
  expect(list.matches).toHaveLength(1);
  expect(list.matches[0]).toMatchObject({ status: "interrupted", roomCode: made.code, players: 1 });
  expect(list.matches[0]!.seconds).toBeGreaterThanOrEqual(2);
  expect(full.result.players.some((p) => p.holder === "Ann")).toBe(true);
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);
}, 90_000);

it("SIGTERM while the points are being counted: everyone gets them, and they are stored with the finished round", async () => {
  const home = await mkdtemp(join(tmpdir(), "hub-swarm-shutdown-points-"));
  try {
    const env = { DATA_DIR: join(home, "db"), DATABASE_URL: undefined, REDIS_URL: undefined };
    const server = await spawnServer(env);
    running.push(server);
    const made = await newClass(server.url, "big-school");
    const client = new Client(server.url);
    const host = quiet(await client.joinById(made.code, { hostKey: made.hostKey }));
    const names = ["Ann", "Bob", "Cy"];
    const students: Room[] = [];
    for (const nickname of names) students.push(quiet(await client.joinById(made.code, { nickname })));
    await until(() => stateOf(host).players.size === names.length, 5000, "everyone seated");
    host.send("host", { type: "start" });
    await until(() => stateOf(host).tick >= 10, 10_000, "a second of play");
    // A decision each, so the end of the round has a replay to play for every one of them.
    for (const s of students) {
      const { team, node } = stateOf(host).players.get(s.sessionId) as { team: string; node: string };
      const seat = { team, node };
      const kind = stateOf(host).teams.get(seat.team).nodes.get(seat.node).kind as string;
      s.send(
        "intent",
        kind === "router"
          ? { type: "prioritise", ...seat, kind: "message" }
          : { type: "encrypt", ...seat, on: true },
      );
    }
    await until(
      () => names.every((_, i) => stateOf(host).players.get(students[i]!.sessionId)?.decisions === 1),
      5000,
      "every decision counted",
    );
    type Results = { pointsPending?: boolean; players: { holder: string | null; points: number }[] };
    const seen: Results[] = [];
    students[0]!.onMessage("results", (r: Results) => seen.push(r));
    const closed = new Promise<number>((resolve) => students[0]!.onLeave(resolve));
    const first = nextMessage<Results>(host, "results", 15_000);
    host.send("host", { type: "end" });
    expect((await first).pointsPending).toBe(true);
    server.child.kill("SIGTERM"); // at once: the points are being counted now

    expect(await closed).toBe(CLOSE.serverShutdown);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/results stored \(finished\)/);
    // The screens got the points before the connection closed.
    const counted = seen.find((r) => !r.pointsPending);
    expect(counted, "results with points before the close").toBeDefined();

    const again = await spawnServer(env);
    running.push(again);
    const { list, full } = await history(again.url, made.hostKey);
    expect(list.matches).toHaveLength(1);
    expect(list.matches[0]).toMatchObject({ status: "finished", players: names.length });
    const points = (r: { players: Results["players"] }) =>
      Object.fromEntries(r.players.filter((p) => p.holder).map((p) => [p.holder, p.points]));
    expect(points(full.result)).toEqual(points(counted!));
    expect(full.result.pointsPending).toBeUndefined();
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}, 90_000);

/** A class on a server process, made as the host menu makes it. */
async function newClass(url: string, scenario: string): Promise<{ code: string; hostKey: string }> {
  const res = await fetch(`${url}/api/classes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario }),
  });
  return (await res.json()) as { code: string; hostKey: string };
}

/** A host's Past classes on a server process, and the newest match in full. */
async function history(
  url: string,
  hostKey: string,
): Promise<{ list: { matches: MatchSummary[] }; full: StoredMatch }> {
  const headers = { "x-host-key": hostKey };
  const list = (await (await fetch(`${url}/api/history`, { headers })).json()) as { matches: MatchSummary[] };
  const id = list.matches[0]?.id ?? "none";
  const full = (await (await fetch(`${url}/api/history/${id}`, { headers })).json()) as StoredMatch;
  return { list, full };
}
