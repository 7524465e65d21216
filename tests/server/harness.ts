/** Boots a real game server on a free port and connects real colyseus.js clients to it. */
import { request as httpRequest } from "node:http";
import { resolve } from "node:path";
import { Protocol } from "@colyseus/core";
import { pack, unpack } from "@colyseus/msgpackr";
import { Client, type Room } from "colyseus.js";
import WebSocket from "ws";
import { type RunningServer, startServer } from "../../game-server/src/server";
import {
  assignSeat,
  BUILT_IN_SCENARIOS,
  createMatch,
  type MatchResult,
  type MatchSummary,
  type RefusalParams,
  readRefusalText,
  refusalWords,
  type StoredMatch,
  stateHash,
  stepMatch,
  submitIntent,
} from "../../shared/index";

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
    clientDir: more.clientDir ?? resolve("game-client/dist"), // a test may serve its own folder
    database: { url: process.env.DATABASE_URL, dataDir },
    // The suite plays whole classes from one address; the security tests boot with the real limits (1).
    limitScale,
    warmPar: false, // par is measured for the scenarios a test plays, not for all of them
  });
  // Opening the embedded database keeps this process busy for a second or more: the tests start after.
  await server.store.ready.catch(() => undefined);
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

/** Waits until a condition holds (on the room's synced state, or an answer of the server). */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
  what = "condition",
): Promise<void> {
  const start = Date.now();
  const holds = async () => {
    try {
      return await check();
    } catch {
      return false; // state not synced yet
    }
  };
  while (!(await holds())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Resolves once the room has answered everything this client sent so far: a ping sent after it (again
 * every 200 ms, in case the rate limit drops it) comes back after all earlier replies, as one
 * connection's messages are handled and answered in order.
 */
export async function caughtUp(room: Room, ms = 6000): Promise<void> {
  const marker = -1 - Math.floor(Math.random() * 1e9);
  let back = false;
  const off = room.onMessage("pong", (m: { t: number }) => {
    if (m.t === marker) back = true;
  });
  try {
    const start = Date.now();
    while (!back) {
      if (Date.now() - start > ms) throw new Error("the room did not answer a ping");
      room.send("ping", { t: marker });
      await until(() => back, 200, "pong").catch(() => undefined);
    }
  } finally {
    off();
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

/**
 * The state hash a class's match would have had with no messages at all: the same built-in scenario
 * in versus, the same seats, ended at the same tick. Equal to the room's result hash when nothing a
 * player sent changed the match.
 */
export function twinHash(
  scenarioId: string,
  seats: Map<string, { team: string; node: string }>,
  result: MatchResult,
): string {
  const twin = createMatch({ ...BUILT_IN_SCENARIOS[scenarioId]!, topology: "versus" });
  for (const [id, seat] of seats) assignSeat(twin, seat.team as "hub" | "swarm", seat.node, id);
  const endTick = Math.round(result.seconds * 10);
  while (twin.tick < endTick - 1) stepMatch(twin);
  submitIntent(twin, { kind: "host" }, { type: "end" });
  stepMatch(twin);
  return stateHash(twin);
}

/** Where each player sits, read from the synced state (player id → team and node). */
export function seatsOf(room: Room): Map<string, { team: string; node: string }> {
  const seats = new Map<string, { team: string; node: string }>();
  stateOf(room).players.forEach((p: { team: string; node: string }, id: string) => {
    seats.set(id, { team: p.team, node: p.node });
  });
  return seats;
}

/**
 * Types a crafted client can route: the catch-all's own name (Colyseus then passes the payload where
 * the type goes), Colyseus's fallback name, names of Object.prototype members, and numbers.
 */
export const CRAFTED_TYPES: readonly (string | number)[] = [
  "*",
  "__no_message_handler",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  0,
  1,
  255,
  -1,
  3.5,
  2 ** 31,
];
/** Payloads whose conversion to text or number runs the sender's idea of a method. */
export const CRAFTED_PAYLOADS: readonly unknown[] = [
  { toString: 1 },
  { toString: 1, valueOf: 1, toJSON: 1 },
  JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}'),
  { type: { toString: 1 } },
  null,
  [{ toString: 1 }],
];

/**
 * A player speaking Colyseus's wire protocol over a raw websocket, so a test can send the headers a
 * crafted client would (colyseus.js sets none on its websocket). Only room messages are decoded.
 */
export interface RawPlayer {
  /** The first thing the room said: "joined", or the refusal's text. */
  joined: Promise<string>;
  send(type: string, payload: unknown): void;
  /** Room messages received so far, by type. */
  received: Map<string, unknown[]>;
  close(): void;
}

/**
 * The refusal a join or a new solo game was turned down with: its code and parameters, packed in the
 * error's text (shared/join-refusals.ts), and the words a screen makes of them.
 */
export async function joinRefusal(
  attempt: Promise<unknown>,
): Promise<{ code: string; params: RefusalParams; words: string }> {
  let message = "it was not refused";
  try {
    await attempt;
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  const refused = readRefusalText(message);
  if (!refused) throw new Error(`not a refusal with a code: ${message}`);
  return { ...refused, words: refusalWords(refused) };
}

/** Reserves a seat over HTTP, then opens its websocket with the given headers on both. */
export async function rawPlayer(
  base: string,
  reserve: string,
  options: Record<string, unknown>,
  headers: Record<string, string> = {},
  localAddress?: string,
): Promise<RawPlayer> {
  const res = await postFrom(localAddress, `${base}/matchmake/${reserve}`, options, headers);
  const seat = res.json as {
    sessionId?: string;
    room?: { processId: string; roomId: string };
    error?: string;
  };
  if (!seat.sessionId || !seat.room) throw new Error(`no seat: ${seat.error ?? res.status}`);
  const ws = new WebSocket(
    `${base.replace("http", "ws")}/${seat.room.processId}/${seat.room.roomId}?sessionId=${seat.sessionId}`,
    { headers, ...(localAddress && { localAddress }) },
  );
  const received = new Map<string, unknown[]>();
  const joined = new Promise<string>((resolveJoin) => {
    ws.on("message", (data: Buffer) => {
      const code = data[0];
      if (code === Protocol.JOIN_ROOM) {
        ws.send(Uint8Array.of(Protocol.JOIN_ROOM));
        resolveJoin("joined");
      } else if (code === Protocol.ERROR) {
        resolveJoin(data.subarray(1).toString("latin1"));
      } else if (code === Protocol.ROOM_DATA) {
        const length = data[1]! & 0x1f; // types here are short strings (msgpack fixstr)
        const type = data.subarray(2, 2 + length).toString("utf8");
        const list = received.get(type) ?? [];
        list.push(data.length > 2 + length ? unpack(data.subarray(2 + length)) : undefined);
        received.set(type, list);
      }
    });
    ws.on("close", () => resolveJoin("closed"));
    ws.on("error", () => resolveJoin("error"));
  });
  return {
    joined,
    received,
    send(type, payload) {
      const name = Buffer.from(type, "utf8");
      ws.send(Buffer.concat([Uint8Array.of(Protocol.ROOM_DATA, 0xa0 | name.length), name, pack(payload)]));
    },
    /** Leaves as colyseus.js's leave() does: the room hears a goodbye, then the socket closes. */
    close() {
      if (ws.readyState === WebSocket.OPEN) ws.send(Uint8Array.of(Protocol.LEAVE_ROOM));
      else ws.close();
    },
  };
}

/**
 * POSTs JSON from a chosen local address (any 127.x.y.z on Linux), so a test has a socket address of
 * its own, whatever other tests spent from 127.0.0.1's budgets.
 */
export function postFrom(
  localAddress: string | undefined,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolvePost, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { "content-type": "application/json", ...headers }, localAddress },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString("utf8");
        });
        res.on("end", () => {
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {}
          resolvePost({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * A class with one student ("Ann") on a server at `url`, `seconds` into its round: what tests that
 * stop or break the server in the middle of a class start from.
 */
export async function playingClass(url: string, scenario: string, seconds: number) {
  const made = (await (
    await fetch(`${url}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario }),
    })
  ).json()) as { code: string; hostKey: string };
  const client = new Client(url);
  const host = quiet(await client.joinById(made.code, { hostKey: made.hostKey }));
  const student = quiet(await client.joinById(made.code, { nickname: "Ann" }));
  await until(() => stateOf(host).players.size === 1, 10_000, "Ann seated");
  host.send("host", { type: "start" });
  await until(() => stateOf(student).tick >= seconds * 10, 30_000, `${seconds} s of play`);
  return { ...made, host, student };
}

/** A teacher's Past classes on a server, by host key. */
export async function pastClasses(url: string, hostKey: string): Promise<MatchSummary[]> {
  const res = await fetch(`${url}/api/history`, { headers: { "x-host-key": hostKey } });
  return ((await res.json()) as { matches: MatchSummary[] }).matches;
}

/**
 * A host's match once its finished record is stored (a running round is checkpointed as interrupted
 * first, and the final write lands just after the results go out).
 */
export async function finishedMatch(url: string, hostKey: string): Promise<StoredMatch> {
  let id = "";
  await until(
    async () => {
      const [first] = await pastClasses(url, hostKey);
      id = first?.status === "finished" ? first.id : "";
      return id !== "";
    },
    10_000,
    "the finished match in Past classes",
  );
  const res = await fetch(`${url}/api/history/${id}`, { headers: { "x-host-key": hostKey } });
  return (await res.json()) as StoredMatch;
}

/**
 * The opening both replay tests play over real websockets: Ann and Bob join a server-crash class and
 * the round starts; at 2 s Bob's connection drops, and he comes back once the round reaches `backAt`
 * ticks; then Cy joins late and takes a bot's seat.
 */
export async function classWithComingsAndGoings(h: Harness, backAt: number) {
  const made = await h.createClass({ scenario: "server-crash" });
  const c = h.client();
  const host = quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
  const ann = quiet(await c.joinById(made.code, { nickname: "Ann" }));
  const bob = quiet(await c.joinById(made.code, { nickname: "Bob" }));
  await until(() => stateOf(host).players.size === 2, 5000, "two seated");
  host.send("host", { type: "start" });
  await until(() => stateOf(host).tick >= 20, 10_000, "two seconds");
  const token = bob.reconnectionToken;
  dropConnection(bob);
  await until(() => stateOf(host).players.get(bob.sessionId)?.connected === false, 5000, "Bob away");
  await until(() => stateOf(host).tick >= backAt, 10_000, "Bob away a while");
  quiet(await c.reconnect(token));
  await until(() => stateOf(host).players.get(bob.sessionId)?.connected === true, 5000, "Bob back");
  const cy = quiet(await c.joinById(made.code, { nickname: "Cy" }));
  await until(() => stateOf(host).players.size === 3, 5000, "Cy seated");
  return { made, c, host, ann, bob, cy };
}
