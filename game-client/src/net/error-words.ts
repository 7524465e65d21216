/**
 * Errors from the server in words: a refused decision or join arrives as a code, and its words are
 * made here.
 */
import {
  CLOSE,
  isRefusalCode,
  type RefusalCode,
  type RefusalParams,
  ROOM_ERROR,
  readRefusalText,
  refusalWords,
} from "../../../shared/index";

export interface ServerError {
  code: string;
  /** In words: the server's, or made here from a refused decision's code (refusalWords). */
  message: string;
  /** A refused decision's own code ("up-to-date", …), when the server sent one. */
  refusal?: RefusalCode;
}

/** An error as it arrives: a refused decision carries a code and parameters, not words. */
export function errorWords(e: { code?: unknown; message?: unknown; refusal?: unknown }): ServerError {
  const code = typeof e.code === "string" ? e.code : "error";
  const r = e.refusal as { code?: unknown; params?: unknown } | undefined;
  if (r && typeof r.code === "string" && isRefusalCode(r.code)) {
    const params = r.params && typeof r.params === "object" ? (r.params as RefusalParams) : {};
    return { code, message: refusalWords({ code: r.code, params }), refusal: r.code };
  }
  return { code, message: typeof e.message === "string" ? e.message : "that was refused" };
}

/**
 * Every field of a refused document (a scenario) in words, "field: reason", from its issues (field,
 * rule and the rule's limit: FieldIssue); null when the answer carries none this page can read.
 */
export function fieldWords(issues: unknown): string[] | null {
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const words: string[] = [];
  for (const i of issues) {
    if (typeof i !== "object" || i === null) return null;
    const params: RefusalParams = {};
    for (const [k, v] of Object.entries(i)) if (typeof v === "string" || typeof v === "number") params[k] = v;
    if (typeof params.field !== "string" || typeof params.rule !== "string") return null;
    words.push(refusalWords({ code: "scenario-field", params }));
  }
  return words;
}

/**
 * A failed join or solo game in words. A refusal arrives packed in the error's text (a ServerError
 * from a room, or a matchmaking answer: shared/join-refusals.ts); the SDK's own errors are reworded
 * for a student.
 */
export function joinErrorWords(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const refused = readRefusalText(message);
  if (refused) return refusalWords(refused);
  if (/room ".*" not found/i.test(message))
    return "That class no longer exists. Check the code on the big screen.";
  // A class whose server process stopped stays listed for a moment; the matchmaker's call times out.
  if (/timed out|ipc_timeout|process .* is not available/i.test(message))
    return "That class's server is not answering: ask your teacher to start a new class.";
  if (/socket hang up|failed to fetch|network/i.test(message))
    return "The game server did not answer. Try again in a moment.";
  return message || "Could not connect to the game server.";
}

/** Close codes of a room the server closed on purpose (a normal close, colyseus' "consented"). */
const SERVER_CLOSED = new Set([1000, 4000]);

/**
 * Why the server closed a room's connection, in words, from its close code (the server sends the code
 * only); null for a drop the client should reconnect from.
 */
export function closeWords(code: number): string | null {
  if (code === CLOSE.kicked) return "You were removed from this class by the host.";
  if (code === CLOSE.serverShutdown)
    return "The game server is restarting. Your class's results so far are saved; join again when your teacher starts a new class.";
  // The server closed the room on purpose (shut down, or the class was closed): nothing to rejoin.
  if (SERVER_CLOSED.has(code)) return "The class is over: the server closed it. Back to the menu.";
  return null;
}

/** Why a room stopped (the room-error message's code), in words. */
export function roomErrorWords(m: { code?: unknown; message?: unknown }): string {
  if (m.code === ROOM_ERROR.roundStopped)
    return "The game hit a problem and stopped this round. Your teacher can start a new one.";
  return typeof m.message === "string" ? m.message : "The game hit a problem and stopped this round.";
}
