/**
 * The README's reverse proxy example (game-server/deploy/nginx.conf), run for real: nginx in front of
 * two processes, every request and websocket through its one address.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { nextMessage, quiet, stateOf, until } from "../server/harness";
import { freePort, type ServerProcess, spawnServer } from "../server/spawn";

const { DATABASE_URL } = process.env;
/** A Redis database of its own: processes left by another test file must not be offered rooms. */
const REDIS_URL = process.env.REDIS_URL && `${process.env.REDIS_URL}/2`;
let dir = "";
let nginx: ChildProcess | undefined;
let proxy = "";
const processes: ServerProcess[] = [];

beforeAll(async () => {
  if (!REDIS_URL || !DATABASE_URL)
    throw new Error("these tests need REDIS_URL and DATABASE_URL: run them with npm run test:services");
  dir = await mkdtemp(join(tmpdir(), "hub-swarm-proxy-"));
  const proxyPort = await freePort();
  proxy = `http://127.0.0.1:${proxyPort}`;
  const publicAddress = `127.0.0.1:${proxyPort}/p{port}`;
  processes.push(
    ...(await Promise.all(
      [0, 1].map(() => spawnServer({ REDIS_URL, DATABASE_URL, PUBLIC_ADDRESS: publicAddress })),
    )),
  );
  const [p1, p2] = processes.map((p) => String(p.port));
  // The example as shipped, with this run's ports in place of 2567, 2568 and 80.
  const conf = (await readFile("game-server/deploy/nginx.conf", "utf8"))
    .replaceAll("2567", p1!)
    .replaceAll("2568", p2!)
    .replace("listen 80;", `listen 127.0.0.1:${proxyPort};`)
    .replace("/var/log/nginx/access.log", join(dir, "access.log"));
  await writeFile(join(dir, "nginx.conf"), conf);
  nginx = spawn(
    "nginx",
    [
      "-p",
      dir,
      "-c",
      join(dir, "nginx.conf"),
      "-g",
      `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;`,
    ],
    { stdio: "inherit" },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${proxy}/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error("nginx did not start (is Debian's nginx installed?)");
    await new Promise((r) => setTimeout(r, 100));
  }
}, 90_000);

afterAll(async () => {
  nginx?.kill("SIGTERM");
  for (const p of processes) p.child.kill("SIGKILL");
  if (dir) await rm(dir, { recursive: true, force: true });
});

function socketPath(room: Room): string {
  // biome-ignore lint/suspicious/noExplicitAny: the websocket's URL is not in the SDK's types
  return new URL((room.connection as any).transport.ws.url).pathname;
}

it("plays a class through the proxy: pages, API, matchmaking and websockets on one address", async () => {
  const page = await fetch(`${proxy}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/<html/i);
  const codes: { code: string; hostKey: string }[] = [];
  for (let i = 0; i < 2; i++) {
    // Each process publishes its room count at most once a second; the matchmaker places a new class
    // on the process with fewer rooms, so the second class goes to the other process once it knows.
    if (i > 0) await new Promise((r) => setTimeout(r, 1500));
    const res = await fetch(`${proxy}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "calm" }),
    });
    expect(res.status).toBe(201);
    codes.push((await res.json()) as { code: string; hostKey: string });
  }
  const client = new Client(proxy);
  const hosts = await Promise.all(
    codes.map((c) => client.joinById(c.code, { hostKey: c.hostKey }).then(quiet)),
  );
  // The two classes live on the two processes, each reached through its own path on the proxy.
  const prefixes = hosts.map((h) => socketPath(h).split("/")[1]);
  expect(new Set(prefixes)).toEqual(new Set(processes.map((p) => `p${p.port}`)));

  const students = await Promise.all(
    ["Ann", "Bob"].map((nickname, i) => client.joinById(codes[i]!.code, { nickname }).then(quiet)),
  );
  expect(students.map((s) => socketPath(s).split("/")[1])).toEqual(prefixes);
  for (const h of hosts) h.send("host", { type: "start" });
  await until(() => students.every((s) => stateOf(s).tick >= 10), 10_000, "both classes playing");
  const results = students.map((s) => nextMessage(s, "results", 10_000));
  for (const h of hosts) h.send("host", { type: "end" });
  await Promise.all(results);
  for (const r of [...hosts, ...students]) await r.leave();
  // The access log has every websocket, and no query string: no session id, no reconnection token.
  const log = await readFile(join(dir, "access.log"), "utf8");
  for (const prefix of prefixes) expect(log).toContain(`GET /${prefix}/`);
  expect(log).not.toMatch(/sessionId|reconnectionToken|\?/);
}, 60_000);
