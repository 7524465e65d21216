/**
 * Redis restarting empty under a cluster (a reboot of its machine, an upgrade) in the middle of a
 * class: while it is away, a join is answered within seconds in a student's words; when it is back,
 * every process writes its rooms back, so the running class is found by its code again from any
 * process, and a late student joins it. Run by `npm run test:services`, whose with-services provides
 * `$TEST_REDIS_RESTART`.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { quiet, stateOf, until } from "../server/harness";
import { type ServerProcess, spawnServer } from "../server/spawn";

const run = promisify(execFile);
const { DATABASE_URL, TEST_REDIS_RESTART } = process.env;
const REDIS_URL = process.env.REDIS_URL && `${process.env.REDIS_URL}/3`;

const processes: ServerProcess[] = [];
let redisDown = false;

beforeAll(async () => {
  if (!DATABASE_URL || !REDIS_URL || !TEST_REDIS_RESTART)
    throw new Error(
      "these tests need DATABASE_URL, REDIS_URL and TEST_REDIS_RESTART: run npm run test:services",
    );
  for (let i = 0; i < 2; i++)
    processes.push(await spawnServer({ REDIS_URL, DATABASE_URL, PUBLIC_ADDRESS: "127.0.0.1:{port}" }));
}, 90_000);

afterAll(async () => {
  if (redisDown) await run(TEST_REDIS_RESTART!, []);
  for (const p of processes) p.child.kill("SIGKILL");
});

async function canJoin(
  url: string,
  code: string,
): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${url}/api/join/${code}`);
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    ms: Date.now() - started,
  };
}

it("a class survives Redis restarting empty: joins answer at once meanwhile, and work again after", async () => {
  const [a, b] = processes as [ServerProcess, ServerProcess];
  const made = (await (
    await fetch(`${a.url}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "calm" }),
    })
  ).json()) as { code: string; hostKey: string };
  const host = quiet(await new Client(a.url).joinById(made.code, { hostKey: made.hostKey }));
  const ann = quiet(await new Client(b.url).joinById(made.code, { nickname: "Ann" }));
  host.send("host", { type: "start" });
  await until(() => stateOf(ann).tick >= 10, 10_000, "playing");

  redisDown = true;
  await run(TEST_REDIS_RESTART!, ["stop"]);
  for (const p of processes) {
    const away = await canJoin(p.url, made.code);
    expect(away.ms).toBeLessThan(5000);
    expect(away.status).toBe(503);
    expect(String(away.body.error)).toMatch(/try again in a moment/);
  }
  const tick = stateOf(ann).tick as number;
  await until(() => (stateOf(ann).tick as number) >= tick + 10, 5000, "the class playing on without Redis");

  await run(TEST_REDIS_RESTART!, []); // back, and empty
  redisDown = false;
  for (const p of processes)
    await until(
      async () => (await canJoin(p.url, made.code)).body.ok === true,
      15_000,
      `the class found from ${p.port}`,
    );
  const late = quiet(await new Client(b.url).joinById(made.code, { nickname: "Bob" }));
  await until(() => stateOf(host).players.size === 2, 5000, "Bob seated");
  // Bob's first state arrives after his join resolves; the host seeing him does not mean he has it.
  await until(() => stateOf(late).phase === "playing", 5000, "Bob's screen showing the running class");
  for (const p of processes) expect(p.output()).not.toMatch(/Unhandled|uncaught/i);
}, 90_000);
