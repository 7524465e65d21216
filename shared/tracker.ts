/**
 * The tracker: the swarm's one central piece. It carries no data; it keeps the list of peers in the
 * swarm and, when a peer asks, names a random few of them (PEER_VIEW). A peer knows only the peers it
 * was told about and the peers that were told about it (a local view, up to PEER_VIEW_MAX), and it asks
 * only them for chunks. While the tracker is down the swarm carries on among peers that already know
 * each other; a newcomer knows nobody until it is back. Pure in its arguments.
 */
import { PEER_VIEW, PEER_VIEW_MAX, TRACKER_ANNOUNCE_TICKS, TRACKER_RETRY_TICKS } from "./constants";
import { heldByPosition, knownPositions } from "./holders";
import { attachedTo } from "./nodes";
import { nextInt } from "./random";
import { isDown } from "./transport";
import type { Match, SimNode, World } from "./types";

/** Whether a peer can reach the tracker now: the tracker, its router and the peer's router are up. */
export function trackerReachable(match: Match, world: World, node: SimNode): boolean {
  if (world.tracker < 0) return false;
  const tracker = world.nodes[world.tracker]!;
  if (tracker.gone || isDown(tracker, match.tick)) return false;
  if (isDown(world.nodes[attachedTo(world, tracker)]!, match.tick)) return false;
  return !isDown(world.nodes[attachedTo(world, node)]!, match.tick);
}

/**
 * A peer's visit to the tracker: it is listed in the swarm, and when it knows fewer than PEER_VIEW
 * live peers, it is told about more, chosen at random among the listed ones; each of those learns
 * about it in turn (they connect to each other). Without an answer it tries again soon. A starved
 * peer (none of its peers holds what it needs) also asks its peers whom they know (peer exchange),
 * which works while the tracker is down.
 */
export function announce(match: Match, world: World, node: SimNode): void {
  const p = node.peer!;
  p.announcedAt = match.tick;
  let alive = 0;
  for (const k of p.known) if (!world.nodes[k]!.gone) alive++;
  if (p.starved) {
    p.starved = false;
    // The peers its peers know, each once, in the order first heard of, leaving out itself, those it
    // knows and gone ones: marked as seen in one list for every exchange (a set made at each one was
    // a tenth of what a school swarm allocated).
    const visit = nextExchange(world.nodes.length);
    seen[node.index] = visit;
    for (const k of p.known) seen[k] = visit;
    let count = 0;
    for (const k of p.known) {
      const other = world.nodes[k]!;
      if (other.gone || isDown(other, match.tick)) continue;
      for (const j of other.peer!.known) {
        if (seen[j] === visit) continue;
        seen[j] = visit;
        if (!world.nodes[j]!.gone) heard[count++] = j;
      }
    }
    alive += meet(world, node, heard, Math.min(PEER_VIEW, PEER_VIEW_MAX - alive), count);
  }
  if (!trackerReachable(match, world, node)) {
    p.announceAt = match.tick + TRACKER_RETRY_TICKS;
    return;
  }
  p.announceAt = match.tick + TRACKER_ANNOUNCE_TICKS;
  if (!p.listed) {
    p.listed = true;
    insertAscending(world.listedPeers, node.index);
  }
  if (alive >= PEER_VIEW) return;
  // The candidates go in one list kept for every visit (meet shuffles it in place): a list of the
  // whole swarm made at each visit was a third of what a school network's simulation allocated.
  // They are read from the listed peers only, in the swarm's order: while a big swarm's peers arrive,
  // most of it is not listed yet, and each newcomer walked all of it.
  // Itself and the peers it knows are left out by walking them, ascending, beside the ascending list
  // (a lookup in its known set for each of a school swarm's 1,500 was most of a first visit); a gone
  // peer is looked for only once one has gone.
  skip.length = 0;
  skip.push(node.index);
  for (const k of p.known) skip.push(k);
  skip.sort((a, b) => a - b);
  skip.push(Number.POSITIVE_INFINITY);
  const anyGone = world.peersGone > 0;
  let s = 0;
  let count = 0;
  const candidates = world.listedPeers;
  for (let k = 0; k < candidates.length; k++) {
    const i = candidates[k]!;
    while (skip[s]! < i) s++;
    if (skip[s] === i || (anyGone && world.nodes[i]!.gone)) continue;
    listed[count++] = i;
  }
  meet(world, node, listed, PEER_VIEW - alive, count);
}

