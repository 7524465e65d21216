/**
 * The wire protocol between browsers and the game server: message names, their schemas, close codes
 * and the join-code alphabet. Both sides import this file; the server parses every message with these
 * schemas before anything else sees it.
 */
import { z } from "zod";
import type { GameEvent } from "./events";
import { nodeIntentSchema } from "./intents";
import { isOffensive, isReservedName } from "./nickname";
import { failureNowSchema } from "./scenario";
import { type Architecture, PACKET_KINDS } from "./types";

/** Join codes avoid characters a class misreads on a projector: 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
export const JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const JOIN_CODE_LENGTH = 5;
export const joinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`),
    `must be ${JOIN_CODE_LENGTH} letters and digits`,
  );

/** Edit keys and host keys: 128-bit secrets, base64url (22 characters). */
export const secretSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, "must be the 22-character key this server handed out");

/** Nicknames: short, letters (any script), digits, spaces and a little punctuation. */
export const nicknameSchema = z
  .string({ message: "a nickname is needed" })
  .trim()
  .min(1, "a nickname is needed")
  .max(16, "a nickname has at most 16 characters")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.'-]*$/u, "a nickname may use letters, digits, spaces and _ . ' -")
  .refine((n) => !isOffensive(n), "that nickname is not allowed: choose another")
  .refine((n) => !isReservedName(n), "that name belongs to the host, a bot or a node: choose another");

/** What a browser sends when it joins a classroom or solo room. */
export const joinOptionsSchema = z
  .object({
    nickname: nicknameSchema.optional(),
    /** The host's secret, from the response that created the class. */
    hostKey: z.string().min(16).max(64).optional(),
  })
  .strict();
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

const roundSeconds = z
  .number()
  .int("must be a whole number of seconds")
  .min(10, "must be at least 10 seconds")
  .max(1800, "must be at most 1800 seconds");

export const MODES = ["versus", "coop"] as const;
export type Mode = (typeof MODES)[number];

/** POST /api/classes: a teacher creates a class. */
export const createClassSchema = z
  .object({
    /** A built-in scenario's id or a saved scenario's share code. */
    scenario: z.string().min(1, "choose a scenario").max(64),
    mode: z.enum(MODES, { message: "must be versus or coop" }).default("versus"),
    /** For co-op: which architecture the whole class plays. */
    architecture: z.enum(["hub", "swarm"], { message: "must be hub or swarm" }).optional(),
    /** Round length in seconds, instead of the scenario's. */
    duration: roundSeconds.optional(),
    /** A teacher's host key from an earlier class: keeps their results history under one key. */
    hostKey: secretSchema.optional(),
  })
  .strict();
export type CreateClass = z.infer<typeof createClassSchema>;

/**
 * Options of a solo room, sent by the player who creates it: a scenario to play in the sandbox, or a
 * level of the ladder by its id (the server looks the level up: its node, its architecture unless the
 * level asks the player to pick one, its length and its star thresholds).
 */
export const soloOptionsSchema = z
  .object({
    scenario: z.string().min(1).max(64).optional(),
    level: z.string().min(1).max(64).optional(),
    topology: z.enum(["hub", "swarm"]).optional(),
    /** The node the player wants (a level names it); any free seat otherwise. */
    node: z.string().min(1).max(24).optional(),
    nickname: nicknameSchema.optional(),
    duration: roundSeconds.optional(),
  })
  .strict()
  .refine((o) => (o.scenario === undefined) !== (o.level === undefined), {
    message: "name a scenario or a level (one of the two)",
    params: { rule: "scenario-or-level" },
  });
export type SoloOptions = z.infer<typeof soloOptionsSchema>;

/** Host actions: only the holder of the host key may send them. */
export const hostActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start") }).strict(),
  z.object({ type: z.literal("pause") }).strict(),
  z.object({ type: z.literal("resume") }).strict(),
  z.object({ type: z.literal("end") }).strict(),
  z.object({ type: z.literal("add-time"), seconds: z.number().int().min(1).max(600) }).strict(),
  z.object({ type: z.literal("trigger"), failure: failureNowSchema }).strict(),
  z.object({ type: z.literal("kick"), player: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal("lock"), locked: z.boolean() }).strict(),
  z
    .object({
      type: z.literal("move"),
      player: z.string().min(1).max(64),
      team: z.enum(["hub", "swarm"]),
      node: z.string().min(1).max(24),
    })
    .strict(),
]);
export type HostAction = z.infer<typeof hostActionSchema>;

