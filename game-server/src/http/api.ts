/**
 * The HTTP API next to the websocket endpoint: health, scenarios (built-in and saved), the editor's
 * preview, creating a class (the host key is handed out here and nowhere else), looking up a join
 * code, and a teacher's results history. Every body is validated; a bad request gets a 4xx with a
 * message and changes nothing. The endpoints are listed in shared/api.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import { createClassSchema, joinCodeSchema } from "../../../shared/index";
import { snapshot } from "../metrics";
import { newSecret } from "../rooms/codes";
import { findScenario, withDuration } from "../rooms/scenarios";
import { services } from "../services";
import { history } from "./history-api";
import { HttpError, readBody, sendJson } from "./respond";
import { getScenario, listScenarios, preview, saveScenario, updateScenario } from "./scenarios-api";

export { HttpError, MAX_BODY_BYTES, readJson, sendJson } from "./respond";

const startedAt = Date.now();

/** Handles /health and /api/*; returns false for paths it does not own. */
export async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  if (path !== "/health" && !path.startsWith("/api/")) return false;
  const method = req.method ?? "GET";
  const under = (prefix: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : null);
  try {
    if (method !== "GET" && services().shuttingDown)
      throw new HttpError(503, "The server is restarting: try again in a minute.");
    if (path === "/health" && method === "GET") {
      sendJson(res, 200, {
        ok: true,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        rooms: matchMaker.stats.local.roomCount,
      });
    } else if (path === "/api/metrics" && method === "GET") {
      // This process's own rooms and clients (with Redis, a query would list the whole cluster's).
      const { roomCount: rooms, ccu: clients } = matchMaker.stats.local;
      sendJson(res, 200, { rooms, clients, ...snapshot(url.searchParams.get("reset") === "1") });
    } else if (path === "/api/scenarios" && method === "GET") {
      listScenarios(res);
    } else if (path === "/api/scenarios" && method === "POST") {
      await saveScenario(req, res);
    } else if (under("/api/scenarios/") && method === "GET") {
      await getScenario(under("/api/scenarios/")!, res);
    } else if (under("/api/scenarios/") && method === "PUT") {
      await updateScenario(under("/api/scenarios/")!, req, res);
    } else if (path === "/api/preview" && method === "POST") {
      await preview(req, res);
    } else if (path === "/api/classes" && method === "POST") {
      await createClass(req, res);
    } else if (under("/api/classes/") && method === "GET") {
      await lookupClass(under("/api/classes/")!, res);
    } else if (under("/api/join/") && method === "GET") {
      await canJoin(under("/api/join/")!, res);
    } else if ((path === "/api/history" || under("/api/history/") !== null) && method === "GET") {
      await history(path.slice("/api/history".length), req, res);
    } else {
      throw new HttpError(404, `no such endpoint: ${method} ${path}`);
    }
  } catch (e) {
    if (e instanceof HttpError)
      sendJson(res, e.status, { error: e.message, ...(e.errors && { errors: e.errors }) });
    else {
      sendJson(res, 500, { error: "the server could not do that" });
      throw e;
    }
  }
  return true;
}

async function createClass(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const {
    scenario: id,
    mode,
    architecture,
    duration,
    hostKey: kept,
  } = await readBody(req, createClassSchema);
  const found = await findScenario(id);
  if (!found) throw new HttpError(404, `there is no scenario "${id}"`);
  const base = found.scenario;
  const topology =
    mode === "coop" ? (architecture ?? (base.topology === "versus" ? "hub" : base.topology)) : "versus";
  // A teacher who brings the key of an earlier class keeps one results history.
  const hostKey = kept ?? newSecret();
  const scenario = withDuration({ ...base, topology }, duration);
  const room = await matchMaker.createRoom("classroom", {
    scenario,
    scenarioCode: found.code,
    mode,
    hostKey,
  });
  sendJson(res, 201, {
    code: room.roomId,
    hostKey,
    scenario: base.name,
    scenarioCode: found.code,
    mode,
    topology,
  });
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
