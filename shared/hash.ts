/**
 * The state hash: a 32-bit FNV-1a digest of everything that decides the future of a match. Same
 * scenario, seed and intents ⇒ the same hash at every tick, on the server and in tests.
 */
import type { Match, Packet, World } from "./types";

/** FNV-1a's 32-bit prime. */
const FNV_PRIME = 0x01000193;
/** Closes every field: a comma, so "1","23" and "12","3" differ. */
const FIELD_END = 0x2c;
const MINUS = 0x2d;
const ZERO = 0x30;

/** -2^31: the one 32-bit integer whose negation is not one. */
const SMALLEST_INT = -2147483648;
/** Scratch for an integer's decimal digits, least significant first. */
const digits = new Uint8Array(10);

/**
 * FNV-1a of `String(x)` and the field's closing comma, from `h`, for a 32-bit integer x other than
 * -2^31 (-0 reads "0", as String gives). Returns a 32-bit integer (signed: callers store it >>> 0).
 */
function mixInteger(hash: number, x: number): number {
  let h = hash;
  let v = x;
  if (v < 0) {
    h = Math.imul(h ^ MINUS, FNV_PRIME);
    v = -v;
  }
  if (v < 10) h = Math.imul(h ^ (ZERO + v), FNV_PRIME);
  else if (v < 100) {
    const tens = (v / 10) | 0;
    h = Math.imul(h ^ (ZERO + tens), FNV_PRIME);
    h = Math.imul(h ^ (ZERO + v - tens * 10), FNV_PRIME);
  } else {
    let k = 0;
    while (v > 0) {
      const q = (v / 10) | 0;
      digits[k++] = ZERO + v - q * 10;
      v = q;
    }
    while (k > 0) h = Math.imul(h ^ digits[--k]!, FNV_PRIME);
  }
  return Math.imul(h ^ FIELD_END, FNV_PRIME);
}

/**
 * Hashes numbers as their decimal text without making the text: the hash is read every few seconds
 * of a live match over every node and link, and building a string per number made it the slowest
 * step of those ticks (and garbage for the collector). Same digest as hashing `String(x)`.
 */
