/**
 * The state hash: a 32-bit digest of everything that decides the future of a match. Same scenario,
 * seed and intents ⇒ the same hash at every tick, on the server and in tests.
 *
 * Two ways of mixing, by the rules the match plays under (constants.ts SIM_RULES):
 * - rules 1 and 2: FNV-1a of every value's decimal text. Matches stored by those versions carry hashes
 *   taken that way, and their replays check them.
 * - rules 3 on: every number goes in as a 32-bit word (a fraction as its 64 bits), a few operations
 *   a number instead of one multiplication per digit. The hash is taken every 5 s of a live match,
 *   over every router's tables: on a school-sized network that text was most of a millisecond.
 */
import type { Match, Packet, World } from "./types";

/** What the state is fed into, field by field, in one order for both ways of mixing. */
interface Mixer {
  num(x: number): void;
  str(s: string): void;
  /** `str(a + b)`, without joining them. */
  strs(a: string, b: string): void;
  bool(b: boolean): void;
  /** A list of numbers, closed. */
  nums(xs: readonly number[]): void;
  /**
   * A typed list of whole numbers (a router's table), closed: the same as `nums` of its numbers. Apart
   * from `nums` so each loop reads one kind of list (one loop reading both ran at half speed).
   */
  ints(xs: Int32Array | Int16Array): void;
  /** Closes a run of fields. */
  end(): void;
  /** The digest: 8 hex digits. */
  digest(): string;
}

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
class TextHasher implements Mixer {
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
  ints(xs: Int32Array | Int16Array): void {
    // Only matches stored under rules 1 and 2 hash as text: a plain copy keeps `nums` to one kind of list.
    this.nums(Array.from(xs));
  }
  /** Closes a list of numbers (the text "|"). */
  end(): void {
    this.str("|");
  }
  digest(): string {
    return this.h.toString(16).padStart(8, "0");
  }
}

/** The constants of MurmurHash3's 32-bit mixing (public domain, Austin Appleby). */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** One 32-bit word mixed into `h` (MurmurHash3's body step). */
function mixWord(h: number, word: number): number {
  let k = Math.imul(word, C1);
  k = (k << 15) | (k >>> 17);
  let x = h ^ Math.imul(k, C2);
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

/** Marks what is not a 32-bit integer (its two words follow), a list's end and a run's end. */
const FRACTION = 0x46524143;
const LIST_END = 0x7c7c7c7c;
const RUN_END = 0x2c2c2c2c;
/** A number's 64 bits, read as two words (little-endian, whatever the machine's order). */
const bits = new DataView(new ArrayBuffer(8));

/**
 * Rules 3 on: numbers as 32-bit words. A list's length goes in first, a string's too, so no two
 * different states feed the same words; -0 goes in as 0, as its text did.
 */
class WordHasher implements Mixer {
  private h = 0x811c9dc5 | 0;
  private words = 0;
  num(x: number): void {
    if ((x | 0) === x) {
      this.h = mixWord(this.h, x);
      this.words++;
    } else this.fraction(x);
  }
  private fraction(x: number): void {
    bits.setFloat64(0, x, true);
    this.h = mixWord(mixWord(mixWord(this.h, FRACTION), bits.getInt32(0, true)), bits.getInt32(4, true));
    this.words += 3;
  }
  str(s: string): void {
    let h = mixWord(this.h, s.length);
    for (let i = 0; i < s.length; i++) h = mixWord(h, s.charCodeAt(i));
    this.h = h;
    this.words += s.length + 1;
  }
  strs(a: string, b: string): void {
    this.str(a);
    this.str(b);
  }
  bool(b: boolean): void {
    this.h = mixWord(this.h, b ? 1 : 0);
    this.words++;
  }
  nums(xs: readonly number[]): void {
    // Router tables make most of a hash: their integers are mixed here without a call each.
    let h = mixWord(this.h, xs.length);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if ((x | 0) === x) h = mixWord(h, x);
      else {
        this.h = h;
        this.fraction(x);
        h = this.h;
      }
    }
    this.h = mixWord(h, LIST_END);
    this.words += xs.length + 2;
  }
  ints(xs: Int32Array | Int16Array): void {
    let h = mixWord(this.h, xs.length);
    for (let i = 0; i < xs.length; i++) h = mixWord(h, xs[i]!);
    this.h = mixWord(h, LIST_END);
    this.words += xs.length + 2;
  }
  end(): void {
    this.h = mixWord(this.h, RUN_END);
    this.words++;
  }
  digest(): string {
    // MurmurHash3's finish: the count of words, then every bit spread over all 32.
    let h = this.h ^ this.words;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0).toString(16).padStart(8, "0");
  }
}

// Per packet, node and link (the bulk of a hash) the fields go in one by one, with no list made.
function hashPacket(h: Mixer, p: Packet): void {
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

function hashWorld(h: Mixer, w: World): void {
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
      h.ints(n.router.table);
      h.ints(n.router.split);
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

/** Hex digest of the match state, mixed the way the match's rules take it. */
export function stateHash(match: Match): string {
  const h: Mixer = match.ctx.rules >= 3 ? new WordHasher() : new TextHasher();
  h.nums([match.tick, match.endTick, match.nextScheduled, match.nextPacketId]);
  h.bool(match.paused);
  h.bool(match.ended);
  for (const w of match.worlds) hashWorld(h, w);
  return h.digest();
}

/**
 * FNV-1a of a list of numbers as the state hash mixes one (each number's decimal text and a comma,
 * then "|,"): what a stored match's hashes were taken with, so a faster mixing must give the same.
 */
export function numbersDigest(xs: readonly number[]): number {
  const h = new TextHasher();
  h.nums(xs);
  return h.h;
}
