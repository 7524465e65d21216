/**
 * Which peers hold each chunk, by their position in `world.peers`: what a peer looking for a source
 * walks (chooseSource in swarm.ts) instead of every peer of the swarm. At school scale (2,000 peers, a
 * chunk held by a few) the walk over all peers was most of the simulation's time.
 *
 * A cache beside the world, not part of it: built from the peers' `have` bits on first use, kept exact
 * by gainChunks/loseChunks (every change to a peer's `have` goes through them or forgets the index), and
 * extended when the swarm grows (a newcomer's position is past every other, so it goes at the ends of
 * the lists: what a rebuild would give). Positions are ascending, so walking a list from a start
 * position visits holders in the same circular order as walking `world.peers` from there. Pure: no
 * clocks, no RNG.
 */
import { insertAt, removeAt } from "./transport";
import type { PeerState, SimNode, World } from "./types";

/** Bits per item bitfield (chunks of an item: MAX_CHUNKS ≤ 31). */
const SLOTS = 32;

interface HolderIndex {
  /** How many of `world.peers` it holds: peers are only ever appended. */
  peers: number;
  /** Node index → position in world.peers. */
  position: Map<number, number>;
  /** [item * SLOTS + chunk] → ascending positions of peers whose `have` has that bit. */
  lists: number[][];
  /** Items a peer's `have` holds: the stride of `bits`. */
  items: number;
  /**
   * Every peer's `have`, one after another by position ([position * items + item]): what a peer asking
   * its known peers reads, in one small block instead of a walk from each peer to its own list.
   */
  bits: Int32Array;
}

const indexes = new WeakMap<World, HolderIndex>();

function listFor(index: HolderIndex, item: number, chunk: number): number[] {
  const slot = item * SLOTS + chunk;
  let list = index.lists[slot];
  if (!list) {
    list = [];
    index.lists[slot] = list;
  }
  return list;
}

function build(world: World): HolderIndex {
  const items = world.availability.length;
  const index: HolderIndex = { peers: 0, position: new Map(), lists: [], items, bits: new Int32Array(0) };
  extend(world, index);
  indexes.set(world, index);
  return index;
}

/** Adds the peers that joined since the index last looked, at the ends of the lists. */
function extend(world: World, index: HolderIndex): void {
  const items = index.items;
  if (world.peers.length * items > index.bits.length) {
    const grown = new Int32Array(Math.max(world.peers.length * items, 2 * index.bits.length));
    grown.set(index.bits);
    index.bits = grown;
  }
  for (let position = index.peers; position < world.peers.length; position++) {
    const nodeIndex = world.peers[position]!;
    index.position.set(nodeIndex, position);
    const have = world.nodes[nodeIndex]!.peer!.have;
    for (let item = 0; item < have.length; item++) {
      const mask = have[item]!;
      index.bits[position * items + item] = mask;
      if (mask === 0) continue;
      for (let c = 0; c < SLOTS; c++) if (mask & (1 << c)) listFor(index, item, c).push(position);
    }
  }
  index.peers = world.peers.length;
}

function current(world: World): HolderIndex {
  const index = indexes.get(world);
  if (!index) return build(world);
  if (index.peers !== world.peers.length) extend(world, index);
  return index;
}

/** First place in an ascending list whose value is ≥ x. */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Positions (in world.peers) of the peers holding a chunk, and where in that list a walk starting at
 * position `start` begins. The list is the index's own: read it, never change it.
 */
export function holdersOf(
  world: World,
  item: number,
  chunk: number,
  start: number,
): { list: readonly number[]; first: number } {
  const list = current(world).lists[item * SLOTS + chunk] ?? [];
  return { list, first: lowerBound(list, start) };
}

/** A peer's `have` for an item gains the bits of `mask` (call before or after setting them). */
export function gainChunks(world: World, nodeIndex: number, item: number, mask: number): void {
  if (!indexes.has(world)) return; // built from `have` on first use
  const index = current(world);
  const position = index.position.get(nodeIndex);
  if (position === undefined) return;
  index.bits[position * index.items + item]! |= mask;
  for (let c = 0; c < SLOTS; c++) {
    if (!(mask & (1 << c))) continue;
    const list = listFor(index, item, c);
    const at = lowerBound(list, position);
    if (list[at] !== position) insertAt(list, at, position);
  }
}

/** A peer's `have` for an item loses the bits of `mask`. */
export function loseChunks(world: World, nodeIndex: number, item: number, mask: number): void {
  if (!indexes.has(world)) return;
  const index = current(world);
  const position = index.position.get(nodeIndex);
  if (position === undefined) return;
  index.bits[position * index.items + item]! &= ~mask;
  for (let c = 0; c < SLOTS; c++) {
    if (!(mask & (1 << c))) continue;
    const list = index.lists[item * SLOTS + c];
    if (!list) continue;
    const at = lowerBound(list, position);
    if (list[at] === position) removeAt(list, at);
  }
}

/**
 * Every peer's `have` by position in world.peers: the bits of item `item` of the peer at `position` are
 * `bits[position * items + item]`. The index's own: read it, never change it, and not after a change
 * to any peer's `have` (ask again).
 */
export function heldByPosition(world: World): { bits: Int32Array; items: number } {
  const index = current(world);
  return { bits: index.bits, items: index.items };
}

/** Forgets the index (a peer's whole store changed at once): rebuilt on next use. */
export function forgetHolders(world: World): void {
  indexes.delete(world);
}

/** Each peer's known peers as ascending positions in world.peers, as many as it knew when listed. */
const knownAt = new WeakMap<PeerState, number[]>();

/**
 * Positions (in world.peers) of the peers a peer knows, ascending. A peer only ever meets more peers
 * (tracker.ts), so the list is made again only when it knows more than it lists. Read it, never change it.
 */
export function knownPositions(world: World, node: SimNode): readonly number[] {
  const p = node.peer!;
  const cached = knownAt.get(p);
  if (cached && cached.length === p.known.size) return cached;
  const position = current(world).position;
  const list: number[] = [];
  for (const k of p.known) list.push(position.get(k)!);
  list.sort((a, b) => a - b);
  knownAt.set(p, list);
  return list;
}

/** Where a walk over `list` (ascending positions) that starts at position `start` begins. */
export function firstFrom(list: readonly number[], start: number): number {
  return lowerBound(list, start);
}
