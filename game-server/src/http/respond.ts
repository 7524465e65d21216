/** Reading request bodies and writing answers: the HTTP edge every endpoint shares. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import {
  type FieldIssue,
  fieldIssue,
  formatPath,
  type Refusal,
  refusal,
  refusalWords,
} from "../../../shared/index";
import { log } from "../ops/log";

/** Largest request body the API reads, in bytes (a 400-node scenario is about 40 KB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** An answer with a 4xx status: `error` for a person, `errors` as "field: reason" when there are several. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: string[],
  ) {
    super(message);
  }
}

/**
 * A refused request a screen shows: its code and parameters in `refusal` for the screen to word, and
 * its words in `error` for a person reading the JSON (or a page from before the codes).
 */
export class Refused extends HttpError {
  constructor(
    status: number,
    readonly refusal: Refusal,
    /** Every field that is wrong: in English (`errors`) and as codes (`issues`, refusal parameters). */
    fields?: { errors: string[]; issues: FieldIssue[]; error: string },
  ) {
    super(status, fields?.error ?? refusalWords(refusal), fields?.errors);
    this.issues = fields?.issues;
  }

  readonly issues?: FieldIssue[];
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

export function sendCsv(res: ServerResponse, filename: string, text: string): void {
  res.writeHead(200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  });
  res.end(text);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/json")) throw new Refused(415, refusal("send-json"));
  const tooLarge = () => new Refused(413, refusal("body-too-large", { max: MAX_BODY_BYTES }));
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
  } catch {
    throw new Refused(400, refusal("body-not-json"));
  }
}

/**
 * Reads a JSON body and checks it with a schema; a mismatch is a 400 naming the field: in English
 * for a person (`error`, `errors`: the schema's own messages) and as codes (`refusal` bad-body with the
 * field and the rule it broke, `issues` for every field).
 */
export async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const input = await readJson(req);
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const field = (i: z.core.$ZodIssue) => (i.path.length ? formatPath(i.path) : "body");
  const errors = parsed.error.issues.map((i) => `${field(i)}: ${issueInWords(i, input)}`);
  const issues = parsed.error.issues.map((i) => ({ ...fieldIssue(i, input), field: field(i) }));
  throw new Refused(400, refusal("bad-body", issues[0]), { error: errors[0]!, errors, issues });
}

/** The value at a field path of the raw body, or undefined when it is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path)
    v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** Zod's wording for type errors ("expected nonoptional, received undefined") is for programmers. */
const TYPE_WORDS: Record<string, string> = {
  string: "must be text",
  number: "must be a number",
  int: "must be a whole number",
  boolean: "must be true or false",
  object: "must be an object",
  array: "must be a list",
};

/** One schema issue as a reason a person reads (the field's name is put in front by the caller). */
function issueInWords(issue: z.core.$ZodIssue, input: unknown): string {
  // A missing field says so, whatever its type; the schema's own messages cover fields that are there.
  if (issue.code === "invalid_type" && issue.path.length > 0 && valueAt(input, issue.path) === undefined)
    return "is required";
  if (issue.code === "invalid_type") return TYPE_WORDS[issue.expected] ?? `must be ${issue.expected}`;
  if (issue.code === "unrecognized_keys")
    return `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return issue.message;
}

/** The request's address parsed, or null when it is not a valid URL path ("//:" and the like). */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? "/", "http://localhost");
  } catch {
    return null;
  }
}

/** A path or path segment with its %-escapes decoded, or null when an escape is broken ("%zz", "%E0%A4"). */
export function tryDecode(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    // A NUL byte names no file or code and breaks file system calls.
    return decoded.includes("\0") ? null : decoded;
  } catch {
    return null;
  }
}

/** The answer to an address that does not decode. */
export const badAddress = () => new Refused(400, refusal("bad-address"));

/** A path segment of the API, decoded once here so no handler decodes (and throws) again. */
export function decodeSegment(raw: string): string {
  const decoded = tryDecode(raw);
  if (decoded === null) throw badAddress();
  return decoded;
}

/** One log line for a refused or failed request: no stack, no body, the path cut short. */
export function logRefusal(req: IncomingMessage, status: number, reason: string): void {
  const path = (req.url ?? "/").split("?")[0]!;
  const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path;
  const line = `http ${status} ${req.method ?? "GET"} ${shown}: ${reason}`;
  if (status >= 500) log.error(line);
  else log.warn(line);
}

/** A header's value, checked by a schema; missing or malformed is a 4xx with `why`. */
export function readHeader<T>(
  req: IncomingMessage,
  name: string,
  schema: z.ZodType<T>,
  status: number,
  why: Refusal,
): T {
  const raw = req.headers[name];
  const parsed = schema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!parsed.success) throw new Refused(status, why);
  return parsed.data;
}

/** Longest a request waits on Redis (limits, the list of classes) before it is answered anyway. */
export const SHARED_STATE_TIMEOUT_MS = 3000;

/**
 * Fails with a 503 in a student's words when `work` takes longer than `ms`: with Redis away, its
 * client holds commands until it is back, and a join screen must not spin for a quarter of a minute.
 */
export function within<T>(work: Promise<T>, ms = SHARED_STATE_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Refused(503, refusal("class-list-unreachable"))), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
