/**
 * Versioned migrations, applied in order at start. A migration is never edited once released: a change
 * to the schema is a new entry at the end. `schema_migrations` records what a database already has, so
 * a restart applies nothing twice; an advisory lock keeps two processes starting together from racing.
 */
import type { Database } from "./database";

interface Migration {
  version: number;
  name: string;
  sql: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "saved scenarios",
    sql: [
      `CREATE TABLE scenarios (
        code text PRIMARY KEY,
        edit_key_hash text NOT NULL,
        name text NOT NULL,
        document jsonb NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 2,
    name: "match results",
    sql: [
      `CREATE TABLE matches (
        id text PRIMARY KEY,
        host_key_hash text,
        room_code text NOT NULL,
        mode text NOT NULL,
        scenario_name text NOT NULL,
        scenario_code text,
        topology text NOT NULL,
        status text NOT NULL CHECK (status IN ('finished', 'interrupted')),
        seconds real NOT NULL,
        scenario jsonb NOT NULL,
        result jsonb NOT NULL,
        events jsonb NOT NULL,
        ended_at timestamptz NOT NULL DEFAULT now()
      )`,
      "CREATE INDEX matches_by_host ON matches (host_key_hash, ended_at DESC)",
      `CREATE TABLE match_teams (
        match_id text NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        team text NOT NULL,
        name text NOT NULL,
        speed integer NOT NULL,
        cost integer NOT NULL,
        survival integer NOT NULL,
        total integer NOT NULL,
        items_completed integer NOT NULL,
        coins_spent integer NOT NULL,
        PRIMARY KEY (match_id, team)
      )`,
      `CREATE TABLE match_players (
        match_id text NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        team text NOT NULL,
        node text NOT NULL,
        nickname text,
        role text NOT NULL,
        points integer NOT NULL,
        forwarded integer NOT NULL,
        chunks_served integer NOT NULL,
        PRIMARY KEY (match_id, team, node)
      )`,
    ],
  },
  {
    version: 3,
    name: "survival not tested; teams against their autopilot",
    sql: [
      // A round no failure reached did not test survival: stored as NULL, shown as "not tested".
      "ALTER TABLE match_teams ALTER COLUMN survival DROP NOT NULL",
      // The teams competition: the autopilot twin's total and the team against it (NULL: not compared).
      "ALTER TABLE match_teams ADD COLUMN autopilot_total integer",
      "ALTER TABLE match_teams ADD COLUMN against_autopilot integer",
    ],
  },
  {
    version: 4,
    name: "a match its teacher shared to watch again",
    // Watchable without a key (GET /api/watch/ID) only while true: set and cleared by the teacher.
    sql: ["ALTER TABLE matches ADD COLUMN shared boolean NOT NULL DEFAULT false"],
  },
];

/** Any fixed number: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 74_210_001;

/** Applies the migrations this database lacks; returns the versions applied now. */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const rows = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const have = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (have.has(m.version)) continue;
      for (const statement of m.sql) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
