/**
 * `npm run sim -- --replay <match.json>`: plays a stored match again from its scenario (seed
 * included) and its recorded decisions, and checks that the replay reaches every state hash the match
 * was stored with: one every HASH_EVERY_TICKS ticks of play, and the last at the tick it was stored
 * (the end of a finished round, the last checkpoint of an interrupted one). The first tick that
 * differs is named. The file is what Past classes serves (GET /api/history/ID), or a record waiting
 * in PENDING_DIR; anything else is refused with what is wrong.
 */
import { readFileSync } from "node:fs";
import {
  type Intent,
  matchRecordSchema,
  parseScenario,
  type RecordedIntent,
  replayMatch,
  type Scenario,
  SIM_RULES,
  stateHash,
  TICKS_PER_SECOND,
  type TickHash,
  tickHashesSchema,
} from "../../shared/index";
import { UsageError } from "./cli";

/** What a stored match holds for its replay. */
export interface StoredReplay {
  scenario: Scenario;
  record: RecordedIntent[];
  /** The tick the stored hash was taken at. */
  tick: number;
  stateHash: string;
  /** The hashes taken while the round ran (none in a match stored before rooms kept them). */
  hashes: TickHash[];
  /** "finished" or "interrupted", when the file says. */
  status: string | null;
  /** The simulation's rules it was played under (constants.ts SIM_RULES; 1 when the file has none). */
  rules: number;
}

export interface ReplayCheck {
  scenario: string;
  status: string | null;
  decisions: number;
  /** Recorded decisions by type ("assign": 5, "trigger": 1, …). */
  byType: Record<string, number>;
  tick: number;
  stored: string;
  replayed: string;
  /** The replay stopped before the stored tick (the round ended sooner): a record that does not fit. */
  endedAt: number;
  /** How many of the hashes taken while the round ran were checked (all that the replay reached). */
  checkedHashes: number;
  /** The first tick whose hash differs, with both hashes; null when none does. */
  firstDifference: { tick: number; stored: string; replayed: string } | null;
  same: boolean;
}

const SHAPE =
  'a stored match has "scenarioDocument" (or "scenario") and "result" with "seconds", "stateHash" and "intents", as Past classes serves it (GET /api/history/ID)';

/** Reads and checks a stored match file; every problem is a UsageError naming the file and the field. */
export function loadStoredMatch(path: string): StoredReplay {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const doc = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const result = (typeof doc.result === "object" && doc.result !== null ? doc.result : null) as Record<
    string,
    unknown
  > | null;
  const rawScenario = doc.scenarioDocument ?? (typeof doc.scenario === "object" ? doc.scenario : undefined);
  if (!result || rawScenario === undefined) throw new UsageError(`${path} is not a stored match: ${SHAPE}`);
  const scenario = parseScenario(rawScenario);
  if (!scenario.ok)
    throw new UsageError(`${path}: its scenario is not valid:\n  ${scenario.errors.join("\n  ")}`);
  if (result.intents === undefined)
    throw new UsageError(
      `${path} has no recorded decisions (result.intents): it was stored before matches kept them, so it cannot be replayed`,
    );
  const record = matchRecordSchema.safeParse(result.intents);
  if (!record.success) {
    const issue = record.error.issues[0]!;
    throw new UsageError(`${path}: result.intents.${issue.path.join(".")}: ${issue.message}`);
  }
  const seconds = result.seconds;
  const hash = result.stateHash;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0)
    throw new UsageError(`${path}: result.seconds must be the seconds the match was stored at`);
  if (typeof hash !== "string" || !/^[0-9a-f]{8}$/.test(hash))
    throw new UsageError(`${path}: result.stateHash must be the match's state hash (8 hex digits)`);
  const rules = result.rules ?? 1;
  if (typeof rules !== "number" || !Number.isInteger(rules) || rules < 1)
    throw new UsageError(
      `${path}: result.rules must be the simulation's rules it was played under (1, 2, …)`,
    );
  if (rules > SIM_RULES)
    throw new UsageError(
      `${path} was played under rules ${rules}, newer than this version of the game knows (${SIM_RULES}): replay it with the version that stored it or a later one`,
    );
  const hashes = tickHashesSchema.safeParse(result.hashes ?? []);
  if (!hashes.success) {
    const issue = hashes.error.issues[0]!;
    throw new UsageError(`${path}: result.hashes.${issue.path.join(".")}: ${issue.message}`);
  }
  return {
    scenario: scenario.value,
    record: record.data as RecordedIntent[],
    hashes: hashes.data,
    tick: Math.round(seconds * TICKS_PER_SECOND),
    stateHash: hash,
    status: typeof doc.status === "string" ? doc.status : null,
    rules,
  };
}

/** Plays a stored match again to the tick its hash was taken at, and compares the hashes. */
export function checkReplay(stored: StoredReplay): ReplayCheck {
  const due = new Map(stored.hashes.map((h) => [h.tick, h.hash]));
  let checkedHashes = 0;
  let firstDifference: ReplayCheck["firstDifference"] = null;
  const match = replayMatch(stored.scenario, stored.record, {
    rules: stored.rules,
    ticks: stored.tick,
    afterStep: (m) => {
      const hash = due.get(m.tick);
      if (hash === undefined) return;
      checkedHashes++;
      const now = stateHash(m);
      if (now !== hash && !firstDifference) firstDifference = { tick: m.tick, stored: hash, replayed: now };
    },
  });
  const replayed = stateHash(match);
  const atEnd = replayed === stored.stateHash && match.tick === stored.tick;
  if (!firstDifference && !atEnd && match.tick === stored.tick)
    firstDifference = { tick: stored.tick, stored: stored.stateHash, replayed };
  const byType: Record<string, number> = {};
  for (const r of stored.record) byType[typeOf(r.intent)] = (byType[typeOf(r.intent)] ?? 0) + 1;
  return {
    scenario: stored.scenario.name,
    status: stored.status,
    decisions: stored.record.length,
    byType,
    tick: stored.tick,
    stored: stored.stateHash,
    replayed,
    endedAt: match.tick,
    checkedHashes,
    firstDifference,
    same: atEnd && firstDifference === null && checkedHashes === stored.hashes.length,
  };
}

const typeOf = (intent: Intent) => intent.type;

/** The check in words, for the terminal. */
export function formatReplay(c: ReplayCheck): string {
  const kinds = Object.entries(c.byType)
    .map(([type, n]) => `${type} ${n}`)
    .join(", ");
  const at = `tick ${c.tick} (${c.tick / TICKS_PER_SECOND} s)`;
  const lines = [
    `Replay of ${c.scenario}${c.status ? ` (${c.status})` : ""}`,
    `  decisions   ${c.decisions}${kinds ? ` (${kinds})` : ""}`,
    c.endedAt !== c.tick
      ? `  the replay ended at tick ${c.endedAt}, before the stored ${at}`
      : `  state hash  ${c.replayed} at ${at}; stored ${c.stored}`,
    `  checked     ${c.checkedHashes} of the hashes taken while it ran, and the last`,
    c.firstDifference
      ? `  first differs at tick ${c.firstDifference.tick} (${c.firstDifference.tick / TICKS_PER_SECOND} s): replayed ${c.firstDifference.replayed}, stored ${c.firstDifference.stored}`
      : "",
    c.same ? "  the same match: replayed to the stored hash" : "  NOT the same match: the replay differs",
  ].filter((line) => line !== "");
  return `${lines.join("\n")}\n`;
}