class Hasher {
  h = 0x811c9dc5;
  num(x: number): void {
    // Numbers enter as their decimal text, so fractions (coins, credits) hash exactly.
    if ((x | 0) === x && x !== SMALLEST_INT) this.integer(x);
    else this.str(Number.isInteger(x) ? String(x) : x.toPrecision(12));
  }
  private integer(x: number): void {
    this.h = mixInteger(this.h, x) >>> 0;
  }
  str(s: string): void {
    this.strs(s, "");
  }
  /** `str(a + b)` without joining them. */
  strs(a: string, b: string): void {
    let h = this.h;
    for (let i = 0; i < a.length; i++) {
      h ^= a.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
    for (let i = 0; i < b.length; i++) {
      h ^= b.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
    h ^= FIELD_END;
    this.h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  bool(b: boolean): void {
    this.integer(b ? 1 : 0);
  }
  nums(xs: readonly number[]): void {
    // Router tables make most of a hash: their integers are mixed here without a call each.
    let h = this.h;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if ((x | 0) === x && x !== SMALLEST_INT) h = mixInteger(h, x);
      else {
        this.h = h >>> 0;
        this.num(x);
        h = this.h;
      }
    }
    this.h = h >>> 0;
    this.end();
  }
  /** Closes a list of numbers (the text "|"). */
  end(): void {
    this.str("|");
  }
}

// Per packet, node and link (the bulk of a hash) the fields go in one by one, with no list made.
function hashPacket(h: Hasher, p: Packet): void {
  h.num(p.id);
  h.num(p.src);
  h.num(p.dst);
  h.num(p.to);
  h.num(p.item);
  h.num(p.chunk);
  h.num(p.mask);
  h.num(p.created);
  h.num(p.hops);
  h.num(p.since);
  h.end();
  h.str(p.kind);
  h.bool(p.corrupt);
  h.bool(p.forged);
  h.bool(p.encrypted);
}

function hashWorld(h: Hasher, w: World): void {
  h.str(w.team);
  h.nums(w.rng.s);
  // Security holes are hashed only once one is out: a match without any hashes as it always did.
  const holes = w.holes > 0;
  if (holes) h.nums([w.holes, w.attacks.length, w.stats.infections, w.stats.stolen, w.stats.infectedTicks]);
  for (const n of w.nodes) {
    h.str(n.id);
    if (holes) {
      h.num(n.updates);
      h.bool(n.infected);
    }
    h.bool(n.crashed);
    h.num(n.downUntil);
    h.num(n.credit);
    h.num(n.points);
    h.num(n.counters.work);
    h.num(n.counters.chunksServed);
    h.num(n.counters.cleanServed);
    h.end();
    h.bool(n.gone);
    h.bool(n.autopilot);
    h.bool(n.encrypt);
    h.str(n.holder ?? "-");
    if (n.blocked.size === 0) h.end();
    else h.nums([...n.blocked].sort((a, b) => a - b));
    for (const p of n.queue) hashPacket(h, p);
    if (n.router) {
      h.nums(n.router.table);
      h.nums(n.router.split);
      h.nums(n.router.dvCost);
      h.str(n.router.priority ?? "-");
    }
    if (n.server) {
      const s = n.server;
      h.nums(s.content);
      h.nums([s.capacity, s.restoreAt, s.jobs.length]);
      for (const j of s.jobs) h.nums([j.to, j.item, j.mask]);
      h.bool(s.backup);
      h.bool(s.breached);
      h.bool(s.cloud);
    }
    if (n.peer) {
      const p = n.peer;
      h.nums(p.have);
      h.nums(p.corrupt);
      h.nums(p.forged);
      h.bool(p.breached);
      h.strs(p.policy, p.strategy);
      h.bool(p.verify);
      h.bool(p.malicious);
      for (const q of p.pending) h.nums([q.item, q.chunk, q.from, q.since]);
      for (const q of p.awaiting) hashPacket(h, q);
      if (p.backup) {
        h.nums(p.backup);
        h.nums([p.restoreAt]);
      }
    }
    if (n.user)
      h.nums([
        n.user.current,
        n.user.got,
        n.user.gotCorrupt,
        n.user.wantFrom,
        n.user.completed,
        n.user.requestedAt,
        n.user.backoffUntil,
        n.user.serverTurn,
        n.user.chosen,
      ]);
  }
  for (const l of w.links) {
    h.num(l.latency);
    h.num(l.bandwidth);
    h.num(l.loss);
    h.num(l.carried);
    h.end();
    h.bool(l.up);
    for (const p of l.inFlight) {
      h.num(p.arrive);
      hashPacket(h, p);
    }
  }
  const st = w.stats;
  h.nums([
    st.created,
    st.delivered,
    st.inFlight,
    st.usefulChunks,
    st.corruptDelivered,
    st.corruptDiscarded,
    st.leaked,
  ]);
  h.nums(Object.values(st.dropped));
  h.nums([w.spent.setup, w.spent.running, w.spent.upgrades, w.spent.bandwidth, w.spent.upkeep]);
}

/** Hex digest of the match state. */
export function stateHash(match: Match): string {
  const h = new Hasher();
  h.nums([match.tick, match.endTick, match.nextScheduled, match.nextPacketId]);
  h.bool(match.paused);
  h.bool(match.ended);
  for (const w of match.worlds) hashWorld(h, w);
  return h.h.toString(16).padStart(8, "0");
}

/**
 * FNV-1a of a list of numbers as the state hash mixes one (each number's decimal text and a comma,
 * then "|,"): what a stored match's hashes were taken with, so a faster mixing must give the same.
 */
export function numbersDigest(xs: readonly number[]): number {
  const h = new Hasher();
  h.nums(xs);
  return h.h;
}
