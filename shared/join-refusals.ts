/**
 * Why a join was refused, as a refusal code (refusals.ts), and how it crosses the wire. Colyseus
 * carries a join's error to colyseus.js as a number and one string (a ServerError thrown in a room's
 * onAuth, onJoin or onCreate, or a matchmaking answer's `error`), so the refusal travels in that
 * string as JSON, `{"refusal":{"code":…,"params":{…}}}`: no words, read back with readRefusalText.
 */
import type { z } from "zod";
import { isOffensive } from "./nickname";
import { isRefusalCode, type Refusal, type RefusalParams, refusal } from "./refusals";
import { fieldIssue, formatPath } from "./scenario";

/** A refusal packed into a text field (an error's message). */
export function refusalText(r: Refusal): string {
  return JSON.stringify({ refusal: r });
}

/** The refusal packed in a text field, or null when the text is anything else (an error in words). */
export function readRefusalText(text: string): Refusal | null {
  if (!text.startsWith('{"refusal"')) return null;
  try {
    const r = (JSON.parse(text) as { refusal?: { code?: unknown; params?: unknown } }).refusal;
    if (!r || typeof r.code !== "string" || !isRefusalCode(r.code)) return null;
    const params: RefusalParams = {};
    if (r.params && typeof r.params === "object")
      for (const [k, v] of Object.entries(r.params))
        if (typeof v === "string" || typeof v === "number") params[k] = v;
    return { code: r.code, params };
  } catch {
    return null;
  }
}

/**
 * Why join options (protocol.ts joinOptionsSchema) were refused, from the first problem their parse
 * found: a nickname's by the check it failed, a host key that cannot be one as the wrong key, anything
 * else as a request the page did not make.
 */
export function joinOptionsRefusal(error: z.ZodError, raw: unknown): Refusal {
  const issue = error.issues[0];
  if (issue?.path[0] === "hostKey") return refusal("wrong-host-key");
  if (issue?.path[0] !== "nickname") return refusal("unreadable-join");
  return nicknameRefusal(issue, raw);
}

/**
 * Why a solo game's options (protocol.ts soloOptionsSchema) were refused: a nickname's as when joining
 * a class, anything else by its field and the rule it broke (zod's issue code, or the check's own).
 */
export function soloOptionsRefusal(error: z.ZodError, raw: unknown): Refusal {
  const issue = error.issues[0];
  if (!issue) return refusal("bad-solo-options", { field: "options", rule: "custom" });
  if (issue.path[0] === "nickname") return nicknameRefusal(issue, raw);
  const field = issue.path.length ? formatPath(issue.path) : "options";
  return refusal("bad-solo-options", { ...fieldIssue(issue, raw ?? {}), field });
}

/** A nickname's refusal, by the check it failed (protocol.ts nicknameSchema). */
function nicknameRefusal(issue: z.core.$ZodIssue, raw: unknown): Refusal {
  const nickname = (raw as { nickname?: unknown } | null | undefined)?.nickname;
  switch (issue.code) {
    case "too_big":
      return refusal("nickname-too-long", { max: Number(issue.maximum) });
    case "invalid_format":
      return refusal("nickname-characters");
    case "custom":
      // The two refinements: an offensive name, or one that passes for the host, a bot or a node.
      return refusal(
        typeof nickname === "string" && isOffensive(nickname.trim())
          ? "nickname-not-allowed"
          : "nickname-reserved",
      );
    default:
      return refusal("nickname-needed");
  }
}

/**
 * GET /api/join/:code, the join form's check before it connects (always 200): the class's code, or
 * why not, as a refusal for the screen to word, and in words (`error`) for anyone reading the JSON.
 */
export type JoinCheck = { ok: true; code: string } | { ok: false; error: string; refusal: Refusal };
