/**
 * The game server: one HTTP server on one port serves the client's files, the HTTP API and the
 * Colyseus websocket endpoint.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { LocalPresence, type MatchMakerDriver, type Presence, Server } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Encoder } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { warmParCache } from "./app/scenarios";
import { type Services, setServices } from "./app/services";
import { DRAIN_EVERY_MS, PendingResults } from "./db/pending";
import { openStore, type Store } from "./db/store";
import { type ProxyTrust, stampAddress } from "./edge/addresses";
import { SharedLimits } from "./edge/limits";
import type { GuardOptions } from "./edge/options";
import { handleApi } from "./http/api";
import { guardRequests, originAllowed } from "./http/guard";
import { setSecurityHeaders } from "./http/headers";
import { joinAddress } from "./http/join-address";
import { staticHandler } from "./http/static";
import { colyseusLogger, log } from "./ops/log";
import { assertPortFree } from "./port-check";
import { ClassroomRoom } from "./rooms/ClassroomRoom";
import { registerAllAgain } from "./rooms/registry";
import { SoloRoom } from "./rooms/SoloRoom";

export interface ServerOptions {
  port: number;
  host?: string;
  /** Folder of the built client. */
  clientDir: string;
  /** A PostgreSQL URL, or the embedded database's folder ("memory://" for none on disk). */
  database: { url?: string | undefined; dataDir?: string };
  /**
   * Scale-out: with a Redis URL, rooms are listed and seats reserved through Redis (Colyseus's
   * RedisPresence and RedisDriver), so any process can place a student in a room on any other.
   */
  redisUrl?: string | undefined;
  /** Pages from other origins allowed to call the API and open websockets (the dev server). */
  allowedOrigins?: readonly string[];
  /**
   * Behind a reverse proxy that sets X-Forwarded-For (TRUST_PROXY): `true` for a proxy on this
   * machine, or the proxies' addresses; per-address limits then use the proxy's entry.
   */
  trustProxy?: ProxyTrust;
  /** Multiplies the per-address limits (load benchmarks raise it; see http/guard.ts). */
  limitScale?: number;
  /**
   * Where browsers reach this process directly ("host:port", or "host/path" behind a proxy): a
   * student's websocket goes straight to the process that holds the room, without sticky sessions.
   */
  publicAddress?: string | undefined;
  /**
   * Measure every built-in's par in the background after the start (default), so the first class of
   * the day rarely waits; tests turn it off and measure only what they play.
   */
  warmPar?: boolean;
  /**
   * Where finished matches wait when the database does not take them (see db/pending.ts). By default
   * beside the embedded database (`data/db-pending`), `data/pending` with PostgreSQL, none in memory.
   */
  pendingDir?: string | null;
  /**
   * Game seconds per real second (default 1). A test seam: tests that play whole rounds run them
   * faster than real time; the simulation is the same tick for tick.
   */
  timeScale?: number;
  /**
   * Seconds a join call holds a seat for its websocket (default 10, see ClassroomRoom). A test seam:
   * tests of expiry wait less, and a test joining 40 clients at once on a busy machine waits more.
   */
  seatReservationSeconds?: number;
  /** The address students type (PUBLIC_URL), when this machine's own LAN address is not it. */
  publicUrl?: string | undefined;
}

/**
 * Redis going away makes each of its connections emit "error" on every reconnection attempt; without
 * a listener ioredis prints each one. One line each, through the log and its repeat limit, instead.
 */
function quietRedisErrors(holders: unknown[]): void {
  type Emitter = { on(event: "error", cb: (e: Error) => void): void };
  for (const holder of holders) {
    const h = holder as { _client?: Emitter; pub?: Emitter; sub?: Emitter } | undefined;
    for (const client of [h?._client, h?.pub, h?.sub])
      client?.on("error", (e) => log.warn(`redis: ${e.message}`));
  }
}

/**
 * Calls `again` each time the driver's Redis connection is ready after the first: Redis restarted (or
 * the network came back), and a Redis that restarted empty has forgotten this process's rooms.
 */
function whenRedisReturns(driver: MatchMakerDriver, again: () => void): void {
  // The driver's own connection (not in its types): its "ready" event marks each (re)connection.
  const client = (driver as unknown as { _client?: { on(event: "ready", cb: () => void): void } })._client;
  let first = true;
  client?.on("ready", () => {
    if (first) first = false;
    else again();
  });
}

function pendingFolder(options: ServerOptions): string | null {
  if (options.pendingDir !== undefined) return options.pendingDir;
  if (options.database.url) return "data/pending";
  const dataDir = options.database.dataDir ?? "data/db";
  return dataDir.startsWith("memory://") ? null : `${dataDir}-pending`;
}