/** Client → server message types. */
export const C2S = {
  intent: "intent", // a NodeIntent for the player's own node
  host: "host", // a HostAction
  ping: "ping", // { t: client time }, answered by "pong" (round-trip time)
} as const;

/** Server → client message types. */
export const S2C = {
  // { code, refusal: { code, params } } for a refused decision or host action, a flood, or a message
  // the room could not read (no words: the client makes them with refusalWords): something you sent
  // was refused; nothing changed
  error: "error",
  ok: "ok", // { type }: your intent was accepted and applies next tick
  banner: "banner", // Banner { team, tick, event }: something happened (a failure, a replica online…)
  results: "results", // MatchResult: the round is over
  you: "you", // private view of your own node (pending approvals, suspects, coins)
  pong: "pong",
  roomError: "room-error", // { code } (ROOM_ERROR): the room hit a problem and stopped
} as const;

/**
 * The banner message: something happened to a team (null: the whole match) at a tick, as an event
 * (events.ts); the client words it with eventWords.
 */
export interface Banner {
  team: Architecture | null;
  tick: number;
  event: GameEvent;
}

/** A packet crossing a link: what a client needs to animate it from `enter` to `arrive`. */
export interface Crossing {
  /** Index of the link in its team's list (LinkState.index). */
  link: number;
  /** True when it travels from the link's end b to end a. */
  reverse: boolean;
  kind: (typeof PACKET_KINDS)[number];
  enter: number;
  arrive: number;
  corrupt: boolean;
  encrypted: boolean;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** B64's character codes, and "=": four characters of a record made as one string. */
const B64_CODES = Array.from(B64, (c) => c.charCodeAt(0));
const PAD = "=".charCodeAt(0);

/** Flag bit: a count byte follows the record (several identical crossings in one). */
const MANY = 64;

/**
 * Packs the crossings of one tick into a short string: `enter:` then, in base64, four bytes per
 * crossing (link index as two bytes; kind, direction and flags in one; ticks to arrival in one).
 * Identical crossings of the tick (same link, direction, kind, flags and arrival: a busy link's
 * packets travel together) go as one record with a fifth byte, their count, so a crowded network's
 * packets cost a fraction of one record each. Ticks are joined by spaces. A team's TeamState.transits
 * holds every tick since the last patch, so no crossing is lost when two ticks fall between two patches.
 */
export function packTransitTick(enter: number, transits: readonly Omit<Crossing, "enter">[]): string {
  const heads = transits.map((t) =>
    crossingHead(t.link, t.kind, t.reverse, t.corrupt, t.encrypted, t.arrive - enter),
  );
  return packHeads(enter, heads, heads.length);
}

/**
 * A crossing's record without its count, as one number: link index (two bytes), kind with direction
 * and flags (one), ticks to arrival (one, 1 to 255). Equal numbers are identical crossings.
 */
export function crossingHead(
  link: number,
  kind: Crossing["kind"],
  reverse: boolean,
  corrupt: boolean,
  encrypted: boolean,
  ticks: number,
): number {
  const flags = PACKET_KINDS.indexOf(kind) | (reverse ? 8 : 0) | (corrupt ? 16 : 0) | (encrypted ? 32 : 0);
  return ((link & 0xffff) << 16) | (flags << 8) | Math.max(1, Math.min(255, ticks));
}

// Scratch of packHeads, reused: a room packs every tick, and a crowded network's crossings made a
// few objects each per tick for the collector. `groupOf` is not emptied between calls (emptying a
// Map gives its table back): an entry counts only if it names a group of this call with that head.
const groupOf = new Map<number, number>();
/** Distinct heads `groupOf` may remember before it is emptied. */
const GROUPS_REMEMBERED = 4096;
const groupHeads: number[] = [];
const groupCounts: number[] = [];
const bytes: number[] = [];

/** packTransitTick for the first `count` crossings of a tick given as their heads (crossingHead). */
export function packHeads(enter: number, heads: readonly number[], count: number): string {
  // Identical crossings, counted (at most 255 to a record), in the order each first appears.
  if (groupOf.size > GROUPS_REMEMBERED) groupOf.clear();
  let groups = 0;
  for (let i = 0; i < count; i++) {
    const head = heads[i]!;
    const g = groupOf.get(head);
    if (g !== undefined && g < groups && groupHeads[g] === head && groupCounts[g]! < 255) groupCounts[g]!++;
    else {
      groupHeads[groups] = head;
      groupCounts[groups] = 1;
      groupOf.set(head, groups++);
    }
  }
  let n = 0;
  for (let g = 0; g < groups; g++) {
    const head = groupHeads[g]!;
    const many = groupCounts[g]! > 1;
    const flags = (head >>> 8) & 0xff;
    bytes[n++] = (head >>> 16) & 0xff;
    bytes[n++] = (head >>> 24) & 0xff;
    bytes[n++] = many ? flags | MANY : flags;
    bytes[n++] = head & 0xff;
    if (many) bytes[n++] = groupCounts[g]!;
  }
  let out = `${enter}:`;
  for (let i = 0; i < n; i += 3) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8) | (i + 2 < n ? bytes[i + 2]! : 0);
    out += String.fromCharCode(
      B64_CODES[(v >> 18) & 63]!,
      B64_CODES[(v >> 12) & 63]!,
      i + 1 < n ? B64_CODES[(v >> 6) & 63]! : PAD,
      i + 2 < n ? B64_CODES[v & 63]! : PAD,
    );
  }
  return out;
}

