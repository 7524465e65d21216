/**
 * Graceful shutdown: SIGTERM in the middle of a round stores its results (marked interrupted), tells
 * every client why the connection closes, and exits; the next start still has them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, expect, it } from "vitest";
import { CLOSE, type MatchSummary, type StoredMatch } from "../../shared/index";
import { quiet, stateOf, until } from "./harness";
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
  const made = (await (
    await fetch(`${first.url}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "server-crash" }),
    })
  ).json()) as { code: string; hostKey: string };
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
  const headers = { "x-host-key": made.hostKey };
  const list = (await (await fetch(`${second.url}/api/history`, { headers })).json()) as {
    matches: MatchSummary[];
  };
  expect(list.matches).toHaveLength(1);
  expect(list.matches[0]).toMatchObject({ status: "interrupted", roomCode: made.code, players: 1 });
  expect(list.matches[0]!.seconds).toBeGreaterThanOrEqual(2);
  const full = (await (
    await fetch(`${second.url}/api/history/${list.matches[0]!.id}`, { headers })
  ).json()) as StoredMatch;
  expect(full.result.players.some((p) => p.holder === "Ann")).toBe(true);
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);
}, 90_000);