export interface RunningServer {
  url: string;
  /** Where students join (see http/join-address.ts). */
  joinAddress: string | null;
  port: number;
  store: Store;
  close(): Promise<void>;
}

/** Largest websocket message a client may send, in bytes (an intent is well under 1 KB). */
export const MAX_MESSAGE_BYTES = 4 * 1024;

/** A full state (about 40 nodes with their links) for a joining client, and the district's 400, fit. */
Encoder.BUFFER_SIZE = 256 * 1024;

/** Seconds a join call holds a seat for its websocket: a browser takes well under one, a busy Chromebook on weak Wi-Fi a few. */
export const SEAT_RESERVATION_SECONDS = 10;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // Before the database opens: a port in use must not cost a migration and a stack trace first.
  // Port 0 (tests) asks the system for any free port: nothing to check.
  if (options.port !== 0) await assertPortFree(options.port, options.host);
  if (options.redisUrl && !options.database.url)
    throw new Error(
      "REDIS_URL runs several processes together; they need one shared database: set DATABASE_URL to a PostgreSQL server",
    );
  const store = await openStore(options.database);
  const guard: GuardOptions = {
    allowedOrigins: options.allowedOrigins ?? [],
    trustProxy: options.trustProxy ?? false,
    limitScale: options.limitScale ?? 1,
  };
  // With Redis, rooms, seats and the per-address budgets are shared by every process.
  const presence: Presence = options.redisUrl ? new RedisPresence(options.redisUrl) : new LocalPresence();
  const driver: MatchMakerDriver | undefined = options.redisUrl
    ? new RedisDriver(options.redisUrl)
    : undefined;
  if (options.redisUrl) quietRedisErrors([driver, presence]);
  if (driver)
    whenRedisReturns(
      driver,
      () =>
        void registerAllAgain().then((n) => n && log.warn(`Redis came back: ${n} rooms registered again`)),
    );
  const limits = new SharedLimits(presence, guard.limitScale);
  const pending = new PendingResults(pendingFolder(options));
  const services: Services = {
    store,
    shuttingDown: false,
    guard,
    limits,
    pending,
    timeScale: options.timeScale ?? 1,
    seatReservationSeconds: options.seatReservationSeconds ?? SEAT_RESERVATION_SECONDS,
    joinAddress: null,
  };
  setServices(services);
  const serveStatic = staticHandler(options.clientDir);
  const http = createServer((req, res) => {
    handleApi(req, res)
      .then((handled) => (handled ? undefined : serveStatic(req, res)))
      .catch((e) => {
        log.error(`http ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  const gameServer = new Server({
    transport: new WebSocketTransport({
      server: http,
      maxPayload: MAX_MESSAGE_BYTES,
      // A websocket opened by a page from another site is refused before it reaches a room; the
      // address the room's limits count against is worked out here, where the socket is known.
      verifyClient: (info: { req: IncomingMessage }) => {
        stampAddress(info.req, guard.trustProxy);
        return originAllowed(info.req, guard.allowedOrigins);
      },
    }),
    presence,
    ...(driver && { driver }),
    ...(options.publicAddress && { publicAddress: options.publicAddress }),
    greet: false,
    // Colyseus's own messages go through our log: one line each, repeats held back.
    logger: colyseusLogger,
    gracefullyShutdown: false, // main.ts handles signals
  });
  // Colyseus has put its matchmaker in front of our handler; the guard goes in front of both.
  const handlers = http.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners("request");
  const guarded = guardRequests(
    (req, res) => {
      for (const handle of handlers) handle.call(http, req, res);
    },
    guard,
    limits,
  );
  http.on("request", (req, res) => {
    setSecurityHeaders(res); // before any handler: every page, answer, refusal and error carries them
    guarded(req, res);
  });
  gameServer.define("classroom", ClassroomRoom);
  gameServer.define("solo", SoloRoom);
  await gameServer.listen(options.port, options.host);
  if (options.warmPar !== false) void warmParCache(() => services.shuttingDown);
  // Results the database did not take wait on disk: stored once it opens, then every minute.
  const drain = () => void pending.drain(store.matches).catch(() => undefined);
  void store.ready.then(drain, () => undefined);
  const draining = setInterval(drain, DRAIN_EVERY_MS);
  draining.unref();
  const port = (http.address() as AddressInfo).port;
  services.joinAddress = joinAddress(port, options.publicUrl);
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "localhost"}:${port}`;
  return {
    url,
    joinAddress: services.joinAddress,
    port,
    store,
    close: async () => {
      services.shuttingDown = true;
      clearInterval(draining);
      await gameServer.gracefullyShutdown(false);
      await store.close();
      setServices(null);
    },
  };
}
