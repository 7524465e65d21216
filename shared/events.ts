/**
 * What happened in a match, as a code and its parameters: what the match log holds, the banners carry
 * and a stored match keeps. The words are made where they are shown (eventWords), so a screen can say
 * them in its own language. A failure's effect, a replica coming online, a refused decision.
 */
import { isRefusalCode, type Refusal, type RefusalParams, refusalWords } from "./refusals";

/**
 * Parameters of an event: names of nodes, links and regions, amounts. A list (the nodes that left)
 * is its length under `count` and its items under `node1`, `node2`…, so every value stays one string
 * or number (a schema map holds one type).
 */
export type EventParams = Record<string, string | number>;

/** A count with its noun, as a student reads it: "1 computer", "7 computers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A team as the words name it. */
export function teamName(team: string): string {
  return team === "hub" ? "Team Hub" : team === "swarm" ? "Team Swarm" : String(team);
}

/** The items of a list parameter (`count`, then `node1`…), in order. */
function listOf(p: EventParams, key: string): string[] {
  const count = Number(p.count) || 0;
  return Array.from({ length: count }, (_, i) => String(p[`${key}${i + 1}`] ?? "?"));
}

/** A refused decision's refusal, from an event's parameters (its code under `refusal`). */
function refusalOf(p: EventParams): string {
  const { refusal: code, ...params } = p;
  if (typeof code === "string" && isRefusalCode(code))
    return refusalWords({ code, params: params as RefusalParams });
  return String(code ?? "");
}

const WORDS = {
  // A failure's effect on one team's network.
  crashed: (p) => `${p.node} crashed`,
  "disk-lost": (p) => `${p.node} lost its disk (no backup!)`,
  "disk-lost-backed-up": (p) => `${p.node} lost its disk (a backup exists)`,
  "link-cut": (p) => `Link ${p.link} was cut`,
  "link-congested": (p) => `Link ${p.link} is congested`,
  "link-losing": (p) => `Link ${p.link} is losing ${p.percent}% of packets`,
  "crowd-arrived": (p) => `A crowd of ${p.users} new users arrived`,
  ddos: (p) => `${p.node} is under a DDoS attack`,
  hacked: (p) => `${p.node} was hacked: it serves corrupt data`,
  "left-for-a-while": (p) => `${listOf(p, "node").join(", ")} left the network for a while`,
  "left-for-good": (p) => `${listOf(p, "node").join(", ")} left the network for good`,
  "no-stranger-in-hub": (p) => `${teamName(String(p.team))}: no stranger can join a hub (no effect)`,
  "malicious-peer-joined": () => "A malicious peer joined the swarm",
  "power-outage": (p) => `Power outage in the ${p.region} region`,
  wiretapped: (p) => `${p.node} is wiretapped: unencrypted data leaks`,
  "security-hole": () => "A security hole is out: install the update before attackers use it",
  "no-target": (p) => `${teamName(String(p.team))}: nothing matches "${p.target}" (no effect)`,
  // A player's or the host's doing.
  "replica-online": (p) => `${p.node} is online`,
  refused: (p) => `refused: ${refusalOf(p)}`,
} satisfies Record<string, (p: EventParams) => string>;

export type EventCode = keyof typeof WORDS;

export interface GameEvent {
  code: EventCode;
  params: EventParams;
}

export const EVENT_CODES = Object.keys(WORDS) as EventCode[];

export function isEventCode(code: string): code is EventCode {
  return Object.hasOwn(WORDS, code);
}

export function gameEvent(code: EventCode, params: EventParams = {}): GameEvent {
  return { code, params };
}

/** A refused decision as the log keeps it: the refusal's code under `refusal`, with its parameters. */
export function refusedEvent(r: Refusal): GameEvent {
  return { code: "refused", params: { ...r.params, refusal: r.code } };
}

/** The event in words, for a screen, a log or a test. */
export function eventWords(e: GameEvent): string {
  return WORDS[e.code](e.params);
}

/** A list parameter's entries (`count`, `node1`…) for an event's params. */
export function listParams(key: string, items: readonly string[]): EventParams {
  const params: EventParams = { count: items.length };
  items.forEach((item, i) => {
    params[`${key}${i + 1}`] = item;
  });
  return params;
}

/**
 * An event as a view holds it (a failure's effect in the synced state or a replay's plain copy): its
 * code, empty for none, and its parameters as text.
 */
export interface EventView {
  code: string;
  params: { entries(): IterableIterator<[string, string]>; set(key: string, value: string): unknown };
}

/** The event a view holds, or null when it holds none (or one this version does not know). */
export function readEventView(v: EventView): GameEvent | null {
  if (!isEventCode(v.code)) return null;
  return { code: v.code, params: Object.fromEntries(v.params.entries()) };
}

/** Writes an event into a view (numbers become text: a schema map holds one type). */
export function writeEventView(v: EventView, e: GameEvent | undefined): void {
  v.code = e?.code ?? "";
  for (const [k, value] of Object.entries(e?.params ?? {})) v.params.set(k, String(value));
}

/**
 * What a failure did, in words, from its view: each team's event once (both teams usually meet the
 * same effect, said once), in team order; empty when it holds none.
 */
export function effectWords(f: { hubEvent: EventView; swarmEvent: EventView }): string[] {
  const words = [f.hubEvent, f.swarmEvent].flatMap((v) => {
    const e = readEventView(v);
    return e ? [eventWords(e)] : [];
  });
  return [...new Set(words)];
}

/**
 * A logged event in words, read leniently: an entry stored before events were codes has only `text`;
 * one with a code this version does not know says its text, or its code.
 */
export function loggedWords(entry: { event?: { code?: unknown; params?: unknown }; text?: unknown }): string {
  const e = entry.event;
  if (e && typeof e.code === "string" && isEventCode(e.code)) {
    const params: EventParams = {};
    if (e.params && typeof e.params === "object")
      for (const [k, v] of Object.entries(e.params))
        if (typeof v === "string" || typeof v === "number") params[k] = v;
    return eventWords({ code: e.code, params });
  }
  if (typeof entry.text === "string") return entry.text;
  return typeof e?.code === "string" ? e.code : "";
}

/** What a failure did to a team, in words: from its event, or a result stored with words only. */
export function failureWords(f: { event?: GameEvent; note?: string; kind: string }): string {
  return loggedWords({ event: f.event, text: f.note }) || f.kind;
}
