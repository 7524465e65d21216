/**
 * Matches: the scenario played, the settings, per-team and per-player scores and the event log. A
 * running round is written every few seconds as "interrupted" (what a teacher finds if the server
 * dies now); its final write replaces that, and a finished match is never written over. Each write is
 * one transaction; a teacher reads their own by host key.
 */
import type {
  MatchResult,
  MatchStatus,
  MatchSummary,
  Mode,
  Scenario,
  StoredMatch,
} from "../../../shared/index";
import { teamName } from "../../../shared/index";
import { hashKey } from "../secrets/keys";
import type { Database } from "./database";

export interface MatchRecord {
  /** Unique per round: later writes replace an interrupted one; a finished one is never replaced. */
  id: string;
  /** The class's host key; null for solo play (kept, but in no teacher's history). */
  hostKey: string | null;
  roomCode: string;
  mode: Mode | "solo";
  scenario: Scenario;
  scenarioCode: string | null;
  status: MatchStatus;
  result: MatchResult;
  events: StoredMatch["events"];
}

interface MatchRow {
  id: string;
  room_code: string;
  mode: string;
  scenario_name: string;
  scenario_code: string | null;
  topology: Scenario["topology"];
  status: MatchStatus;
  seconds: number;
  ended_at: Date;
  scenario: Scenario;
  result: MatchResult;
  events: StoredMatch["events"];
  shared: boolean;
}

function toSummary(row: MatchRow): MatchSummary {
  return {
    id: row.id,
    roomCode: row.room_code,
    mode: row.mode,
    scenario: row.scenario_name,
    scenarioCode: row.scenario_code,
    topology: row.topology,
    status: row.status,
    endedAt: new Date(row.ended_at).toISOString(),
    seconds: Number(row.seconds),
    players: row.result.players.filter((p) => p.holder !== null).length,
    teams: row.result.teams.map((t) => ({
      team: t.team,
      total: t.scores.total,
      againstAutopilot: t.againstAutopilot ?? null,
    })),
  };
}

export class MatchStore {
  constructor(private readonly db: Database) {}

