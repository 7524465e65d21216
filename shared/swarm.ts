/**
 * Peer-to-peer mechanics. Every peer is client and server at once: it asks other peers for the chunks
 * it lacks (rarest-first, sequential or random) and uploads the chunks it has. A peer decides who may
 * download from it (allow, approve each, deny), can verify what it receives, and can block peers.
 * Every piece is checked against the file's published hashes (verification, on unless a player turns it
 * off): a hacked peer's tampered chunks fail and are thrown away. What no check can catch is a cheat's
 * own harmful file with hashes to match (no consensus): it shows only when a user opens the file.
 */
import {
  APPROVAL_TIMEOUT,
  ENCRYPTION_FACTOR,
  NEVER,
  PEER_CHOKE_TICKS,
  PEER_DOWNLOAD_SLOTS,
  PEER_REQUEST_TIMEOUT,
  PEER_SNUB_TICKS,
  SOURCE_SAMPLE,
} from "./constants";
import { firstFrom, gainChunks, heldByPosition, holdersOf, knownPositions, loseChunks } from "./holders";
import { recordMessage, sendDueMessage } from "./hub";
import { suspect } from "./nodes";
import { nextInt } from "./random";
import { announce, knownCounts, knowsEveryone, starve } from "./tracker";
import {
  answerTimeout,
  canSend,
  createPacket,
  deliver,
  drop,
  enqueue,
  isDown,
  removeAt,
  sendFromEndpoint,
  truncate,
} from "./transport";
import type { Match, Packet, PeerState, SimNode, World } from "./types";
import { completeWant, currentWant } from "./workload";

/** Recounts, for every chunk, how many live peers hold it. Called when peers come or go. */
export function recountAvailability(world: World): void {
  for (const counts of world.availability) counts.fill(0);
  world.peersGone = 0;
  for (const pi of world.peers) {
    const node = world.nodes[pi]!;
    if (node.gone) {
      world.peersGone++;
      continue;
    }
    const have = node.peer!.have;
    for (let item = 0; item < have.length; item++) {
      const mask = have[item]!;
      if (mask === 0) continue;
      const counts = world.availability[item]!;
      for (let c = 0; c < counts.length; c++) if (mask & (1 << c)) counts[c]!++;
    }
  }
}

/** A peer's tick: refuse stale approvals, upload, send a due message, request missing chunks. */
export function stepPeer(match: Match, world: World, node: SimNode): void {
  const tick = match.tick;
  if (isDown(node, tick)) return;
  const p = node.peer!;
  if (tick >= p.announceAt) announce(match, world, node);
  if (p.restoreAt > 0 && tick >= p.restoreAt) restoreFromBackup(match, world, node);
  if (p.awaiting.length > 0) {
    const still: Packet[] = [];
    for (const req of p.awaiting) {
      if (tick - req.since > APPROVAL_TIMEOUT) drop(world, req, "refused");
      else still.push(req);
    }
    p.awaiting = still;
  }
  uploadChunks(match, world, node);
  if (node.user) {
    sendDueMessage(match, world, node, false);
    requestChunks(match, world, node);
  }
}

/** The owner's backup is copied back onto the new disk: every chunk in it is held (and shared) again. */
function restoreFromBackup(match: Match, world: World, node: SimNode): void {
  const p = node.peer!;
  p.restoreAt = 0;
  p.diskFailed = false;
  if (!p.backup) return;
  for (let item = 0; item < p.have.length; item++) {
    const back = (p.backup[item]! & ~p.have[item]!) >>> 0;
    if (back === 0) continue;
    p.have[item] = (p.have[item]! | back) >>> 0;
    gainChunks(world, node.index, item, back);
    const counts = world.availability[item]!;
    for (let c = 0; c < counts.length; c++) if (back & (1 << c)) counts[c]!++;
  }
  const u = node.user;
  if (u && currentWant(u, match.tick) >= 0) u.got = p.have[currentWant(u, match.tick)]!;
}

