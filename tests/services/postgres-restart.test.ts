/**
 * PostgreSQL restarting (an upgrade, a reboot of the database machine) or hanging under a running
 * game server: the server stays up, answers a save with an error within seconds instead of hanging,
 * and saves again once PostgreSQL is back, without a restart of its own. Run by `npm run
 * test:services`, whose tests/services/with-services provides `$TEST_PG_CTL` to stop and start the
 * throwaway PostgreSQL.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS } from "../../shared/index";
import { pastClasses, playingClass, stateOf, until } from "../server/harness";
import { type ServerProcess, spawnServer } from "../server/spawn";

const run = promisify(execFile);
const { DATABASE_URL, TEST_PG_CTL } = process.env;

/** How long a save may take to fail while PostgreSQL is down or hung (its query timeout is 15 s). */
const FAIL_LIMIT_MS = 20_000;
/** How long after PostgreSQL is back a save must succeed again. */
const RECOVERY_LIMIT_MS = 15_000;

let server: ServerProcess;
let pendingDir = "";
let postgresDown = false;
/** PostgreSQL's processes while frozen with SIGSTOP, to thaw whatever happens. */
let frozen: number[] = [];

async function pgCtl(action: "start" | "stop" | "status"): Promise<string> {
  return (await run(TEST_PG_CTL!, [action])).stdout;
}

const scenario = { ...BUILT_IN_SCENARIOS.calm!, name: "Saved while PostgreSQL restarts" };

/** POST /api/scenarios: the status, and how long the answer took. */
async function save(): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${server.url}/api/scenarios`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario }),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

/** Saves until one is stored; how long that took. */
async function saveUntilStored(limitMs: number): Promise<number> {
  const started = Date.now();
  let last = 0;
  while (Date.now() - started < limitMs) {
    last = (await save()).status;
    if (last === 201) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no save succeeded within ${limitMs / 1000} s (last status ${last}):\n${server.output()}`);
}

async function healthy(): Promise<boolean> {
  return (await fetch(`${server.url}/health`)).ok;
}

/** Several saves at once: the pool then holds several idle connections for PostgreSQL to drop. */
async function fillPool(): Promise<void> {
  const statuses = await Promise.all(Array.from({ length: 4 }, () => save().then((r) => r.status)));
  expect(statuses).toEqual([201, 201, 201, 201]);
}

/** The postmaster and its children (the connections' backends among them). */
async function postgresProcesses(): Promise<number[]> {
  const postmaster = Number(/PID: (\d+)/.exec(await pgCtl("status"))?.[1]);
  const { stdout } = await run("ps", ["-o", "pid=", "--ppid", String(postmaster)]);
  return [postmaster, ...stdout.split("\n").filter(Boolean).map(Number)];
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {}
  }
}

beforeAll(async () => {
  if (!DATABASE_URL || !TEST_PG_CTL)
    throw new Error("these tests need DATABASE_URL and TEST_PG_CTL: run them with npm run test:services");
  pendingDir = await mkdtemp(join(tmpdir(), "hub-swarm-pending-"));
  server = await spawnServer({
    DATABASE_URL,
    REDIS_URL: undefined,
    RATE_LIMIT_SCALE: "100",
    PENDING_DIR: pendingDir,
  });
}, 60_000);

afterAll(async () => {
  // Whatever failed, the next test file needs a running PostgreSQL.
  signal(frozen, "SIGCONT");
  if (postgresDown) await pgCtl("start");
  server?.child.kill("SIGKILL");
  if (pendingDir) await rm(pendingDir, { recursive: true, force: true });
});

it("stays up while PostgreSQL stops, answers saves with an error, and saves again once it is back", async () => {
  const made = await fetch(`${server.url}/api/classes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: "calm" }),
  });
  expect(made.status).toBe(201);
  await fillPool();

  postgresDown = true;
  await pgCtl("stop");
  // Waits for the server to notice (its pool's connections drop), then checks it is still up.
  await until(
    () => /database: a connection to .* was lost/.test(server.output()),
    20_000,
    "the lost connection logged",
  );
  expect(server.child.exitCode).toBeNull();
  expect(await healthy()).toBe(true);
  expect(server.output()).not.toMatch(/Unhandled|uncaught/i);

  const whileDown = await save();
  expect(whileDown.status).toBeGreaterThanOrEqual(500);
  expect(whileDown.ms).toBeLessThan(FAIL_LIMIT_MS);

  await pgCtl("start");
  postgresDown = false;
  const recovered = await saveUntilStored(RECOVERY_LIMIT_MS);
  expect(server.child.exitCode).toBeNull();
  console.info(`PostgreSQL stopped: a save failed in ${whileDown.ms} ms; back: stored after ${recovered} ms`);
}, 60_000);

it("answers a save with an error within seconds while PostgreSQL hangs, and saves once it answers", async () => {
  await fillPool();
  // SIGSTOP: connections stay open and nothing answers, as with a hung server or a dead network path.
  frozen = await postgresProcesses();
  signal(frozen, "SIGSTOP");
  const whileHung = await save();
  expect(whileHung.status).toBeGreaterThanOrEqual(500);
  expect(whileHung.ms).toBeLessThan(FAIL_LIMIT_MS);
  expect(await healthy()).toBe(true);

  signal(frozen, "SIGCONT");
  frozen = [];
  const recovered = await saveUntilStored(RECOVERY_LIMIT_MS);
  expect(server.child.exitCode).toBeNull();
  console.info(`PostgreSQL hung: a save failed in ${whileHung.ms} ms; thawed: stored after ${recovered} ms`);
}, 60_000);

it("a round that ends while PostgreSQL is down: the host sees it waiting, then saved when it is back", async () => {
  const cls = await playingClass(server.url, "calm", 2);
  postgresDown = true;
  await pgCtl("stop");
  cls.host.send("host", { type: "end" });
  await until(() => stateOf(cls.host).saved === "retrying", 20_000, "the host told the results wait");
  expect(await readdir(pendingDir)).toHaveLength(1); // kept on disk meanwhile
  await pgCtl("start");
  postgresDown = false;
  await until(() => stateOf(cls.host).saved === "saved", 30_000, "the host told the results are saved");
  const found = await pastClasses(server.url, cls.hostKey);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ status: "finished", roomCode: cls.code });
  expect(await readdir(pendingDir)).toEqual([]);
}, 90_000);

it("results kept on disk outlive a restart of the game server, and are stored once PostgreSQL is back", async () => {
  const cls = await playingClass(server.url, "calm", 2);
  postgresDown = true;
  await pgCtl("stop");
  cls.host.send("host", { type: "end" });
  await until(() => stateOf(cls.host).saved === "retrying", 20_000, "the results waiting");
  server.child.kill("SIGTERM");
  await server.exited;
  await pgCtl("start");
  postgresDown = false;
  server = await spawnServer({
    DATABASE_URL,
    REDIS_URL: undefined,
    RATE_LIMIT_SCALE: "100",
    PENDING_DIR: pendingDir,
  });
  await until(
    async () => (await pastClasses(server.url, cls.hostKey)).length === 1,
    20_000,
    "the kept results stored",
  );
  expect((await pastClasses(server.url, cls.hostKey))[0]).toMatchObject({
    status: "finished",
    roomCode: cls.code,
  });
  expect(await readdir(pendingDir)).toEqual([]);
}, 90_000);
