/**
 * The HTTP API's bodies and answers, shared by the server (which parses every body with these schemas)
 * and the client (which reads the answers). Endpoints, in the README's "Server API" section:
 *
 *   GET  /api/scenarios                  built-ins: { scenarios: ScenarioListEntry[] }
 *   GET  /api/scenarios/:id              a built-in by id or a saved scenario by share code: SavedScenario
 *   POST /api/scenarios      SaveScenario   → 201 Saved (share code and edit key)
 *   PUT  /api/scenarios/:code SaveScenario, header x-edit-key → 200 SavedScenario
 *   POST /api/preview        PreviewRequest → 200 Preview (bots play it headless)
 *   GET  /api/history        header x-host-key → { matches: MatchSummary[] }
 *   GET  /api/history/:id    header x-host-key → StoredMatch
 *   GET  /api/history/:id/players.csv, /teams.csv   header x-host-key → text/csv
 *   PUT  /api/history/:id/share   header x-host-key, body { shared } → { shared }
 *   GET  /api/watch/:id      (no key) a shared match, players numbered instead of named → StoredMatch
 *
 * Errors are { error: string, errors?: string[], refusal?: Refusal } with a 4xx (or 503) status;
 * `errors` lists "field: reason"; `refusal` (a code and parameters, refusals.ts) is what a screen words.
 */
import { z } from "zod";
import type { GameEvent } from "./events";
import { JOIN_CODE_ALPHABET } from "./protocol";
import type { MatchResult, TeamResult } from "./results";
import type { Scenario } from "./scenario";

/** Share codes of saved scenarios: six characters of the join-code alphabet (a class code has five). */
export const SHARE_CODE_LENGTH = 6;
export const shareCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    new RegExp(`^[${JOIN_CODE_ALPHABET}]{${SHARE_CODE_LENGTH}}$`),
    `must be ${SHARE_CODE_LENGTH} letters and digits`,
  );

/** POST /api/scenarios and PUT /api/scenarios/:code. The scenario itself is checked by parseScenario. */
export const saveScenarioSchema = z.object({ scenario: z.unknown() }).strict();

/** POST /api/preview. */
export const previewRequestSchema = z.object({ scenario: z.unknown() }).strict();

export interface ScenarioListEntry {
  id: string;
  name: string;
  description: string;
  duration: number;
}

export interface SavedScenario {
  /** Built-in id ("server-crash") or share code ("K7MQ4T"). */
  id: string;
  builtIn: boolean;
  scenario: Scenario;
  createdAt?: string;
  updatedAt?: string;
}

export interface Saved extends SavedScenario {
  /** Only in the answer to the save that created it: the key that may change it later. */
  editKey: string;
}

export interface Preview {
  seconds: number;
  par: MatchResult["par"];
  /** Hub and swarm, bots in every seat: what a class would see. */
  teams: Pick<
    TeamResult,
    "team" | "scores" | "goodputPerSecond" | "averageGoodput" | "failures" | "coinsSpent"
  >[];
  /** Milliseconds the server took. */
  tookMs: number;
}

export type MatchStatus = "finished" | "interrupted";

export interface MatchSummary {
  id: string;
  roomCode: string;
  mode: string;
  scenario: string;
  /** Share code when the class played a saved scenario. */
  scenarioCode: string | null;
  topology: Scenario["topology"];
  status: MatchStatus;
  endedAt: string;
  seconds: number;
  players: number;
  /**
   * Each team's network total and, for a class compared with its autopilot, its standing against it
   * (100 = as well as the autopilot; null where it was not compared).
   */
  teams: { team: string; total: number; againstAutopilot: number | null }[];
}

/** One entry of a stored match's log: its event, or (stored before events were codes) its words. */
export interface StoredEvent {
  tick: number;
  team: "hub" | "swarm" | null;
  event?: GameEvent;
  text?: string;
}

export interface StoredMatch extends MatchSummary {
  scenarioDocument: Scenario;
  result: MatchResult;
  /**
   * What happened, in order: failures, replicas, host actions (the match's event log), each as an
   * event (events.ts). Matches stored before events were codes have only `text`: loggedWords reads both.
   */
  events: StoredEvent[];
  /** Whether its teacher shared it: anyone with its link may watch it again (GET /api/watch/ID). */
  shared?: boolean;
}
