/**
 * The stores against a real database: the embedded PGlite by default, a PostgreSQL server when
 * DATABASE_URL is set (.ci/run runs this file both ways).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../game-server/src/db/database";
import { lockDataDir } from "../../game-server/src/db/lock";
import type { MatchRecord } from "../../game-server/src/db/match-store";
import { MIGRATIONS, migrate } from "../../game-server/src/db/migrations";
import { openStore, type Store } from "../../game-server/src/db/store";
import { newSecret } from "../../game-server/src/secrets/codes";
import {
  BUILT_IN_SCENARIOS,
  createMatch,
  debrief,
  eventWords,
  loggedWords,
  matchResult,
  runMatch,
  type Scenario,
} from "../../shared/index";

// Tests here open several real databases each (a second or more of CPU apiece, more in a folder): on
// a busy machine one has taken 25 s.
vi.setConfig({ testTimeout: 60_000 });

const url = process.env.DATABASE_URL;
let dir = "";
const options = () => (url ? { url } : { dataDir: join(dir, "db") });

const calm: Scenario = { ...BUILT_IN_SCENARIOS.calm!, duration: 20 };
const played = runMatch(createMatch({ ...calm, topology: "versus" }));
const result = matchResult(played);

function record(over: Partial<MatchRecord> = {}): MatchRecord {
  return {
    id: randomBytes(9).toString("base64url"),
    hostKey: newSecret(),
    roomCode: "ACDEF",
    mode: "versus",
    scenario: calm,
    scenarioCode: null,
    status: "finished",
    result,
    events: played.log.map((e) => ({ tick: e.tick, team: e.team, event: e.event })),
    ...over,
  };
}

let store: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hub-swarm-store-"));
  store = await openStore(options());
  await store.ready; // the database opens in the background; this suite opens it again beside
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe(`store (${url ? "PostgreSQL server" : "embedded PGlite"})`, () => {
  it("applies every migration once: a second start applies none", async () => {
    const db = await openDatabase(options());
    try {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>(
        "SELECT version FROM schema_migrations ORDER BY version",
      );
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await db.close();
    }
  });

  it("saves a scenario under a share code and reads it back unchanged", async () => {
    const saved = await store.scenarios.create(calm);
    expect(saved.id).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(saved.editKey).toHaveLength(22);
    const back = await store.scenarios.get(saved.id);
    expect(back?.scenario).toEqual(calm);
    expect(back).not.toHaveProperty("editKey");
    expect(await store.scenarios.get("ZZZZZZ")).toBeNull();
  });

  it("changes a saved scenario only with its edit key", async () => {
    const saved = await store.scenarios.create(calm);
    const wrong = await store.scenarios.update(saved.id, newSecret(), { ...calm, name: "Hijacked" });
    expect(wrong).toEqual({ ok: false, reason: "wrong-key" });
    expect((await store.scenarios.get(saved.id))?.scenario.name).toBe(calm.name);
    const right = await store.scenarios.update(saved.id, saved.editKey, { ...calm, name: "Calm, edited" });
    expect(right.ok).toBe(true);
    expect((await store.scenarios.get(saved.id))?.scenario.name).toBe("Calm, edited");
    expect(await store.scenarios.update("ZZZZZZ", saved.editKey, calm)).toEqual({
      ok: false,
      reason: "not-found",
    });
  });

  it("stores a finished match once, with team and player rows, readable only by its host key", async () => {
    const rec = record();
    expect(await store.matches.record(rec)).toBe(true);
    expect(await store.matches.record(rec)).toBe(false);
    expect(await store.matches.count(rec.id)).toBe(1);

    const list = await store.matches.list(rec.hostKey!);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: rec.id, scenario: calm.name, status: "finished", roomCode: "ACDEF" });
    expect(list[0]!.teams.map((t) => t.total)).toEqual(result.teams.map((t) => t.scores.total));

    const full = await store.matches.get(rec.hostKey!, rec.id);
    expect(full?.result).toEqual(result);
    expect(full?.events.length).toBe(played.log.length);
    expect(await store.matches.get(newSecret(), rec.id)).toBeNull();

    const players = await store.matches.players(rec.hostKey!, rec.id);
    expect(players).toHaveLength(result.players.length);
    expect(players![0]!.points).toBe(Math.max(...result.players.map((p) => p.points)));
    const teams = await store.matches.teams(rec.hostKey!, rec.id);
    expect(teams!.map((t) => t.team).sort()).toEqual(["hub", "swarm"]);
    expect(await store.matches.teams(newSecret(), rec.id)).toBeNull();
  });

  it("a match stored before events were codes still loads, its log and failures in their stored words", async () => {
    const rec = record();
    const crashed = runMatch(
      createMatch({
        ...calm,
        topology: "versus",
        failures: [{ kind: "crash", at: 5, target: "role:source" }],
      }),
    );
    const words = crashed.log.map((e) => ({ tick: e.tick, team: e.team, text: eventWords(e.event) }));
    // A result of then: each failure's effect in words (`note`), no event.
    const now = matchResult(crashed);
    const old = structuredClone(now);
    for (const t of old.teams)
      for (const f of t.failures) {
        f.note = eventWords(f.event!);
        delete f.event;
      }
    expect(await store.matches.record({ ...rec, result: old, events: words })).toBe(true);
    const full = await store.matches.get(rec.hostKey!, rec.id);
    expect(full!.events.map(loggedWords)).toEqual(words.map((e) => e.text));
    expect(full!.events.map(loggedWords)).toContain("Server 2 crashed");
    expect(debrief(full!.result)).toEqual(debrief(now));
    expect(debrief(full!.result).some((l) => l.text.includes("Server 2 crashed"))).toBe(true);
  });

  it("a match stored when results named each team in words still loads, lists and words the same", async () => {
    const rec = record();
    // A result of then: each team carried its English name beside its code.
    const old = structuredClone(result);
    for (const t of old.teams) Object.assign(t, { name: t.team === "hub" ? "Team Hub" : "Team Swarm" });
    expect(await store.matches.record({ ...rec, result: old })).toBe(true);
    const full = await store.matches.get(rec.hostKey!, rec.id);
    expect(full!.result.teams.map((t) => t.team)).toEqual(result.teams.map((t) => t.team));
    expect(debrief(full!.result)).toEqual(debrief(result));
    const [listed] = await store.matches.list(rec.hostKey!);
    expect(listed!.teams).toEqual(
      result.teams.map((t) => ({
        team: t.team,
        total: t.scores.total,
        againstAutopilot: t.againstAutopilot ?? null,
      })),
    );
    const teams = await store.matches.teams(rec.hostKey!, rec.id);
    expect(teams!.map((t) => t.name).sort()).toEqual(["Team Hub", "Team Swarm"]);
  });

  it("a match stored now keeps its log as codes, read in the same words", async () => {
    const rec = record();
    await store.matches.record(rec);
    const full = await store.matches.get(rec.hostKey!, rec.id);
    expect(full!.events.every((e) => e.event && e.text === undefined)).toBe(true);
    expect(full!.events.map(loggedWords)).toEqual(played.log.map((e) => eventWords(e.event)));
  });

  it("lists a host's matches newest first, and no one else's", async () => {
    const hostKey = newSecret();
    const first = record({ hostKey });
    const second = record({ hostKey, status: "interrupted" });
    await store.matches.record(first);
    // The second ends later by the database's clock: the first's end time, as stored, has passed.
    const firstEnded = Date.parse((await store.matches.list(hostKey))[0]!.endedAt);
    while (Date.now() <= firstEnded) await new Promise((r) => setImmediate(r));
    await store.matches.record(second);
    await store.matches.record(record());
    const list = await store.matches.list(hostKey);
    expect(list.map((m) => m.id)).toEqual([second.id, first.id]);
    expect(list[0]!.status).toBe("interrupted");
  });

  it("keeps everything across a restart", async () => {
    const rec = record();
    await store.matches.record(rec);
    const saved = await store.scenarios.create({ ...calm, name: "Kept" });
    await store.close();
    store = await openStore(options());
    expect((await store.scenarios.get(saved.id))?.scenario.name).toBe("Kept");
    expect((await store.matches.get(rec.hostKey!, rec.id))?.result.stateHash).toBe(result.stateHash);
  });

  it("writes nothing of a match whose rows fail half-way", async () => {
    const rec = record();
    // Two players on one node break the primary key of match_players after the match row is written.
    const broken = { ...rec, result: { ...result, players: [result.players[0]!, result.players[0]!] } };
    await expect(store.matches.record(broken)).rejects.toThrow();
    expect(await store.matches.count(rec.id)).toBe(0);
  });
});

/** A PID no process has: one that just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => child.once("exit", r));
  return child.pid!;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe("the embedded database's folder lock (DATA_DIR)", () => {
  let lockDir = "";
  beforeAll(async () => {
    lockDir = await mkdtemp(join(tmpdir(), "hub-swarm-lock-"));
  });
  afterAll(() => rm(lockDir, { recursive: true, force: true }));

  it("holds the PID and start time beside the folder, refuses a second holder, and releases", async () => {
    const dataDir = join(lockDir, "a", "db");
    const release = await lockDataDir(dataDir);
    const [pid, started] = (await readFile(`${dataDir}.lock`, "utf8")).split("\n");
    expect(Number(pid)).toBe(process.pid);
    expect(Date.now() - Date.parse(started!)).toBeLessThan(60_000);
    expect(await exists(dataDir)).toBe(false); // the folder itself is PGlite's, created when it opens
    await expect(lockDataDir(dataDir)).rejects.toThrow(
      `DATA_DIR "${dataDir}" is in use by another Hub & Swarm (process ${process.pid}): stop that one first, or set DATA_DIR to another folder.`,
    );
    await release();
    expect(await exists(`${dataDir}.lock`)).toBe(false);
    await (await lockDataDir(dataDir))();
  });

  it("refuses a folder locked by another running process, named by its PID", async () => {
    const dataDir = join(lockDir, "b", "db");
    await lockDataDir(join(lockDir, "b", "other")).then((release) => release()); // creates the parent
    // The test runner's parent process is alive and is not this one.
    await writeFile(`${dataDir}.lock`, `${process.ppid}\n2026-01-01T00:00:00.000Z\n`);
    await expect(lockDataDir(dataDir)).rejects.toThrow(new RegExp(`in use by .*process ${process.ppid}\\)`));
    expect(await readFile(`${dataDir}.lock`, "utf8")).toMatch(new RegExp(`^${process.ppid}\n`));
  });

  it("replaces a lock left by a process that is gone, or a file that is not a lock", async () => {
    for (const [name, left] of [
      ["dead", `${await deadPid()}\n2026-01-01T00:00:00.000Z\n`],
      ["garbage", "not a lock at all"],
      ["empty", ""],
    ] as const) {
      const dataDir = join(lockDir, "c", name);
      await lockDataDir(dataDir).then((release) => release());
      await writeFile(`${dataDir}.lock`, left);
      const release = await lockDataDir(dataDir);
      expect(Number((await readFile(`${dataDir}.lock`, "utf8")).split("\n")[0])).toBe(process.pid);
      await release();
    }
  });

  it("a release leaves alone a lock that is no longer this process's", async () => {
    const dataDir = join(lockDir, "d", "db");
    const release = await lockDataDir(dataDir);
    await writeFile(`${dataDir}.lock`, `${process.ppid}\n`);
    await release();
    expect(await readFile(`${dataDir}.lock`, "utf8")).toBe(`${process.ppid}\n`);
  });

  it("is removed when the process exits without releasing it", async () => {
    const dataDir = join(lockDir, "e", "db");
    const script = join(lockDir, "hold.mts");
    const lockModule = resolve("game-server/src/db/lock.ts");
    await writeFile(
      script,
      `import { lockDataDir } from ${JSON.stringify(lockModule)};\nawait lockDataDir(${JSON.stringify(dataDir)});\nprocess.exit(0);\n`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: "inherit" });
    expect(await new Promise((r) => child.once("exit", r))).toBe(0);
    expect(await exists(join(lockDir, "e"))).toBe(true);
    expect(await exists(`${dataDir}.lock`)).toBe(false);
  });

  it("openStore locks the folder until it closes; in memory nothing is locked", async () => {
    const dataDir = join(lockDir, "f", "db");
    const first = await openStore({ dataDir });
    await expect(openStore({ dataDir })).rejects.toThrow(/DATA_DIR .* is in use/);
    expect(await first.scenarios.count()).toBe(0); // the refused open did not disturb the first
    await first.close();
    expect(await exists(`${dataDir}.lock`)).toBe(false);
    // Databases in memory share no folder: two at once are fine (the test harness boots several).
    const memory = await Promise.all([
      openStore({ dataDir: "memory://" }),
      openStore({ dataDir: "memory://" }),
    ]);
    await Promise.all(memory.map((m) => m.close()));
  });
});

describe("a PostgreSQL server that does not answer", () => {
  it("fails the start within seconds, naming DATABASE_URL, instead of hanging", async () => {
    // Accepts connections and never says a word, like a hung server or a black-holed network.
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    try {
      await expect(openDatabase({ url: `postgres://nobody@127.0.0.1:${port}/nothing` })).rejects.toThrow(
        /cannot reach the database at 127\.0\.0\.1:\d+\/nothing \(.*timeout.*\): .*DATABASE_URL/,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
