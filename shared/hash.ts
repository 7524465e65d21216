/**
 * The state hash: a 32-bit FNV-1a digest of everything that decides the future of a match. Same
 * scenario, seed and intents ⇒ the same hash at every tick, on the server and in tests.
 */
import type { Match, Packet, RouterState, World } from "./types";

const FNV_PRIME = 0x01000193;
/** Character codes of "0" and "-". */
const ZERO = 48;
const MINUS = 45;
/** Integers below this enter digit by digit, without making their text (exact: far below 2^53). */
const DIGITS_BELOW = 2 ** 48;

class Hasher {
  h = 0x811c9dc5;
  /** A reused buffer for an integer's digits, least significant first. */
  private readonly digits = new Uint8Array(16);
  num(x: number): void {
    // Numbers enter as their decimal text, so fractions (coins, credits) hash exactly. Most are
    // integers (ids, ticks, bit masks): their text's characters are hashed straight from the digits,
    // the same bytes as String(x), since a whole match's state is hashed every few seconds.
    if (Number.isInteger(x) && Math.abs(x) < DIGITS_BELOW) this.int(x);
    else this.str(Number.isInteger(x) ? String(x) : x.toPrecision(12));
  }
  /** The same as str(String(x)) for an integer below DIGITS_BELOW in size (-0 is "0"). */
  private int(x: number): void {
    let h = this.h;
    if (x < 0) {
      h ^= MINUS;
      h = Math.imul(h, FNV_PRIME);
      x = -x;
    }
    if (x < 10) {
      h ^= ZERO + x; // one digit: most ticks, counts and flags
      h = Math.imul(h, FNV_PRIME);
    } else {
      let n = 0;
      if (x < 2 ** 31) {
        // Small integers divide exactly in 32-bit arithmetic, far faster than in floating point.
        let v = x | 0;
        do {
          const q = (v / 10) | 0;
          this.digits[n++] = v - q * 10;
          v = q;
        } while (v > 0);
      } else {
        do {
          this.digits[n++] = x % 10;
          x = Math.floor(x / 10);
        } while (x > 0);
      }
      while (n > 0) {
        h ^= ZERO + this.digits[--n]!;
        h = Math.imul(h, FNV_PRIME);
      }
    }
    h ^= 0x2c;
    this.h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  str(s: string): void {
    let h = this.h;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
    h ^= 0x2c;
    this.h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  bool(b: boolean): void {
    this.num(b ? 1 : 0);
  }
  nums(xs: ArrayLike<number>): void {
    for (let i = 0; i < xs.length; i++) this.num(xs[i]!);
    this.str("|");
  }
  /** Characters as they were hashed once before (see tablesText). */
  text(codes: Uint8Array): void {
    let h = this.h;
    for (let i = 0; i < codes.length; i++) {
      h ^= codes[i]!;
      h = Math.imul(h, FNV_PRIME);
    }
    this.h = h >>> 0;
  }
}

/**
 * A router's tables as nums() hashes them (each number's text and a comma, then "|,"), kept with a
 * copy of the tables they came from. Routing tables are most of a big network's state and change only
 * when routes do: hashing their characters again is several times cheaper than making them again.
 */
interface TablesText {
  tables: Float64Array;
  codes: Uint8Array;
}
const tablesTexts = new WeakMap<RouterState, TablesText>();

function tablesText(r: RouterState): Uint8Array {
  const { table, split, dvCost } = r;
  const size = table.length + split.length + dvCost.length;
  let kept = tablesTexts.get(r);
  if (kept && kept.tables.length === size && sameTables(kept.tables, table, split, dvCost)) return kept.codes;
  const tables = new Float64Array(size);
  tables.set(table, 0);
  tables.set(split, table.length);
  tables.set(dvCost, table.length + split.length);
  const out = encoder;
  out.length = 0;
  for (const xs of [table, split, dvCost]) {
    for (let i = 0; i < xs.length; i++) out.num(xs[i]!);
    out.str("|");
  }
  kept = { tables, codes: out.codes.slice(0, out.length) };
  tablesTexts.set(r, kept);
  return kept.codes;
}

function sameTables(kept: Float64Array, table: number[], split: number[], dvCost: number[]): boolean {
  let at = 0;
  for (const xs of [table, split, dvCost])
    for (let i = 0; i < xs.length; i++) if (kept[at++] !== xs[i]) return false;
  return true;
}

/** Writes the characters Hasher would hash for numbers and strings (ASCII), each followed by a comma. */
class TextCodes {
  codes = new Uint8Array(1 << 16);
  length = 0;
  private readonly digits = new Uint8Array(24);
  num(x: number): void {
    if (!Number.isInteger(x) || Math.abs(x) >= DIGITS_BELOW) {
      this.str(Number.isInteger(x) ? String(x) : x.toPrecision(12));
      return;
    }
    this.room(24);
    if (x < 0) {
      this.codes[this.length++] = MINUS;
      x = -x;
    }
    let n = 0;
    do {
      this.digits[n++] = x % 10;
      x = Math.floor(x / 10);
    } while (x > 0);
    while (n > 0) this.codes[this.length++] = ZERO + this.digits[--n]!;
    this.codes[this.length++] = 0x2c;
  }
  str(s: string): void {
    this.room(s.length + 1);
    for (let i = 0; i < s.length; i++) this.codes[this.length++] = s.charCodeAt(i);
    this.codes[this.length++] = 0x2c;
  }
  private room(more: number): void {
    if (this.length + more <= this.codes.length) return;
    const bigger = new Uint8Array(2 * (this.length + more));
    bigger.set(this.codes.subarray(0, this.length));
    this.codes = bigger;
  }
}
const encoder = new TextCodes();

function hashPacket(h: Hasher, p: Packet): void {
  // As nums([...]) hashes them, without making the list: a big network has thousands in flight.
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
  h.str("|");
  h.str(p.kind);
  h.bool(p.corrupt);
  h.bool(p.forged);
  h.bool(p.encrypted);
}

function hashWorld(h: Hasher, w: World): void {
  h.str(w.team);
  h.nums(w.rng.s);
  for (const n of w.nodes) {
    h.str(n.id);
    h.bool(n.crashed);
    h.nums([
      n.downUntil,
      n.credit,
      n.points,
      n.counters.work,
      n.counters.chunksServed,
      n.counters.cleanServed,
    ]);
    h.bool(n.gone);
    h.bool(n.autopilot);
    h.bool(n.encrypt);
    h.str(n.holder ?? "-");
    if (n.blocked.size === 0) h.str("|");
    else h.nums([...n.blocked].sort((a, b) => a - b));
    for (const p of n.queue) hashPacket(h, p);
    if (n.router) {
      h.text(tablesText(n.router));
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
      h.str(p.policy + p.strategy);
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
    h.nums([l.latency, l.bandwidth, l.loss, l.carried]);
    h.bool(l.up);
    for (const t of l.inFlight) {
      h.num(t.arrive);
      hashPacket(h, t.packet);
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