function uploadChunks(match: Match, world: World, node: SimNode): void {
  const p = node.peer!;
  const rate = p.uploadSlots * (node.encrypt ? ENCRYPTION_FACTOR : 1);
  node.credit = Math.min(node.credit + rate, rate + 1);
  while (node.credit >= 1 && node.queue.length > 0) {
    const req = node.queue[0]!;
    if (req.kind === "chunk-request") {
      if (!canSend(world, node)) break;
      node.queue.shift();
      const bit = 1 << req.chunk;
      if (!(p.have[req.item]! & bit)) {
        reject(world, node, req, "not-found", match.tick);
        continue;
      }
      deliver(world);
      // A cheat's chunks are its own harmful file, with hashes to match; a hacked peer's are tampered
      // and fail the check; a kept corrupt chunk is passed on as it came.
      const forged = p.malicious || (p.forged[req.item]! & bit) !== 0;
      const corrupt = forged || p.breached || (p.corrupt[req.item]! & bit) !== 0;
      sendFromEndpoint(
        match,
        world,
        node,
        createPacket(match, world, "chunk", node, req.src, {
          item: req.item,
          chunk: req.chunk,
          corrupt,
          forged,
        }),
      );
      node.counters.chunksServed++;
      if (!corrupt) node.counters.cleanServed++;
    } else {
      node.queue.shift();
      deliver(world); // junk eats an upload slot: a DDoS on a peer
    }
    node.credit--;
    node.counters.work++;
  }
}

/** Keeps up to PEER_DOWNLOAD_SLOTS chunk requests outstanding for the current item. */
function requestChunks(match: Match, world: World, node: SimNode): void {
  const tick = match.tick;
  const p = node.peer!;
  const u = node.user!;
  const item = currentWant(u, tick);
  if (item < 0) return;
  if (p.have[item] === match.ctx.full) return finishItem(match, world, node, item);
  // Most ticks a downloading peer has every slot taken and no request overdue: nothing to do.
  if (p.pending.length >= PEER_DOWNLOAD_SLOTS && tick <= p.pendingDue) return;
  if (p.pending.length > 0) {
    // Compacted in place, in order (a request is never written ahead of the one being read).
    const pending = p.pending;
    let kept = 0;
    let due = NEVER;
    for (let i = 0; i < pending.length; i++) {
      const q = pending[i]!;
      if (tick - q.since <= q.waitFor) {
        pending[kept++] = q;
        due = Math.min(due, q.since + q.waitFor);
      } else p.snubbed.set(q.from, tick); // no answer: try others for a while
    }
    truncate(pending, kept);
    p.pendingDue = due;
  }
  let tries = 0;
  let counts: readonly number[] | null = null; // what the peers this one knows hold, once a tick
  while (p.pending.length < PEER_DOWNLOAD_SLOTS && tries < PEER_DOWNLOAD_SLOTS && canSend(world, node)) {
    tries++;
    let pendingMask = 0;
    for (const q of p.pending) if (q.item === item) pendingMask |= 1 << q.chunk;
    const missing = match.ctx.full & ~p.have[item]! & ~pendingMask;
    if (missing === 0) return;
    counts ??= knownCounts(world, node, item, missing);
    const chunk = chooseChunk(world, node, missing, match.ctx.chunks, counts);
    if (chunk < 0) {
      if (!knowsEveryone(world, node)) starve(node);
      return;
    }
    const from = chooseSource(world, node, item, chunk, tick);
    if (from < 0) continue;
    sendFromEndpoint(
      match,
      world,
      node,
      createPacket(match, world, "chunk-request", node, from, { item, chunk }),
    );
    addPending(p, item, chunk, from, tick, answerTimeout(world, node.index, from, PEER_REQUEST_TIMEOUT));
  }
}

/** A chunk request is outstanding from `from`, sent at `since`, answered within `waitFor` ticks or lost. */
export function addPending(
  p: PeerState,
  item: number,
  chunk: number,
  from: number,
  since: number,
  waitFor: number,
): void {
  p.pending.push({ item, chunk, from, since, waitFor });
  p.pendingDue = Math.min(p.pendingDue, since + waitFor);
}

/** Picks the next chunk by the peer's strategy, among missing chunks someone holds. -1 if none. */
export function chooseChunk(
  world: World,
  node: SimNode,
  missing: number,
  chunks: number,
  counts: readonly number[],
): number {
  const strategy = node.peer!.strategy;
  if (strategy === "sequential") {
    for (let c = 0; c < chunks; c++) if (missing & (1 << c) && counts[c]! > 0) return c;
    return -1;
  }
  const start = nextInt(world.rng, chunks);
  let best = -1;
  for (let k = 0; k < chunks; k++) {
    const c = (start + k) % chunks;
    if (!(missing & (1 << c)) || counts[c]! <= 0) continue;
    if (strategy === "random") return c;
    if (best < 0 || counts[c]! < counts[best]!) best = c;
  }
  return best;
}

/**
 * Picks a peer that holds the chunk: not ourselves, not gone, not blocked, and one this peer knows
 * (its tracker named it, or it connected to us: tracker.ts). Of those it compares a few holders met in
 * a random order (SOURCE_SAMPLE) and takes the least busy: a crowd spreads over the swarm instead of
 * all asking the same idle peer at once.
 */