/** Puts `value` into an ascending list, keeping it ascending (a peer is listed once). */
function insertAscending(list: number[], value: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1]! > value) at--;
  list.splice(at, 0, value);
}

/** The peers heard of in one exchange: only the first `count` entries are this exchange's. */
const heard: number[] = [];
/** The exchange (a number that only grows) in which each node was last seen: see `announce`. */
let seen = new Int32Array(0);
let exchange = 0;

/** A new exchange's number, with `seen` long enough for `nodes` nodes. */
function nextExchange(nodes: number): number {
  if (seen.length < nodes || exchange === 0x7fffffff) {
    seen = new Int32Array(Math.max(nodes, 2 * seen.length));
    exchange = 0;
  }
  return ++exchange;
}

/** The tracker's candidates at one visit: only the first `count` entries are this visit's. */
const listed: number[] = [];
/** The peers left out of one visit's candidates, ascending, then Infinity. */
const skip: number[] = [];

/**
 * The peer connects to up to `count` of the candidates (the first `length` of the list), chosen at
 * random (from the world's own draws for who meets whom): each knows the other from then on (the
 * other only while it has room). Returns how many it met.
 */
function meet(
  world: World,
  node: SimNode,
  candidates: number[],
  count: number,
  length = candidates.length,
): number {
  const p = node.peer!;
  let met = 0;
  for (let k = 0; k < length && met < count; k++, met++) {
    const j = k + nextInt(world.trackerRng, length - k);
    const chosen = candidates[j]!;
    candidates[j] = candidates[k]!;
    candidates[k] = chosen;
    p.known.add(chosen);
    const theirs = world.nodes[chosen]!.peer!.known;
    if (theirs.size < PEER_VIEW_MAX) theirs.add(node.index);
  }
  return met;
}

/**
 * A peer that needs a chunk none of its peers holds asks for more peers (the tracker, and its peers),
 * no sooner than TRACKER_RETRY_TICKS after its last try (real clients ask for more when starved,
 * within limits).
 */
export function starve(node: SimNode): void {
  const p = node.peer!;
  if (p.starved) return;
  p.starved = true;
  if (p.announcedAt >= 0) p.announceAt = Math.min(p.announceAt, p.announcedAt + TRACKER_RETRY_TICKS);
}

/** Whether a peer knows every other peer of the swarm (a small swarm): it sees the swarm as it is. */
export function knowsEveryone(world: World, node: SimNode): boolean {
  return node.peer!.known.size >= world.peers.length - 1;
}

/**
 * How many of the peers this one knows hold each of the chunks in `wanted` (for rarest-first), counting
 * only live ones; chunks outside `wanted` read 0. A peer that knows everyone reads the swarm's own
 * counts (world.availability), the same. The array is reused: read it before the next call.
 */
export function knownCounts(world: World, node: SimNode, item: number, wanted: number): readonly number[] {
  const all = world.availability[item]!;
  if (knowsEveryone(world, node)) return all;
  if (scratch.length !== all.length) scratch = new Array<number>(all.length);
  scratch.fill(0);
  // Read from the block of every peer's bits by position (holders.ts), not peer by peer.
  const positions = knownPositions(world, node);
  const { bits: held, items } = heldByPosition(world);
  const anyGone = world.peersGone > 0;
  for (let k = 0; k < positions.length; k++) {
    const position = positions[k]!;
    let bits = (held[position * items + item]! & wanted) >>> 0;
    if (bits === 0 || (anyGone && world.nodes[world.peers[position]!]!.gone)) continue;
    while (bits !== 0) {
      scratch[31 - Math.clz32(bits & -bits)]!++;
      bits = (bits & (bits - 1)) >>> 0;
    }
  }
  return scratch;
}

let scratch: number[] = [];
