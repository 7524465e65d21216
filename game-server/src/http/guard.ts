/**
 * The edge in front of every HTTP request and websocket upgrade: who is asking (their address), from
 * which page (the Origin header), and how often. It refuses cross-site requests, floods of new
 * classes, saves and previews, and guessing of join codes, before anything else reads the request.
 *
 * A school puts a whole class behind one address, so the per-address limits leave room for forty
 * students joining at once and mistyping a code now and then; a guesser needs millions of tries.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "../log";

/** Token buckets per address and purpose, refilled continuously: `limit` per `windowMs`. */
export class AddressLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Takes `cost` tokens for an address; false when it has none left. */
  take(address: string, cost = 1, now = Date.now()): boolean {
    const b = this.buckets.get(address) ?? { tokens: this.limit, at: now };
    b.tokens = Math.min(this.limit, b.tokens + ((now - b.at) / this.windowMs) * this.limit);
    b.at = now;
    const ok = b.tokens >= cost;
    if (ok) b.tokens -= cost;
    this.buckets.set(address, b);
    return ok;
  }

  /** Whether an address has tokens left, without taking any. */
  has(address: string, now = Date.now()): boolean {
    const b = this.buckets.get(address);
    if (!b) return true;
    return Math.min(this.limit, b.tokens + ((now - b.at) / this.windowMs) * this.limit) >= 1;
  }

  /** Forgets addresses whose bucket is full again: memory stays bounded by recent visitors. */
  sweep(now = Date.now()): void {
    for (const [address, b] of this.buckets)
      if (b.tokens + ((now - b.at) / this.windowMs) * this.limit >= this.limit) this.buckets.delete(address);
  }

  get size(): number {
    return this.buckets.size;
  }
}

const MINUTE = 60_000;

/** Per-address limits. Generous for a class behind one address, tight for a script. */
export const LIMITS = {
  /** New classes: a teacher makes a few a lesson. */
  classes: new AddressLimiter(20, 10 * MINUTE),
  /** Saving scenarios (new or changed). */
  saves: new AddressLimiter(60, 10 * MINUTE),
  /** Previews: each is a few seconds of simulation. */
  previews: new AddressLimiter(30, 10 * MINUTE),
  /** Matchmaking calls (joins, reconnections, solo rooms): forty students at once, several times. */
  matchmake: new AddressLimiter(400, MINUTE),
  /** Failed joins and code checks (wrong code, wrong key, taken nickname): the guessing limit. */
  failures: new AddressLimiter(30, MINUTE),
  /** Room messages from all of an address's connections: 200 a second, a busy class is under 100. */
  messages: new AddressLimiter(2000, 10_000),
};

/** Largest matchmaking body (join options: a nickname and a key). */
const MAX_MATCHMAKE_BODY = 4 * 1024;

setInterval(() => {
  for (const l of Object.values(LIMITS)) l.sweep();
}, MINUTE).unref();

export interface GuardOptions {
  /** Pages from other origins allowed to call the API and open websockets (the dev server, a CDN). */
  allowedOrigins: readonly string[];
  /** Behind a reverse proxy: take the address from the last X-Forwarded-For entry (the proxy's). */
  trustProxy: boolean;
  /**
   * Multiplies every per-address limit. 1 in production; load benchmarks, which play thousands of
   * students from one address, raise it.
   */
  limitScale: number;
}

/** The last X-Forwarded-For entry: the one our own proxy added (anything before it, a client could write). */
function proxyEntry(headers: IncomingMessage["headers"] | undefined): string | null {
  const entries = String(headers?.["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.at(-1) ?? null;
}

/** The address a seat reservation came from (rooms see the request through Colyseus's AuthContext). */
export function addressOfAuth(
  context: { req?: IncomingMessage; headers?: IncomingMessage["headers"]; ip?: string | string[] },
  trustProxy: boolean,
): string {
  if (context.req) return addressOf(context.req, trustProxy);
  // Reserved through Redis by another process: the request stayed there, its headers travelled.
  const forwarded = trustProxy ? proxyEntry(context.headers) : null;
  if (forwarded) return forwarded;
  const ip = Array.isArray(context.ip) ? context.ip[context.ip.length - 1] : context.ip;
  return ip ?? "unknown";
}

/** The address a request comes from. */
export function addressOf(req: IncomingMessage, trustProxy: boolean): string {
  return (trustProxy ? proxyEntry(req.headers) : null) ?? req.socket.remoteAddress ?? "unknown";
}

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

function refuse(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify({ code: status, error }));
}

/** Which per-address limit an API request spends, if any. */
function apiLimit(method: string, path: string): AddressLimiter | null {
  if (method === "POST" && path === "/api/classes") return LIMITS.classes;
  if ((method === "POST" || method === "PUT") && path.startsWith("/api/scenarios")) return LIMITS.saves;
  if (method === "POST" && path === "/api/preview") return LIMITS.previews;
  return null;
}

/** Counts a failed join or code check against the address (the matchmaker answers errors in JSON). */
function countFailures(
  res: ServerResponse,
  address: string,
  cost: number,
  failedStatus: (status: number, body: string) => boolean,
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
    if (failedStatus(res.statusCode, body)) LIMITS.failures.take(address, cost);
    return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof res.end;
}

/**
 * Wraps the server's request handling (Colyseus's matchmaker, then the API and the pages) with the
 * checks above. Returns the handler to install on the HTTP server.
 */
export function guardRequests(
  inner: (req: IncomingMessage, res: ServerResponse) => void,
  options: GuardOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    const method = req.method ?? "GET";
    const address = addressOf(req, options.trustProxy);
    const cost = 1 / options.limitScale;
    const isMatchmake = path.startsWith("/matchmake/");
    const isApi = path.startsWith("/api/");
    if (
      (isMatchmake || isApi) &&
      method !== "GET" &&
      method !== "OPTIONS" &&
      !originAllowed(req, options.allowedOrigins)
    ) {
      log.warn(`refused a cross-site ${method} ${path} from ${req.headers.origin} (${address})`);
      return refuse(res, 403, "Requests from other sites are not accepted.");
    }
    if (isMatchmake && method === "POST") {
      if (Number(req.headers["content-length"] ?? 0) > MAX_MATCHMAKE_BODY)
        return refuse(res, 413, "The join request is too large.");
      const joining = /\/matchmake\/(joinById|join|reconnect)\//.test(path);
      if (joining && !LIMITS.failures.has(address))
        return refuse(
          res,
          429,
          "Too many wrong codes or names from your network: wait a minute and try again.",
        );
      if (!LIMITS.matchmake.take(address, cost))
        return refuse(res, 429, "Too many joins from your network: wait a minute and try again.");
      // Colyseus reads the body itself, without a limit: cut off a body that grows past the cap.
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_MATCHMAKE_BODY) req.destroy();
      });
      if (joining)
        countFailures(res, address, cost, (status, body) => status >= 400 || body.includes('"error"'));
    }
    if (isApi) {
      if (path.startsWith("/api/join/") && !LIMITS.failures.has(address))
        return refuse(res, 429, "Too many wrong codes from your network: wait a minute and try again.");
      if (path.startsWith("/api/join/"))
        countFailures(res, address, cost, (_s, body) => body.includes('"ok":false'));
      const limit = apiLimit(method, path);
      if (limit && !limit.take(address, cost))
        return refuse(res, 429, "Too many requests from your network: wait a few minutes.");
    }
    inner(req, res);
  };
}