function chooseSource(world: World, node: SimNode, item: number, chunk: number, tick: number): number {
  const bit = 1 << chunk;
  const snubbed = node.peer!.snubbed;
  const known = knowsEveryone(world, node) ? null : node.peer!.known;
  const peers = world.peers;
  const start = nextInt(world.rng, peers.length);
  let best = -1;
  let bestLoad = Number.POSITIVE_INFINITY;
  let fresh = 0;
  // Only a known holder of the chunk can be chosen: walk the holders (holders.ts), or the peers it
  // knows when they are fewer, in the order a walk over every peer from `start` would meet them. Both
  // walks meet the known holders in that same order, so they choose the same peer.
  let { list, first } = holdersOf(world, item, chunk, start);
  let mustKnow = known; // a holder met must be one of these; the known walk meets no other
  if (known) {
    const knownList = knownPositions(world, node);
    if (knownList.length < list.length) {
      list = knownList;
      first = firstFrom(list, start);
      mustKnow = null;
    }
  }
  // Whether it holds the chunk is read first, from the block of every peer's bits (holders.ts): of
  // the peers it knows, most do not.
  const { bits: held, items } = heldByPosition(world);
  for (let k = 0; k < list.length && fresh < SOURCE_SAMPLE; k++) {
    const position = list[(first + k) % list.length]!;
    if (!(held[position * items + item]! & bit)) continue;
    const i = peers[position]!;
    if (i === node.index || (node.blocked.size > 0 && node.blocked.has(i)) || (mustKnow && !mustKnow.has(i)))
      continue;
    const other = world.nodes[i]!;
    if (other.gone) continue;
    const since = snubbed.get(i);
    // A snubbed peer is a last resort: it only wins when no one else has the chunk.
    const isSnubbed = since !== undefined && tick - since < PEER_SNUB_TICKS;
    if (!isSnubbed) fresh++;
    const load = other.queue.length + (isSnubbed ? 1000 : 0);
    if (load < bestLoad) {
      best = i;
      bestLoad = load;
    }
  }
  return best;
}

/** The user opens a finished file: a clean one is done; a broken or harmful one is not (openHarmfulFile). */
function finishItem(match: Match, world: World, node: SimNode, item: number): void {
  if (node.peer!.corrupt[item] !== 0) return openHarmfulFile(world, node, item, match.tick);
  completeWant(node.user!, match.tick, match.ctx.thinkTicks);
  node.peer!.pending = [];
  world.stats.itemsCompleted++;
}

/** A packet reached a peer: chunks are received (and verified, if the peer verifies), requests queued. */
export function arriveAtPeer(match: Match, world: World, node: SimNode, packet: Packet): void {
  const p = node.peer!;
  if (packet.kind === "chunk") return receiveChunk(match, world, node, packet);
  if (packet.kind === "message") {
    deliver(world);
    return recordMessage(match, world, packet);
  }
  if (node.blocked.has(packet.src)) return drop(world, packet, "blocked");
  if (packet.kind === "junk") {
    node.counters.junkSeen++;
    suspect(node, packet.src);
    return enqueue(world, node, packet, match.tick);
  }
  if (packet.kind !== "chunk-request") {
    deliver(world);
    return;
  }
  if (p.policy === "deny" || p.denied.has(packet.src))
    return reject(world, node, packet, "refused", match.tick);
  if (p.policy === "approve" && !p.approved.has(packet.src)) {
    if (p.awaiting.length >= node.queueLimit) return reject(world, node, packet, "queue-full", match.tick);
    packet.since = match.tick;
    p.awaiting.push(packet);
    return;
  }
  if (node.queue.length >= node.queueLimit) return reject(world, node, packet, "queue-full", match.tick);
  enqueue(world, node, packet, match.tick);
}

/**
 * Refuses a chunk request. The peer protocol says so at once (a "choke"), so the requester frees its
 * download slot and looks elsewhere instead of waiting for a timeout.
 */
export function reject(
  world: World,
  node: SimNode,
  packet: Packet,
  reason: "refused" | "queue-full" | "not-found" | "blocked",
  tick: number,
): void {
  drop(world, packet, reason);
  // A full queue is "busy now": avoided only briefly. A refusal or a missing chunk is avoided for long.
  release(world, packet, node.index, tick, reason === "queue-full" ? PEER_CHOKE_TICKS : PEER_SNUB_TICKS);
}

/**
 * A router could not deliver a chunk request: the peer it was for is down, or no route leads there.
 * The router says so (an ICMP "destination unreachable"), so the requester frees its download slot at
 * once and asks someone else, instead of waiting for the timeout. Other packets are simply lost.
 */