/** Reads what packTransitTick wrote (several ticks, space-separated). Ignores anything malformed. */
export function unpackTransits(text: string): Crossing[] {
  const out: Crossing[] = [];
  for (const part of text.split(" ")) {
    const colon = part.indexOf(":");
    if (colon < 1) continue;
    const enter = Number(part.slice(0, colon));
    if (Number.isNaN(enter)) continue;
    const data = part.slice(colon + 1);
    const bytes: number[] = [];
    for (let i = 0; i + 3 < data.length; i += 4) {
      const v = [0, 1, 2, 3].map((k) => B64.indexOf(data[i + k]!));
      const n = (v[0]! << 18) | (v[1]! << 12) | ((v[2]! & 63) << 6) | (v[3]! & 63);
      bytes.push((n >> 16) & 255);
      if (data[i + 2] !== "=") bytes.push((n >> 8) & 255);
      if (data[i + 3] !== "=") bytes.push(n & 255);
    }
    for (let i = 0; i + 3 < bytes.length; ) {
      const b = bytes[i + 2]!;
      const count = b & MANY ? (bytes[i + 4] ?? 0) : 1;
      const kind = PACKET_KINDS[b & 7];
      const crossing = kind && {
        link: bytes[i]! | (bytes[i + 1]! << 8),
        reverse: (b & 8) !== 0,
        kind,
        enter,
        arrive: enter + bytes[i + 3]!,
        corrupt: (b & 16) !== 0,
        encrypted: (b & 32) !== 0,
      };
      if (crossing) for (let k = 0; k < count; k++) out.push(k === 0 ? crossing : { ...crossing });
      i += b & MANY ? 5 : 4;
    }
  }
  return out;
}

export const intentMessageSchema = nodeIntentSchema;
export const pingSchema = z.object({ t: z.number() }).strict();

/** WebSocket close codes the server uses when it ends a connection itself. */
export const CLOSE = {
  kicked: 4100,
  roomError: 4101,
  /** The server is shutting down (a restart or a deploy); a running round was stored as interrupted. */
  serverShutdown: 4102,
  /** A frame the server could not read: only the connection that sent it is closed. */
  malformed: 4103,
} as const;

/** Why a room stopped, in the room-error message (the client words it). */
export const ROOM_ERROR = {
  /** A tick failed: this round stopped, the server and other rooms go on. */
  roundStopped: "round-stopped",
} as const;

/** Error codes in "error" messages, so a client can react (and tests can tell them apart). */
export const ERROR = {
  malformed: "malformed",
  unknownType: "unknown-type",
  refused: "refused",
  notHost: "not-host",
  rateLimited: "rate-limited",
  phase: "phase",
} as const;
