/** Saved scenarios: a share code anyone may read, an edit key only its author holds. */
import { type SavedScenario, type Scenario, SHARE_CODE_LENGTH } from "../../../shared/index";
import { newJoinCode, newSecret } from "../secrets/codes";
import { hashKey, keyMatches } from "../secrets/keys";
import type { Queryable } from "./database";

interface ScenarioRow {
  code: string;
  edit_key_hash: string;
  document: Scenario;
  created_at: Date;
  updated_at: Date;
}

export type UpdateOutcome =
  | { ok: true; saved: SavedScenario }
  | { ok: false; reason: "not-found" | "wrong-key" };

function toSaved(row: ScenarioRow): SavedScenario {
  return {
    id: row.code,
    builtIn: false,
    scenario: row.document,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export class ScenarioStore {
  constructor(private readonly db: Queryable) {}

  /** Saves a validated scenario under a fresh share code; the edit key is returned once, here. */
  async create(scenario: Scenario): Promise<SavedScenario & { editKey: string }> {
    const editKey = newSecret();
    // 25^6 ≈ 244 million codes: a clash is rare, and the insert simply tries another.
    for (;;) {
      const rows = await this.db.query<ScenarioRow>(
        `INSERT INTO scenarios (code, edit_key_hash, name, document) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (code) DO NOTHING RETURNING *`,
        [newJoinCode(SHARE_CODE_LENGTH), hashKey(editKey), scenario.name, JSON.stringify(scenario)],
      );
      if (rows[0]) return { ...toSaved(rows[0]), editKey };
    }
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM scenarios");
    return rows[0]?.n ?? 0;
  }

  async get(code: string): Promise<SavedScenario | null> {
    const rows = await this.db.query<ScenarioRow>("SELECT * FROM scenarios WHERE code = $1", [code]);
    return rows[0] ? toSaved(rows[0]) : null;
  }

  /** Replaces a saved scenario, only with its edit key. */
  async update(code: string, editKey: string, scenario: Scenario): Promise<UpdateOutcome> {
    const rows = await this.db.query<ScenarioRow>("SELECT * FROM scenarios WHERE code = $1", [code]);
    const row = rows[0];
    if (!row) return { ok: false, reason: "not-found" };
    if (!keyMatches(editKey, row.edit_key_hash)) return { ok: false, reason: "wrong-key" };
    const updated = await this.db.query<ScenarioRow>(
      `UPDATE scenarios SET document = $2::jsonb, name = $3, revision = revision + 1, updated_at = now()
       WHERE code = $1 RETURNING *`,
      [code, JSON.stringify(scenario), scenario.name],
    );
    return { ok: true, saved: toSaved(updated[0]!) };
  }
}
