/** Reading request bodies and writing answers: the HTTP edge every endpoint shares. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { formatPath } from "../../../shared/index";

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
  if (!type.startsWith("application/json"))
    throw new HttpError(415, "send JSON (content-type: application/json)");
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
  } catch {
    throw new HttpError(400, "the body is not valid JSON");
  }
}

/** Reads a JSON body and checks it with a schema; a mismatch is a 400 naming the field. */
export async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(req));
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map(
    (i) => `${i.path.length ? formatPath(i.path) : "body"}: ${i.message}`,
  );
  throw new HttpError(400, errors[0]!, errors);
}

/** A header's value, checked by a schema; missing or malformed is a 4xx with `message`. */
export function readHeader<T>(
  req: IncomingMessage,
  name: string,
  schema: z.ZodType<T>,
  status: number,
  message: string,
): T {
  const raw = req.headers[name];
  const parsed = schema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!parsed.success) throw new HttpError(status, message);
  return parsed.data;
}