export function unreachable(world: World, packet: Packet, tick: number): void {
  if (packet.kind === "chunk-request") release(world, packet, packet.dst, tick, PEER_SNUB_TICKS);
}

/** The requester of a chunk request that will not be answered frees its slot and avoids that peer. */
function release(world: World, packet: Packet, from: number, tick: number, avoidFor: number): void {
  const requester = world.nodes[packet.src]?.peer;
  if (!requester) return;
  const k = requester.pending.findIndex(
    (q) => q.item === packet.item && q.chunk === packet.chunk && q.from === from,
  );
  if (k >= 0) removeAt(requester.pending, k);
  requester.snubbed.set(from, tick - PEER_SNUB_TICKS + avoidFor);
}

function receiveChunk(match: Match, world: World, node: SimNode, packet: Packet): void {
  const p = node.peer!;
  deliver(world);
  const bit = 1 << packet.chunk;
  const item = packet.item;
  const pending = p.pending;
  for (let k = 0; k < pending.length; k++)
    if (pending[k]!.item === item && pending[k]!.chunk === packet.chunk) {
      removeAt(pending, k);
      break;
    }
  if (packet.corrupt && !packet.forged && p.verify && !(p.have[item]! & bit)) {
    // Failed the hash check: thrown away on arrival, never reaching the user, and asked for again.
    world.stats.corruptDiscarded++;
    suspect(node, packet.src);
    return;
  }
  world.stats.chunksDelivered++;
  if (p.have[item]! & bit) return; // a duplicate: already held
  if (packet.corrupt) {
    world.stats.corruptDelivered++;
    p.corrupt[item] = (p.corrupt[item]! | bit) >>> 0;
    if (packet.forged) p.forged[item] = (p.forged[item]! | bit) >>> 0;
    const from = p.harmfulFrom.get(item);
    if (from) from.push(packet.src);
    else p.harmfulFrom.set(item, [packet.src]);
  }
  p.have[item] = (p.have[item]! | bit) >>> 0;
  if (p.backup && !packet.corrupt) p.backup[item] = (p.backup[item]! | bit) >>> 0;
  gainChunks(world, node.index, item, bit);
  world.availability[item]![packet.chunk]!++;
  const u = node.user;
  if (!u || currentWant(u, match.tick) !== item) return;
  u.got = p.have[item]!;
  u.lastProgress = match.tick;
  if (!packet.corrupt) world.stats.usefulChunks++;
  if (p.have[item] === match.ctx.full) finishItem(match, world, node, item);
}

/**
 * The user opens a finished file and it is harmful (the antivirus warns, or it will not open): its
 * corrupt chunks are thrown away and fetched again, and every peer that sent one is suspected. Hash
 * checks could not see it: in a swarm nobody vouches for a file.
 */
function openHarmfulFile(world: World, node: SimNode, item: number, tick: number): void {
  const p = node.peer!;
  world.stats.itemsCorrupt++;
  if (p.harmFoundAt < 0) p.harmFoundAt = tick;
  for (const src of p.harmfulFrom.get(item) ?? []) {
    suspect(node, src);
    p.blamed.set(src, (p.blamed.get(src) ?? 0) + 1);
  }
  p.harmfulFrom.delete(item);
  dropStored(world, node, item, p.corrupt[item]!);
}

/** Removes chunks of an item from a peer's store (they were corrupt). */
function dropStored(world: World, node: SimNode, item: number, bad: number): number {
  const p = node.peer!;
  let n = 0;
  for (let c = 0; c < 31; c++) {
    if (!(bad & (1 << c))) continue;
    n++;
    world.availability[item]![c]!--;
  }
  loseChunks(world, node.index, item, p.have[item]! & bad);
  p.have[item] = (p.have[item]! & ~bad) >>> 0;
  p.corrupt[item] = (p.corrupt[item]! & ~bad) >>> 0;
  p.forged[item] = (p.forged[item]! & ~bad) >>> 0;
  if (p.corrupt[item] === 0) p.harmfulFrom.delete(item);
  const u = node.user;
  if (u && u.current < u.wants.length && u.wants[u.current] === item) u.got = p.have[item]!;
  return n;
}

/**
 * Checks a peer's stored chunks against their hashes (turning verification on): tampered ones are
 * discarded and asked for again. A cheat's forged chunks pass: their hashes match.
 */
export function discardCorrupt(world: World, node: SimNode): number {
  const p = node.peer!;
  let discarded = 0;
  for (let item = 0; item < p.corrupt.length; item++) {
    const bad = p.corrupt[item]! & ~p.forged[item]!;
    if (bad !== 0) discarded += dropStored(world, node, item, bad);
  }
  return discarded;
}
