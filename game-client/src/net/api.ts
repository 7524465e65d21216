/**
 * The HTTP API for teachers' tools: saved scenarios, previews and the results history. Shapes come
 * from shared/api.ts; an error answer becomes an ApiError carrying its words (made here from the
 * refusal's code when it has one, else the server's) and its "field: reason" list (made here from the
 * issues' codes when it has them).
 */
import type {
  MatchSummary,
  Preview,
  Saved,
  SavedScenario,
  Scenario,
  ScenarioListEntry,
  StoredMatch,
} from "../../../shared/index";
import { errorWords, fieldWords } from "./error-words";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: string[] = [],
  ) {
    super(message);
  }
}

/** An error answer's body: `refusal` (a code and parameters) when the screen words it. */
type ErrorBody = { error?: string; errors?: string[]; refusal?: unknown; issues?: unknown };

/** An error answer in words: its refusal's, else the server's `error`, else `fallback`. */
function answerWords(body: ErrorBody | null, fallback: string): string {
  return errorWords({ refusal: body?.refusal, message: body?.error ?? fallback }).message;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, "Could not reach the game server. Is it running?");
  }
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  if (!res.ok) {
    const fallback = res.status === 404 ? "Not found." : `The server answered ${res.status}.`;
    throw new ApiError(
      res.status,
      answerWords(body, fallback),
      fieldWords(body?.issues) ?? (Array.isArray(body?.errors) ? body.errors : []),
    );
  }
  return body as T;
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

export function listBuiltIns(): Promise<{ scenarios: ScenarioListEntry[] }> {
  return call("/api/scenarios");
}

/** A built-in by id or a saved scenario by its share code. */
export function loadScenario(id: string): Promise<SavedScenario> {
  return call(`/api/scenarios/${encodeURIComponent(id)}`);
}

export function saveScenario(scenario: Scenario): Promise<Saved> {
  return call("/api/scenarios", json("POST", { scenario }));
}

export function updateScenario(code: string, scenario: Scenario, editKey: string): Promise<SavedScenario> {
  return call(
    `/api/scenarios/${encodeURIComponent(code)}`,
    json("PUT", { scenario }, { "x-edit-key": editKey }),
  );
}

export function previewScenario(scenario: Scenario): Promise<Preview> {
  return call("/api/preview", json("POST", { scenario }));
}

export function listMatches(hostKey: string): Promise<{ matches: MatchSummary[] }> {
  return call("/api/history", { headers: { "x-host-key": hostKey } });
}

export function loadMatch(hostKey: string, id: string): Promise<StoredMatch> {
  return call(`/api/history/${encodeURIComponent(id)}`, { headers: { "x-host-key": hostKey } });
}

/** Shares a match for watching without a key (its link works for anyone), or stops sharing it. */
export function shareMatch(hostKey: string, id: string, shared: boolean): Promise<{ shared: boolean }> {
  return call(
    `/api/history/${encodeURIComponent(id)}/share`,
    json("PUT", { shared }, { "x-host-key": hostKey }),
  );
}

/** A match its teacher shared, to watch again: players numbered instead of named, no key needed. */
export function watchMatch(id: string): Promise<StoredMatch> {
  return call(`/api/watch/${encodeURIComponent(id)}`);
}

/** A match's CSV (one row per player, or per team), as a file the browser can save. */
export async function matchCsv(hostKey: string, id: string, which: "players" | "teams"): Promise<Blob> {
  const res = await fetch(`/api/history/${encodeURIComponent(id)}/${which}.csv`, {
    headers: { "x-host-key": hostKey },
  }).catch(() => null);
  if (!res) throw new ApiError(0, "Could not reach the game server. Is it running?");
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(res.status, answerWords(body, `The server answered ${res.status}.`));
  }
  return res.blob();
}

/** Where students join, as the server knows it (null: the server found no network address). */
export async function joinAddress(): Promise<string | null> {
  return (await call<{ url: string | null }>("/api/address")).url;
}
