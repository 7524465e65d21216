/**
 * Stopping the server the ways schools do, in the middle of a round: Ctrl-C in a terminal (SIGINT to
 * the whole foreground group, npm included), `systemctl stop` (SIGTERM to the unit's whole group, as
 * the example unit in game-server/deploy runs it), `kill` of npm's own PID, a closed terminal or SSH
 * session (SIGHUP), and `kill -9` of everything (a power cut). Each time the class that was playing is
 * found afterwards in Past classes, as interrupted, with the scores it had.
 *
 * The same for `npm run start:cluster` stopped with Ctrl-C: each process is told once.
 *
 * The server runs as a school runs it: `npm start` (or the unit's ExecStart) in a process group of its
 * own, one data folder throughout, each start reading what the last one stored.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pastClasses, playingClass, until } from "../server/harness";
import { freePort } from "../server/spawn";

interface Started {
  url: string;
  group: ChildProcess;
  exited: Promise<number | string>;
  output(): string;
}

const groups: ChildProcess[] = [];
let dir = "";
afterAll(async () => {
  for (const g of groups) {
    try {
      process.kill(-g.pid!, "SIGKILL");
    } catch {}
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts a command in a process group of its own, as a terminal or systemd would, and waits for /health. */
async function startGroup(
  command: string,
  args: string[],
  env: Record<string, string>,
  fixedPort?: number,
): Promise<Started> {
  const port = fixedPort ?? (await freePort());
  const group = spawn(command, args, {
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SKIP_CLIENT_BUILD: "1",
      LOG_LEVEL: "info",
      VITEST: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  groups.push(group);
  let out = "";
  group.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  group.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string>((resolve) =>
    group.on("exit", (code, signal) => resolve(signal ?? code ?? -1)),
  );
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${url}/health`)).ok, 60_000, "the server to start").catch(() => {
    throw new Error(`${command} ${args.join(" ")} did not start:\n${out}`);
  });
  return { url, group, exited, output: () => out };
}

function groupAlive(s: Started): boolean {
  try {
    process.kill(-s.group.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

/** The example unit's ExecStart and Environment, so the test runs what the README tells IT to install. */
function unitCommand(): { command: string; args: string[]; env: Record<string, string> } {
  const unit = readFileSync("game-server/deploy/hub-and-swarm.service", "utf8");
  const exec = /^ExecStart=(.+)$/m.exec(unit)![1]!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  for (const m of unit.matchAll(/^Environment=(\w+)=(.*)$/gm)) env[m[1]!] = m[2]!;
  expect(env.PORT).toBe("2567");
  delete env.PORT; // the test runs on a free port of its own
  expect(/^KillMode=control-group$/m.test(unit) || !/^KillMode=/m.test(unit)).toBe(true);
  return { command: exec[0]!.replace("/usr/bin/node", process.execPath), args: exec.slice(1), env };
}

describe("stopping the server mid-round", () => {
  it("Ctrl-C, systemctl stop, kill of npm, a closed terminal, kill -9: the class is in Past classes", async () => {
    dir = await mkdtemp(join(tmpdir(), "hub-swarm-stopping-"));
    const env = { DATA_DIR: join(dir, "db"), DATABASE_URL: "", REDIS_URL: "" };
    const unit = unitCommand();
    const ways: {
      name: string;
      start: () => Promise<Started>;
      stop: (s: Started) => void;
      graceful: boolean;
    }[] = [
      {
        name: "Ctrl-C in a terminal",
        start: () => startGroup("npm", ["start"], env),
        stop: (s) => process.kill(-s.group.pid!, "SIGINT"),
        graceful: true,
      },
      {
        name: "systemctl stop (SIGTERM to the unit's group)",
        start: () => startGroup(unit.command, unit.args, { ...unit.env, ...env }),
        stop: (s) => process.kill(-s.group.pid!, "SIGTERM"),
        graceful: true,
      },
      {
        name: "kill of npm's own PID",
        start: () => startGroup("npm", ["start"], env),
        stop: (s) => s.group.kill("SIGTERM"),
        graceful: true,
      },
      {
        name: "a closed terminal or SSH session (SIGHUP)",
        start: () => startGroup("npm", ["start"], env),
        stop: (s) => process.kill(-s.group.pid!, "SIGHUP"),
        graceful: true,
      },
      {
        name: "kill -9 of everything",
        start: () => startGroup("npm", ["start"], env),
        stop: (s) => process.kill(-s.group.pid!, "SIGKILL"),
        graceful: false,
      },
    ];
    const classes: { name: string; hostKey: string; code: string }[] = [];
    let running = await ways[0]!.start();
    for (let i = 0; i < ways.length; i++) {
      const way = ways[i]!;
      // Past the first checkpoint (every 5 s), so even a kill -9 finds the round stored.
      const cls = await playingClass(running.url, "server-crash", 7);
      classes.push({ name: way.name, hostKey: cls.hostKey, code: cls.code });
      const told = new Promise<number>((resolve) => cls.student.onLeave(resolve));
      way.stop(running);
      await running.exited;
      // Every process of the group ends (npm may go first): nothing left holding the port or the data.
      await until(() => !groupAlive(running), 20_000, `${way.name}: every process of the group to end`);
      if (way.graceful) {
        expect(await told, way.name).toBe(4102); // CLOSE.serverShutdown: "the server is restarting"
        expect(running.output(), way.name).toMatch(/results stored \(interrupted\)/);
      }
      running = await (ways[i + 1] ?? ways[0]!).start();
      const found = await pastClasses(running.url, cls.hostKey);
      expect(found, way.name).toHaveLength(1);
      expect(found[0], way.name).toMatchObject({ status: "interrupted", roomCode: cls.code, players: 1 });
      expect(found[0]!.seconds, way.name).toBeGreaterThanOrEqual(way.graceful ? 7 : 5);
    }
    process.kill(-running.group.pid!, "SIGTERM");
    await until(() => !groupAlive(running), 20_000, "the last server to stop");
  }, 300_000);
});

describe("stopping a cluster mid-round", () => {
  it("Ctrl-C on start:cluster: each process is told once, and every running class is stored", async () => {
    const { DATABASE_URL, REDIS_URL } = process.env;
    if (!DATABASE_URL || !REDIS_URL) throw new Error("run with npm run test:services (PostgreSQL and Redis)");
    const first = await freePort();
    // Two processes on consecutive ports; the test reaches them directly.
    const cluster = await startGroup(
      "npm",
      ["run", "start:cluster", "--", "--processes", "2"],
      {
        PORT: String(first),
        REDIS_URL: `${REDIS_URL}/4`,
        DATABASE_URL,
        PUBLIC_ADDRESS_TEMPLATE: "127.0.0.1:{port}",
        WARM_PAR: "0",
      },
      first,
    );
    const second = `http://127.0.0.1:${first + 1}`;
    await until(async () => (await fetch(`${second}/health`)).ok, 60_000, "the second process");
    const a = await playingClass(cluster.url, "server-crash", 3);
    const b = await playingClass(second, "server-crash", 3);
    process.kill(-cluster.group.pid!, "SIGINT");
    await until(() => !groupAlive(cluster), 30_000, "the whole cluster to stop");
    expect(cluster.output()).not.toMatch(/already_shutting_down|already shutting down/);
    expect(cluster.output().match(/shutting down \(storing/g)).toHaveLength(2); // once per process
    // Any process of the next start reads the one database.
    const next = await startGroup("npm", ["start"], { DATABASE_URL, REDIS_URL: "", WARM_PAR: "0" });
    for (const cls of [a, b]) {
      const found = await pastClasses(next.url, cls.hostKey);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ status: "interrupted", roomCode: cls.code });
    }
    process.kill(-next.group.pid!, "SIGTERM");
    await until(() => !groupAlive(next), 20_000, "the last server to stop");
  }, 180_000);
});