  /** Stores a match (or its latest checkpoint); false when this id is already stored as finished. */
  async record(m: MatchRecord): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO matches (id, host_key_hash, room_code, mode, scenario_name, scenario_code, topology,
           status, seconds, scenario, result, events)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, seconds = EXCLUDED.seconds,
           result = EXCLUDED.result, events = EXCLUDED.events, ended_at = now()
         WHERE matches.status <> 'finished'
         RETURNING id`,
        [
          m.id,
          m.hostKey === null ? null : hashKey(m.hostKey),
          m.roomCode,
          m.mode,
          m.scenario.name,
          m.scenarioCode,
          m.scenario.topology,
          m.status,
          m.result.seconds,
          JSON.stringify(m.scenario),
          JSON.stringify(m.result),
          JSON.stringify(m.events),
        ],
      );
      if (inserted.length === 0) return false;
      // A checkpoint's teams and players are replaced by this write's.
      await tx.query("DELETE FROM match_teams WHERE match_id = $1", [m.id]);
      await tx.query("DELETE FROM match_players WHERE match_id = $1", [m.id]);
      for (const t of m.result.teams) {
        await tx.query(
          `INSERT INTO match_teams (match_id, team, name, speed, cost, survival, total, items_completed,
             coins_spent, autopilot_total, against_autopilot) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            m.id,
            t.team,
            teamName(t.team), // the CSV's name column: a spreadsheet reads words
            Math.round(t.scores.speed),
            Math.round(t.scores.cost),
            t.scores.survival === null ? null : Math.round(t.scores.survival),
            Math.round(t.scores.total),
            t.itemsCompleted,
            t.coinsSpent,
            t.autopilotTotal ?? null,
            t.againstAutopilot ?? null,
          ],
        );
      }
      for (const p of m.result.players) {
        await tx.query(
          `INSERT INTO match_players (match_id, team, node, nickname, role, points, forwarded, chunks_served)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [m.id, p.team, p.node, p.holder, p.role, p.points, p.forwarded, p.chunksServed],
        );
      }
      return true;
    });
  }

  /** A host's matches, newest first. */
  async list(hostKey: string, limit = 200): Promise<MatchSummary[]> {
    const rows = await this.db.query<MatchRow>(
      `SELECT * FROM matches WHERE host_key_hash = $1 ORDER BY ended_at DESC, id LIMIT $2`,
      [hashKey(hostKey), limit],
    );
    return rows.map(toSummary);
  }

  /** One of a host's matches in full; null when it does not exist or belongs to another host. */
  async get(hostKey: string, id: string): Promise<StoredMatch | null> {
    const rows = await this.db.query<MatchRow>("SELECT * FROM matches WHERE id = $1 AND host_key_hash = $2", [
      id,
      hashKey(hostKey),
    ]);
    const row = rows[0];
    if (!row) return null;
    return {
      ...toSummary(row),
      scenarioDocument: row.scenario,
      result: row.result,
      events: row.events,
      shared: row.shared,
    };
  }

  /** Shares one of a host's matches for watching without a key, or stops; false when it is not theirs. */
  async share(hostKey: string, id: string, shared: boolean): Promise<boolean> {
    const rows = await this.db.query(
      "UPDATE matches SET shared = $3 WHERE id = $1 AND host_key_hash = $2 RETURNING id",
      [id, hashKey(hostKey), shared],
    );
    return rows.length > 0;
  }

  /**
   * A shared match as anyone with its link sees it: players named by number, never by nickname
   * (the link may leave the class), no host key; null when it does not exist or is not shared.
   */
  async watch(id: string): Promise<StoredMatch | null> {
    const rows = await this.db.query<MatchRow>("SELECT * FROM matches WHERE id = $1 AND shared", [id]);
    const row = rows[0];
    if (!row) return null;
    return {
      ...toSummary(row),
      scenarioDocument: row.scenario,
      result: anonymous(row.result),
      events: row.events,
      shared: true,
    };
  }

  /** Per-player rows, best first: what the players CSV holds. */
  async players(hostKey: string, id: string): Promise<PlayerRow[] | null> {
    if (!(await this.owns(hostKey, id))) return null;
    return this.db.query<PlayerRow>(
      `SELECT nickname, team, role, node, points, forwarded, chunks_served FROM match_players
       WHERE match_id = $1 ORDER BY points DESC, team, node`,
      [id],
    );
  }

  /** Per-team rows: what the teams CSV holds. */
  async teams(hostKey: string, id: string): Promise<TeamRow[] | null> {
    if (!(await this.owns(hostKey, id))) return null;
    return this.db.query<TeamRow>(
      `SELECT team, name, speed, cost, survival, total, items_completed, coins_spent, autopilot_total,
         against_autopilot FROM match_teams
       WHERE match_id = $1 ORDER BY team`,
      [id],
    );
  }

  /** How many times a match id is stored (0 or 1): for tests and the cluster's "stored once". */
  async count(id: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM matches WHERE id = $1", [
      id,
    ]);
    return rows[0]?.n ?? 0;
  }

  private async owns(hostKey: string, id: string): Promise<boolean> {
    const rows = await this.db.query("SELECT 1 FROM matches WHERE id = $1 AND host_key_hash = $2", [
      id,
      hashKey(hostKey),
    ]);
    return rows.length > 0;
  }
}

export interface PlayerRow {
  nickname: string | null;
  team: string;
  role: string;
  node: string;
  points: number;
  forwarded: number;
  chunks_served: number;
}

export interface TeamRow {
  team: string;
  name: string;
  speed: number;
  cost: number;
  /** null: no failure reached the team (survival not tested). */
  survival: number | null;
  total: number;
  items_completed: number;
  coins_spent: number;
  /** The teams competition; null when the round was not compared (interrupted, or stored before). */
  autopilot_total: number | null;
  against_autopilot: number | null;
}

/**
 * A result with every player named by a number in the order they took a seat ("Player 1"), in the
 * players' list and in the names of the replay's decisions: the nicknames stay with the teacher.
 */
export function anonymous(result: MatchResult): MatchResult {
  const names: Record<string, string> = {};
  const holderOf = new Map<string, string>(); // seat → the name of the player there last
  for (const r of result.intents ?? []) {
    if (r.intent.type !== "assign" || r.intent.player === null) continue;
    names[r.intent.player] ??= `Player ${Object.keys(names).length + 1}`;
    holderOf.set(`${r.intent.team}/${r.intent.node}`, names[r.intent.player]!);
  }
  return {
    ...result,
    players: result.players.map((p) =>
      p.holder === null ? p : { ...p, holder: holderOf.get(`${p.team}/${p.node}`) ?? "a player" },
    ),
    names,
  };
}
