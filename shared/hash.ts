/**
 * The state hash: a 32-bit FNV-1a digest of everything that decides the future of a match. Same
 * scenario, seed and intents ⇒ the same hash at every tick, on the server and in tests.
 */
import type { Match, Packet, World } from "./types";

class Hasher {
  h = 0x811c9dc5;
  num(x: number): void {
    // Numbers enter as their decimal text, so fractions (coins, credits) hash exactly.
    this.str(Number.isInteger(x) ? String(x) : x.toPrecision(12));
  }
  str(s: string): void {
    let h = this.h;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x2c;
    this.h = Math.imul(h, 0x01000193) >>> 0;
  }
  bool(b: boolean): void {
    this.num(b ? 1 : 0);
  }
  nums(xs: Iterable<number>): void {
    for (const x of xs) this.num(x);
    this.str("|");
  }
}

function hashPacket(h: Hasher, p: Packet): void {
  h.nums([p.id, p.src, p.dst, p.to, p.item, p.chunk, p.mask, p.created, p.hops, p.since]);
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
    h.nums([...n.blocked].sort((a, b) => a - b));
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
