/**
 * Packets and links: creating, sending, carrying and ending packets. Every packet ends exactly once,
 * delivered or dropped with a reason, and the world's counters balance:
 * created = delivered + dropped + inFlight, at every tick.
 */
import { SMALL_PACKET_SIZE } from "./constants";
import { nextFloat } from "./random";
import type { DropReason, Link, Match, Packet, PacketKind, SimNode, World } from "./types";

const DATA_KINDS: ReadonlySet<PacketKind> = new Set(["request", "chunk", "chunk-request", "message"]);

/**
 * Share of a link's packet budget a packet takes. Bandwidth is counted in chunk-sized packets: a
 * request, a "busy" answer or a chat message is a few dozen bytes, far smaller than a chunk, so
 * asking for chunks barely touches a home line's small upload. Junk is full size: a flood is volume.
 */
export function packetSize(kind: PacketKind): number {
  return kind === "chunk" || kind === "junk" ? 1 : SMALL_PACKET_SIZE;
}

/**
 * What a link has used of its budget this tick is counted in small packets (a chunk-sized packet is
 * SMALL_PER_CHUNK of them), so the counts are whole numbers: a field of eighths would be a boxed
 * number that every packet's check of its link follows. The room is the same number either way
 * (eighths are exact in binary).
 */
export const SMALL_PER_CHUNK = Math.round(1 / SMALL_PACKET_SIZE);

function packetUnits(kind: PacketKind): number {
  return kind === "chunk" || kind === "junk" ? SMALL_PER_CHUNK : 1;
}

export function isDataPacket(kind: PacketKind): boolean {
  return DATA_KINDS.has(kind);
}

/**
 * Whether the routers a packet passes are credited when it arrives (a clean chunk or message): only
 * those packets keep a list of them (`via`). Kind and damage are set when a packet is made.
 */
export function creditsRouters(packet: Packet): boolean {
  return (packet.kind === "chunk" || packet.kind === "message") && !packet.corrupt;
}

export function isDown(node: SimNode, tick: number): boolean {
  return node.gone || tick < node.downUntil;
}

export function createPacket(
  match: Match,
  world: World,
  kind: PacketKind,
  src: SimNode,
  dst: number,
  fields: Partial<Pick<Packet, "item" | "chunk" | "mask" | "to" | "corrupt" | "forged">> = {},
): Packet {
  world.stats.created++;
  world.stats.inFlight++;
  const data = DATA_KINDS.has(kind);
  if (data) world.stats.dataPackets++;
  // An attacker inside either end copies it, encrypted or not: it is read before or after the cipher.
  const leaked = data && (src.infected || world.nodes[dst]?.infected === true);
  if (leaked) {
    world.stats.leaked++;
    world.stats.stolen++;
  }
  // Where and when it arrives come first, next to the header (which every read of a field checks):
  // a packet on a link is looked at each tick until it arrives, and then one cache line of it is read.
  return {
    arrive: -1,
    toward: -1,
    id: match.nextPacketId++,
    kind,
    src: src.index,
    dst,
    to: fields.to ?? -1,
    item: fields.item ?? -1,
    chunk: fields.chunk ?? -1,
    mask: fields.mask ?? 0,
    created: match.tick,
    hops: 0,
    corrupt: fields.corrupt ?? false,
    forged: fields.forged ?? false,
    encrypted: connectionEncrypted(world, src.index, dst),
    leaked,
    via: [],
    since: match.tick,
  };
}

/**
 * Encryption belongs to the connection, not the sender. A server that requires it (TLS) encrypts every
 * connection with it, both directions, since every client's software speaks TLS. Between two peers,
 * each set up by its own owner, the connection is encrypted only when both have it on: one careless
 * peer leaves its every connection in the clear.
 */
export function connectionEncrypted(world: World, a: number, b: number): boolean {
  const na = world.nodes[a]!;
  const nb = world.nodes[b];
  if (!nb) return na.encrypt;
  if (na.peer && nb.peer) return na.encrypt && nb.encrypt;
  return na.encrypt || nb.encrypt;
}

export function deliver(world: World): void {
  world.stats.delivered++;
  world.stats.inFlight--;
}

export function drop(world: World, _packet: Packet, reason: DropReason): void {
  world.stats.dropped[reason]++;
  world.stats.inFlight--;
}

/** Drops every packet in a list (a crashed node's queue, a cut link's traffic). */
export function dropAll(world: World, packets: readonly Packet[], reason: DropReason): void {
  for (const p of packets) drop(world, p, reason);
}

/** The node at the other end of a link. */
export function otherEnd(link: Link, from: number): number {
  return link.a === from ? link.b : link.a;
}

/** Room left on a link in one direction this tick, in packets. */
export function linkRoom(link: Link, from: number): number {
  if (!link.up) return 0;
  if (link.a === from) return link.bandwidth - link.usedAB / SMALL_PER_CHUNK;
  const cap = link.homeLine ? Math.max(1, Math.round(link.bandwidth * link.upShare)) : link.bandwidth;
  return cap - link.usedBA / SMALL_PER_CHUNK;
}

/** A link starts (or stops) losing a share of the packets it takes. */
export function setLoss(link: Link, loss: number): void {
  link.loss = loss;
  link.lossy = loss > 0;
}

/**
 * Puts a packet on a link. The caller has checked `linkRoom > 0`. A lossy link may lose it (counted as
 * dropped: loss); a packet past its hop limit is dropped (ttl).
 */
