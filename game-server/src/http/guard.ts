/**
 * The edge in front of every HTTP request and websocket upgrade: who is asking (their address, see
 * edge/addresses.ts), from which page (the Origin header), how often (edge/limits.ts), and whether
 * the matchmaker may answer at all. It refuses cross-site requests, floods of new classes, saves,
 * previews and solo games, guessing of join codes, and every matchmaking call but the three the
 * game's client makes, before anything else reads the request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import { joinCodeSchema, type Refusal, refusal, refusalText, refusalWords } from "../../../shared/index";
import { stampAddress } from "../edge/addresses";
import type { BudgetName, SharedLimits } from "../edge/limits";
import type { GuardOptions } from "../edge/options";
import { log } from "../ops/log";
import { Refused, within } from "./respond";

/** Largest matchmaking body (join options: a nickname and a key). */
const MAX_MATCHMAKE_BODY = 4 * 1024;

/**
 * The matchmaking calls the game's client makes, and the only ones answered: a solo game is created
 * here; a class is created only by POST /api/classes, which validates it and hands out its host key;
 * a class is joined by its code; a dropped student reconnects with their token.
 */
const MATCHMAKE_CALLS =
  /^\/matchmake\/(?:(create)\/(solo)|(joinById)\/([A-Za-z0-9_-]{1,32})|(reconnect)\/([A-Za-z0-9_-]{1,32}))$/;
/** Colyseus answers any URL that contains this, wherever it appears (even under /api/). */
const MATCHMAKE_MARK = "/matchmake";
/** Tell the matchmaker to refuse the methods the game never uses, in case a request gets past us. */
matchMaker.controller.exposedMethods = ["create", "joinById", "reconnect"];

/**
 * A request from a browser carries the page's Origin. It must be this server's own origin (the page it
 * served) or one allowed explicitly; requests without one come from programs, not from another site.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * A refusal in the matchmaker's own shape ({ code, error }). colyseus.js shows `error` as the error's
 * text, so a matchmaking call gets the refusal packed there (shared/join-refusals.ts); an API call gets
 * words in `error` for a person and the refusal beside it, as the API answers (respond.ts Refused).
 */
function refuse(res: ServerResponse, status: number, why: Refusal, matchmaking: boolean): void {
  const body = matchmaking
    ? { code: status, error: refusalText(why) }
    : { code: status, error: refusalWords(why), refusal: why };
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Which per-address budget an API request spends, if any. */
function apiBudget(method: string, path: string): BudgetName | null {
  if (method === "POST" && path === "/api/classes") return "classes";
  if ((method === "POST" || method === "PUT") && path.startsWith("/api/scenarios")) return "saves";
  if (method === "POST" && path === "/api/preview") return "previews";
  return null;
}

/** Counts a failed join or code check against the address once the answer is known. */
function countFailures(
  res: ServerResponse,
  limits: SharedLimits,
  address: string,
  failed: (status: number, body: string) => boolean,
) {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  let body = "";
  const capture = (chunk: unknown) => {
    if (typeof chunk === "string") body += chunk;
    else if (chunk instanceof Uint8Array && body.length < 4096) body += Buffer.from(chunk).toString("utf8");
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    capture(chunk);
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && typeof chunk !== "function") capture(chunk);
    if (failed(res.statusCode, body)) void limits.spend("failures", address);
    return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof res.end;
}

/**
 * The matchmaking checks. Returns the refusal to send, or null to let the matchmaker answer. Joining
 * an unknown or locked class is answered here, with its refusal code (shared/join-refusals.ts).
 */
async function checkMatchmake(
  req: IncomingMessage,
  path: string,
  address: string,
  limits: SharedLimits,
): Promise<[number, Refusal] | null> {
  const method = req.method ?? "GET";
  if (method === "OPTIONS") return null;
  const call = method === "POST" ? MATCHMAKE_CALLS.exec(path) : null;
  if (!call) {
    const creating = /\/(create|joinOrCreate|join)\/classroom\b/.test(path);
    return [403, refusal(creating ? "create-from-host-menu" : "not-matchmaking")];
  }
  if (Number(req.headers["content-length"] ?? 0) > MAX_MATCHMAKE_BODY)
    return [413, refusal("join-too-large")];
  const joining = call[3] !== undefined;
  const reconnecting = call[5] !== undefined;
  if ((joining || reconnecting) && !(await limits.has("failures", address)))
    return [429, refusal("too-many-wrong-codes")];
  if (!(await limits.take("matchmake", address))) return [429, refusal("too-many-joins")];
  if (call[1] && !(await limits.take("solos", address))) return [429, refusal("too-many-new-games")];
  if (joining) {
    const code = call[4]!;
    const [room] = joinCodeSchema.safeParse(code).success
      ? await matchMaker.query({ roomId: code, name: "classroom" })
      : [];
    if (!room) {
      void limits.spend("failures", address);
      return [404, refusal("no-class", { code })];
    }
    if (room.locked) return [403, refusal("class-locked")];
  }
  return null;
}

/**
 * Wraps the server's request handling (Colyseus's matchmaker, then the API and the pages) with the
 * checks above. Returns the handler to install on the HTTP server.
 */
export function guardRequests(
  inner: (req: IncomingMessage, res: ServerResponse) => void,
  options: GuardOptions,
  limits: SharedLimits,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    const method = req.method ?? "GET";
    const address = stampAddress(req, options.trustProxy);
    const isMatchmake = url.includes(MATCHMAKE_MARK);
    const isApi = path.startsWith("/api/");
    if (
      (isMatchmake || isApi) &&
      method !== "GET" &&
      method !== "OPTIONS" &&
      !originAllowed(req, options.allowedOrigins)
    ) {
      log.warn(`refused a cross-site ${method} ${path.slice(0, 80)} from ${address}`);
      return refuse(res, 403, refusal("cross-site"), isMatchmake);
    }
    const budget = isApi ? apiBudget(method, path) : null;
    const checkingJoin = isApi && method === "GET" && path.startsWith("/api/join/");
    if (!isMatchmake && !budget && !checkingJoin) return inner(req, res);
    within(decide())
      .then((refused) => {
        if (refused) return refuse(res, refused[0], refused[1], isMatchmake);
        if (isMatchmake) {
          // Colyseus reads the body itself, without a limit: cut off a body that grows past the cap.
          let size = 0;
          req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_MATCHMAKE_BODY) req.destroy();
          });
          if (/^\/matchmake\/(joinById|reconnect)\//.test(path))
            countFailures(res, limits, address, (status, body) => status >= 400 || body.includes('"error"'));
        }
        if (checkingJoin) countFailures(res, limits, address, (_s, body) => body.includes('"ok":false'));
        inner(req, res);
      })
      .catch((e: unknown) => {
        log.error(`guard ${method} ${path.slice(0, 80)}: ${e instanceof Error ? e.message : "failed"}`);
        if (res.headersSent) return;
        if (e instanceof Refused) refuse(res, e.status, e.refusal, isMatchmake);
        else refuse(res, 503, refusal("server-busy"), isMatchmake);
      });

    async function decide(): Promise<[number, Refusal] | null> {
      if (isMatchmake) return checkMatchmake(req, path, address, limits);
      if (checkingJoin && !(await limits.has("failures", address)))
        return [429, refusal("too-many-wrong-codes")];
      if (budget && !(await limits.take(budget, address))) return [429, refusal("too-many-requests")];
      return null;
    }
  };
}
