/**
 * The HTTP API next to the websocket endpoint: health, the scenario list, creating a class (the host
 * key is handed out here and nowhere else), and looking up a join code. Every body is validated; a bad
 * request gets a 4xx with a message and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import { BUILT_IN_SCENARIOS, createClassSchema, joinCodeSchema } from "../../../shared/index";
import { snapshot } from "../metrics";
import { newSecret } from "../rooms/codes";
import { findScenario, withDuration } from "../rooms/scenarios";

/** Largest request body the API reads, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/json"))
    throw new HttpError(415, "send JSON (content-type: application/json)");
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

const startedAt = Date.now();

/** Handles /health and /api/*; returns false for paths it does not own. */
export async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  if (path !== "/health" && !path.startsWith("/api/")) return false;
  try {
    if (path === "/health" && req.method === "GET") {
      const rooms = await matchMaker.query({});
      sendJson(res, 200, {
        ok: true,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        rooms: rooms.length,
      });
    } else if (path === "/api/metrics" && req.method === "GET") {
      const rooms = await matchMaker.query({});
      const clients = rooms.reduce((n, r) => n + r.clients, 0);
      sendJson(res, 200, {
        rooms: rooms.length,
        clients,
        ...snapshot(url.searchParams.get("reset") === "1"),
      });
    } else if (path === "/api/scenarios" && req.method === "GET") {
      sendJson(res, 200, {
        scenarios: Object.entries(BUILT_IN_SCENARIOS).map(([id, s]) => ({
          id,
          name: s.name,
          description: s.description,
          duration: s.duration,
        })),
      });
    } else if (path === "/api/classes" && req.method === "POST") {
      await createClass(req, res);
    } else if (path.startsWith("/api/classes/") && req.method === "GET") {
      await lookupClass(path.slice("/api/classes/".length), res);
    } else if (path.startsWith("/api/join/") && req.method === "GET") {
      await canJoin(path.slice("/api/join/".length), res);
    } else {
      throw new HttpError(404, `no such endpoint: ${req.method} ${path}`);
    }
  } catch (e) {
    if (e instanceof HttpError) sendJson(res, e.status, { error: e.message });
    else {
      sendJson(res, 500, { error: "the server could not do that" });
      throw e;
    }
  }
  return true;
}

async function createClass(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parsed = createClassSchema.safeParse(await readJson(req));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new HttpError(400, `${i.path.join(".") || "body"}: ${i.message}`);
  }
  const { scenario: name, mode, architecture, duration } = parsed.data;
  const base = findScenario(name);
  if (!base) throw new HttpError(404, `there is no scenario "${name}"`);
  const topology =
    mode === "coop" ? (architecture ?? (base.topology === "versus" ? "hub" : base.topology)) : "versus";
  const hostKey = newSecret();
  const scenario = withDuration({ ...base, topology }, duration);
  const room = await matchMaker.createRoom("classroom", { scenario, mode, hostKey });
  sendJson(res, 201, { code: room.roomId, hostKey, scenario: base.name, mode, topology });
}

async function lookupClass(raw: string, res: ServerResponse): Promise<void> {
  const code = joinCodeSchema.safeParse(decodeURIComponent(raw));
  if (!code.success)
    throw new HttpError(400, "A class code is 5 letters and digits, as shown on the big screen.");
  const [room] = await matchMaker.query({ roomId: code.data, name: "classroom" });
  if (!room) throw new HttpError(404, `No class with code ${code.data}. Check the code on the big screen.`);
  sendJson(res, 200, { code: room.roomId, clients: room.clients, locked: room.locked });
}

/**
 * The join screen's check before it connects: always 200, with `ok` and a message for a student, so
 * a mistyped code is an answer, not an error.
 */
async function canJoin(raw: string, res: ServerResponse): Promise<void> {
  const code = joinCodeSchema.safeParse(decodeURIComponent(raw));
  if (!code.success)
    return sendJson(res, 200, {
      ok: false,
      error: "A class code is 5 letters and digits, as shown on the big screen.",
    });
  const [room] = await matchMaker.query({ roomId: code.data, name: "classroom" });
  if (!room)
    return sendJson(res, 200, {
      ok: false,
      error: `No class with code ${code.data}. Check the code on the big screen.`,
    });
  if (room.locked) return sendJson(res, 200, { ok: false, error: "This class is locked: ask your teacher." });
  sendJson(res, 200, { ok: true, code: room.roomId });
}
