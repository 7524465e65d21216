/** Boots a real game server on a free port and connects real colyseus.js clients to it. */
import { resolve } from "node:path";
import { Client, type Room } from "colyseus.js";
import { type RunningServer, startServer } from "../../game-server/src/server";

export interface Harness {
  server: RunningServer;
  client(): Client;
  createClass(body?: Record<string, unknown>): Promise<{ code: string; hostKey: string }>;
  post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  get(path: string): Promise<{ status: number; json: Record<string, unknown> }>;
}

/** A server on a free port; its database is in memory unless a folder (or DATABASE_URL) is given. */
export async function boot(
  dataDir = "memory://",
  limitScale = 100,
  more: Partial<Parameters<typeof startServer>[0]> = {},
): Promise<Harness> {
  const server = await startServer({
    ...more,
    port: 0,
    host: "127.0.0.1",
    clientDir: resolve("game-client/dist"),
    database: { url: process.env.DATABASE_URL, dataDir },
    // The suite plays whole classes from one address; the security tests boot with the real limits (1).
    limitScale,
  });
  const request = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${server.url}${path}`, init);
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return {
    server,
    client: () => new Client(server.url),
    get: (path) => request(path),
    post: (path, body) =>
      request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    createClass: async (body = {}) => {
      const r = await request("/api/classes", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "calm", ...body }),
      });
      if (r.status !== 201) throw new Error(`create failed: ${JSON.stringify(r.json)}`);
      return r.json as { code: string; hostKey: string };
    },
  };
}

/** Resolves with the next message of a type (rejects after `ms`). */
export function nextMessage<T = Record<string, unknown>>(
  room: Room,
  type: string,
  ms = 5000,
  where?: (m: T) => boolean,
): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" message within ${ms} ms`)), ms);
    const off = room.onMessage(type, (m: T) => {
      if (where && !where(m)) return;
      clearTimeout(timer);
      off();
      resolvePromise(m);
    });
  });
}

/** Waits until a condition on the room's synced state holds. */
export async function until(check: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const start = Date.now();
  const holds = () => {
    try {
      return check();
    } catch {
      return false; // state not synced yet
    }
  };
  while (!holds()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Messages a room does not care about are still acknowledged, so colyseus.js does not warn. */
export function quiet(room: Room): Room {
  for (const t of ["you", "banner", "ok", "pong", "results", "error", "room-error"])
    room.onMessage(t, () => {});
  return room;
}

/** The synced state as plain values (colyseus.js state objects are schema instances). */
// biome-ignore lint/suspicious/noExplicitAny: reading the decoded schema state without its classes
export type AnyState = any;
export const stateOf = (room: Room): AnyState => room.state as AnyState;

/** Drops a connection the way flaky Wi-Fi does: no goodbye, the socket just closes. */
export function dropConnection(room: Room): void {
  // biome-ignore lint/suspicious/noExplicitAny: reaching the underlying websocket on purpose
  (room.connection as any).transport.ws.close();
}
