/**
 * The stores against a real database: the embedded PGlite by default, a PostgreSQL server when
 * DATABASE_URL is set (.ci/run runs this file both ways).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../game-server/src/db/database";
import type { MatchRecord } from "../../game-server/src/db/match-store";
import { MIGRATIONS, migrate } from "../../game-server/src/db/migrations";
import { openStore, type Store } from "../../game-server/src/db/store";
import { newSecret } from "../../game-server/src/rooms/codes";
import { BUILT_IN_SCENARIOS, createMatch, matchResult, runMatch, type Scenario } from "../../shared/index";

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
    events: played.log.map((e) => ({ tick: e.tick, team: e.team, text: e.text })),
    ...over,
  };
}

let store: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hub-swarm-store-"));
  store = await openStore(options());
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

  it("lists a host's matches newest first, and no one else's", async () => {
    const hostKey = newSecret();
    const first = record({ hostKey });
    const second = record({ hostKey, status: "interrupted" });
    await store.matches.record(first);
    await new Promise((r) => setTimeout(r, 15));
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
