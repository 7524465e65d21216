/**
 * A room's message boundary: who is sending (ClientData), how often they may (per connection and per
 * address), what a handler that throws answers, and how a refusal goes out. Reads and changes nothing
 * of the match: the room's handlers do that once a message is through.
 */
import type { Client, Room } from "@colyseus/core";
import { ERROR, type Refusal, refusal, S2C } from "../../../../shared/index";
import { services } from "../../app/services";
import { MESSAGES } from "../../edge/limits";
import { log } from "../../ops/log";
import { RateLimiter } from "../rate-limit";

/** Messages a client may send per second, sustained, and in one burst. */
export const MESSAGES_PER_SECOND = 8;
export const MESSAGE_BURST = 16;

export interface ClientData {
  /** The player id the simulation knows (the session id, stable across reconnection). */
  player: string;
  /** Where the connection comes from, for the per-address message limit. */
  address: string;
  host: boolean;
  limiter: RateLimiter;
  /** Last time this client was told it is rate-limited (to avoid answering a flood with a flood). */
  warnedAt: number;
  /** The private view last sent, to send it again only when it changes. */
  lastView?: string;
}

export function newClientData(player: string, host: boolean, address: string): ClientData {
  return {
    player,
    host,
    address,
    limiter: new RateLimiter(MESSAGES_PER_SECOND, MESSAGE_BURST),
    warnedAt: -Infinity,
  };
}

/** Who sent a message (set in the room's onJoin; absent before it). */
export function dataOf(client: Client): ClientData {
  return client.userData as ClientData;
}

/**
 * Registers a message handler on a room behind the boundary: rate limits first, and a handler that
 * throws answers its sender with an error and logs one line; it never leaves the handler, so no
 * message can stop the room or the process.
 */
export function handleMessage(
  room: Room,
  type: string,
  handler: (client: Client, raw: unknown) => void,
): void {
  room.onMessage(type, (client, raw) => {
    try {
      if (admit(client)) handler(client, raw);
    } catch (error) {
      log.warn(`room ${room.roomId}: message "${type}" failed: ${errorLine(error)}`);
      refuseWith(client, ERROR.malformed, refusal("unreadable-message"));
    }
  });
}

/**
 * Every type the room has no handler for, including the catch-all's own name "*" (Colyseus then hands
 * the payload over in place of the type) and Colyseus's fallback name, answers "unknown type" and
 * changes nothing.
 */
export function refuseOtherTypes(room: Room): void {
  const unknown = (client: Client, type: unknown) =>
    refuseWith(client, ERROR.unknownType, refusal("unknown-message-type", { type: describeType(type) }));
  handleMessage(room, "*", unknown);
  handleMessage(room, "__no_message_handler", (client) => unknown(client, "__no_message_handler"));
}

/**
 * Rate limits, per connection and per address (all of a network's connections in this process): a
 * client over either is told (at most once a second) and its message dropped.
 */
function admit(client: Client): boolean {
  const d = dataOf(client);
  if (!d) return false;
  if (d.limiter.take() && MESSAGES.take(d.address, 1 / services().guard.limitScale)) return true;
  const now = performance.now();
  if (now - d.warnedAt > 1000) {
    d.warnedAt = now;
    refuseWith(client, ERROR.rateLimited, refusal("too-many-messages"));
  }
  return false;
}

/**
 * A refused decision or host action, or a message the room could not read, goes out as its code and
 * parameters: the screen words it.
 */
export function refuseWith(client: Client, code: string, why: Refusal): void {
  client.send(S2C.error, { code, refusal: why });
}

/** A message type as it may be shown in a reply: short, and never by calling the sender's own code. */
function describeType(type: unknown): string {
  if (typeof type === "string") return JSON.stringify(type.slice(0, 40));
  if (typeof type === "number") return String(type);
  return "*";
}

/** One line for the log, whatever was thrown (a thrown object's own toString may throw too). */
export function errorLine(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0]!.slice(0, 200);
  return typeof error === "string" ? error.slice(0, 200) : `a thrown ${typeof error}`;
}