export function sendOnLink(
  match: Match,
  world: World,
  linkIndex: number,
  from: number,
  packet: Packet,
): void {
  const link = world.links[linkIndex]!;
  const units = packetUnits(packet.kind);
  if (link.a === from) link.usedAB += units;
  else link.usedBA += units;
  packet.hops++;
  if (packet.hops > world.hopLimit) return drop(world, packet, "ttl");
  if (link.lossy && nextFloat(world.rng) < link.loss) return drop(world, packet, "loss");
  link.carried++;
  world.stats.hopsCarried++;
  packet.arrive = match.tick + link.latency;
  packet.toward = otherEnd(link, from);
  link.inFlight.push(packet);
  if (match.recordTransits)
    match.transits.push({ team: world.team, link: linkIndex, from, enter: match.tick, packet });
}

/** Sends from an endpoint over its access link, if there is room now. Returns false when it could not. */
export function sendFromEndpoint(match: Match, world: World, node: SimNode, packet: Packet): boolean {
  const linkIndex = node.links[0]!;
  if (linkRoom(world.links[linkIndex]!, node.index) <= 0) return false;
  sendOnLink(match, world, linkIndex, node.index, packet);
  return true;
}

/**
 * How long a request from node `a` to node `b` waits for its answer before it counts as lost: `base`,
 * or half again the round trip between them over the map as built where that is longer (a wide map,
 * rules 4), as a real connection's timeout grows with the round trip it has measured. Before, a
 * request across `district` (a round trip of up to 4.8 s) timed out at 3 s even when its answer was
 * on its way: the peer asked again elsewhere and shunned a good source.
 */
export function answerTimeout(world: World, a: number, b: number, base: number): number {
  const trips = world.roundTrips;
  if (!trips) return base;
  const ra = accessRouter(world, a);
  const rb = accessRouter(world, b);
  if (ra < 0 || rb < 0) return base;
  const between = trips.between[trips.slot[ra]! * trips.routers + trips.slot[rb]!]!;
  // No path as built (a map in two parts): nothing to wait for beyond the usual.
  if (!Number.isFinite(between)) return base;
  const oneWay = accessLatency(world, a) + between + accessLatency(world, b);
  return Math.max(base, Math.ceil(1.5 * 2 * oneWay));
}

/** The router an endpoint is attached to (itself for a router); -1 for a node without links. */
function accessRouter(world: World, index: number): number {
  const node = world.nodes[index];
  if (!node) return -1;
  if (node.router) return index;
  const li = node.links[0];
  return li === undefined ? -1 : otherEnd(world.links[li]!, index);
}

/** The latency of an endpoint's access link as built (0 for a router). */
function accessLatency(world: World, index: number): number {
  const node = world.nodes[index]!;
  return node.router ? 0 : world.links[node.links[0]!]!.baseLatency;
}

/** Whether an endpoint could send one more packet this tick. */
export function canSend(world: World, node: SimNode): boolean {
  return linkRoom(world.links[node.links[0]!]!, node.index) > 0;
}

/** Starts a new tick on every link: bandwidth budgets refill. */
export function resetLinkBudgets(world: World): void {
  for (const link of world.links) {
    link.usedAB = 0;
    link.usedBA = 0;
  }
}

/**
 * Hands over every packet whose arrival tick has come to `arrive`, in the order they entered links.
 * Links keep packets in entry order; arrivals are found by scanning, since congestion can change
 * latency mid-flight.
 */
export function stepLinks(match: Match, world: World, arrive: (packet: Packet, at: number) => void): void {
  const tick = match.tick;
  for (const link of world.links) {
    const list = link.inFlight;
    if (list.length === 0) continue;
    let keep = 0;
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      if (p.arrive <= tick) arrive(p, p.toward);
      else list[keep++] = p;
    }
    truncate(list, keep);
  }
}

/**
 * Shortens a list to its first `length` items by popping the rest. Assigning `length` gives the
 * array's storage back (all of it when emptied), so the next push allocates it anew: lists emptied
 * and refilled every tick (queues, links in flight) churn the garbage collector. The same items
 * remain either way.
 */
export function truncate<T>(list: T[], length: number): void {
  while (list.length > length) list.pop();
}

/**
 * Takes the item at `at` out of a list, the rest moving up; `splice` would make a list of what it
 * took out each time (a chunk received, a job done: hundreds of thousands in a school run).
 */
export function removeAt<T>(list: T[], at: number): void {
  for (let i = at + 1; i < list.length; i++) list[i - 1] = list[i]!;
  list.pop();
}

/** Puts `value` into a list at `at`, the rest moving down (as `splice(at, 0, value)`, making no list). */
export function insertAt<T>(list: T[], at: number, value: T): void {
  list.push(value);
  for (let i = list.length - 1; i > at; i--) list[i] = list[i - 1]!;
  list[at] = value;
}

/** Takes a link down: what is on it is lost. */
export function cutLink(world: World, link: Link, tick: number): void {
  link.up = false;
  link.downSince = tick;
  for (const p of link.inFlight) drop(world, p, "link-down");
  link.inFlight.length = 0;
}

/** Adds a packet to a node's bounded queue, or drops it when full. */
export function enqueue(world: World, node: SimNode, packet: Packet, tick: number): void {
  if (node.queue.length >= node.queueLimit) return drop(world, packet, "queue-full");
  packet.since = tick;
  node.queue.push(packet);
}

/** A node goes down: its queue is lost. Role-specific state is cleared by the caller. */
export function clearQueue(world: World, node: SimNode): void {
  dropAll(world, node.queue, "node-down");
  node.queue.length = 0;
}
