/**
 * The HTTP API next to the websocket endpoint: health, scenarios (built-in and saved), the editor's
 * preview, creating a class (the host key is handed out here and nowhere else), looking up a join
 * code, and a teacher's results history. Every body is validated; a bad request gets a 4xx with a
 * message and changes nothing. The endpoints are listed in shared/api.ts.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import {
  createClassSchema,
  type JoinCheck,
  joinCodeSchema,
  type Refusal,
  refusal,
  refusalWords,
} from "../../../shared/index";
import { findScenario, withDuration } from "../app/scenarios";
import { services } from "../app/services";
import { snapshot } from "../ops/metrics";
import { newSecret } from "../secrets/codes";
import { history, shareMatch, watchMatch } from "./history-api";
import {
  badAddress,
  decodeSegment,
  HttpError,
  logRefusal,
  Refused,
  readBody,
  requestUrl,
  sendJson,
  within,
} from "./respond";
import { getScenario, listScenarios, preview, saveScenario, updateScenario } from "./scenarios-api";

export { HttpError, MAX_BODY_BYTES, readJson, sendJson } from "./respond";

const startedAt = Date.now();

/**
 * Metrics (tick times, memory, load) help an attacker time a flood, and `?reset=1` wipes an
 * operator's measurements: only the holder of METRICS_KEY (read per request, so tests and operators
 * can set it) sees them. Without the variable the endpoint does not exist.
 */
function requireMetricsKey(req: IncomingMessage): void {
  const expected = process.env.METRICS_KEY;
  if (!expected) throw new Refused(404, refusal("metrics-not-enabled"));
  const sent = req.headers["x-metrics-key"];
  if (typeof sent !== "string" || !sameSecret(sent, expected))
    throw new Refused(401, refusal("metrics-key-needed"));
}

/** Compares in constant time; hashing first gives equal lengths and hides the key's length. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Handles /health and /api/*; returns false for paths it does not own. */
export async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = requestUrl(req);
  if (!url) return false; // not a path at all: the static handler answers 400
  const path = url.pathname;
  if (path !== "/health" && !path.startsWith("/api/")) return false;
  const method = req.method ?? "GET";
  const under = (prefix: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : null);
  // A code or id in the path, decoded once here: a broken %-escape is a 400, never a handler's crash.
  const segment = (prefix: string) => decodeSegment(under(prefix)!);
  try {
    if (method !== "GET" && services().shuttingDown) throw new Refused(503, refusal("server-restarting"));
    if (path === "/health" && method === "GET") {
      sendJson(res, 200, {
        ok: true,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        pid: process.pid, // which process answered: an operator (or a test) can tell two apart
        rooms: matchMaker.stats.local.roomCount,
        // The embedded database opens after the port does: "opening" for a second or more at start.
        database: services().store.state(),
      });
    } else if (path === "/api/metrics" && method === "GET") {
      requireMetricsKey(req);
      // This process's own rooms and clients (with Redis, a query would list the whole cluster's).
      const { roomCount: rooms, ccu: clients } = matchMaker.stats.local;
      sendJson(res, 200, { rooms, clients, ...snapshot(url.searchParams.get("reset") === "1") });
    } else if (path === "/api/address" && method === "GET") {
      // Where students join (the projector shows it, with a QR code): see join-address.ts.
      sendJson(res, 200, { url: services().joinAddress });
    } else if (path === "/api/scenarios" && method === "GET") {
      listScenarios(res);
    } else if (path === "/api/scenarios" && method === "POST") {
      await saveScenario(req, res);
    } else if (under("/api/scenarios/") && method === "GET") {
      await getScenario(segment("/api/scenarios/"), res);
    } else if (under("/api/scenarios/") && method === "PUT") {
      await updateScenario(segment("/api/scenarios/"), req, res);
    } else if (path === "/api/preview" && method === "POST") {
      await preview(req, res);
    } else if (path === "/api/classes" && method === "POST") {
      await createClass(req, res);
    } else if (under("/api/classes/") && method === "GET") {
      await lookupClass(segment("/api/classes/"), res);
    } else if (under("/api/join/") && method === "GET") {
      await canJoin(segment("/api/join/"), res);
    } else if ((path === "/api/history" || under("/api/history/") !== null) && method === "GET") {
      await history(path.slice("/api/history".length), req, res);
    } else if (under("/api/history/") !== null && method === "PUT") {
      await shareMatch(path.slice("/api/history".length), req, res);
    } else if (under("/api/watch/") && method === "GET") {
      await watchMatch(segment("/api/watch/"), res);
    } else {
      throw new Refused(404, refusal("no-endpoint", { method, path }));
    }
  } catch (caught) {
    // A handler that still decodes a crafted path itself: the client's mistake, not the server's.
    const e = caught instanceof URIError ? badAddress() : caught;
    if (e instanceof HttpError) {
      logRefusal(req, e.status, e.message);
      const why = e instanceof Refused ? { refusal: e.refusal, ...(e.issues && { issues: e.issues }) } : {};
      sendJson(res, e.status, { error: e.message, ...(e.errors && { errors: e.errors }), ...why });
    } else {
      const failed = refusal("server-failed");
      sendJson(res, 500, { error: refusalWords(failed), refusal: failed });
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
  if (!found) throw new Refused(404, refusal("no-scenario", { scenario: id }));
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

/** `decoded`: the path segment, already decoded by handleApi. */
async function lookupClass(decoded: string, res: ServerResponse): Promise<void> {
  const code = joinCodeSchema.safeParse(decoded);
  if (!code.success) throw new Refused(400, refusal("bad-class-code"));
  const [room] = await within(matchMaker.query({ roomId: code.data, name: "classroom" }));
  if (!room) throw new Refused(404, refusal("no-class", { code: code.data }));
  sendJson(res, 200, { code: room.roomId, clients: room.clients, locked: room.locked });
}

/**
 * The join screen's check before it connects: always 200, with `ok` and why not (shared JoinCheck),
 * so a mistyped code is an answer, not an error.
 */
async function canJoin(raw: string, res: ServerResponse): Promise<void> {
  const answer = (check: JoinCheck) => sendJson(res, 200, check);
  const no = (why: Refusal) => answer({ ok: false, error: refusalWords(why), refusal: why });
  const code = joinCodeSchema.safeParse(raw);
  if (!code.success) return no(refusal("bad-class-code"));
  const [room] = await within(matchMaker.query({ roomId: code.data, name: "classroom" }));
  if (!room) return no(refusal("no-class", { code: code.data }));
  if (room.locked) return no(refusal("class-locked"));
  answer({ ok: true, code: room.roomId });
}
