/**
 * Routing: every router has a table destination → next-hop link. Tables start as shortest paths.
 * After a failure a player re-routes at once with an intent; the autopilot runs a distance-vector
 * protocol (distance-vector.ts) that advertises once every DV_PERIOD ticks, so news travels one hop
 * per period and the network converges only after several seconds. Fast humans beat the protocol.
 */
import { DV_INFINITY, MAX_HOPS, MAX_WAIT_TICKS, ROUTER_RATE } from "./constants";
import { unreachable } from "./swarm";
import {
  creditsRouters,
  drop,
  enqueue,
  isDataPacket,
  linkRoom,
  otherEnd,
  sendOnLink,
  truncate,
} from "./transport";
import type { Match, Packet, RoundTrips, RouterState, SimNode, World } from "./types";

/**
 * Shortest paths (by latency) from one router to every node, over links that are up, as far as `bound`
 * (a node this far or farther keeps cost `bound` and no route). Also the links each path crosses. Pure
 * in its arguments; ties go to the lower link index, so it is deterministic.
 */
export function shortestPaths(
  world: World,
  from: number,
  bound = world.dvInfinity,
): { cost: number[]; via: number[]; hops: number[] } {
  const n = world.nodes.length;
  const cost = new Array<number>(n).fill(bound);
  const via = new Array<number>(n).fill(-1);
  const hops = new Array<number>(n).fill(0);
  const done = new Array<boolean>(n).fill(false);
  cost[from] = 0;
  // Dijkstra with a heap ordered by (cost, index): the same node comes out next as a scan for the
  // lowest cost, lowest index first would pick, so the paths are those of the plain O(n²) version.
  const heap = new NodeHeap();
  heap.push(0, from);
  while (heap.size > 0) {
    const c0 = heap.topCost;
    const best = heap.pop();
    if (done[best] || c0 !== cost[best]) continue; // a stale entry: a shorter path was found since
    done[best] = true;
    const node = world.nodes[best]!;
    // Endpoints are leaves: paths never pass through a server or a peer.
    if (best !== from && node.kind !== "router") continue;
    for (const li of node.links) {
      const link = world.links[li]!;
      if (!link.up) continue;
      const next = otherEnd(link, best);
      const c = cost[best]! + link.latency;
      if (c < cost[next]!) {
        cost[next] = c;
        via[next] = best === from ? li : via[best]!;
        hops[next] = hops[best]! + 1;
        // Endpoints are never expanded (above), so only routers enter the heap; an endpoint's cost
        // and route are still lowered here whenever a shorter path reaches it. Same paths.
        if (world.nodes[next]!.kind === "router") heap.push(c, next);
      }
    }
  }
  return { cost, via, hops };
}

/** A binary min-heap of (cost, node index) pairs, ordered by cost, then index. */
class NodeHeap {
  private readonly costs: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.costs.length;
  }

  private less(a: number, b: number): boolean {
    const ca = this.costs[a]!;
    const cb = this.costs[b]!;
    return ca < cb || (ca === cb && this.nodes[a]! < this.nodes[b]!);
  }

  private swap(a: number, b: number): void {
    const cost = this.costs[a]!;
    this.costs[a] = this.costs[b]!;
    this.costs[b] = cost;
    const node = this.nodes[a]!;
    this.nodes[a] = this.nodes[b]!;
    this.nodes[b] = node;
  }

  /** The cost of the entry `pop` will return next. */
  get topCost(): number {
    return this.costs[0]!;
  }

  push(cost: number, node: number): void {
    this.costs.push(cost);
    this.nodes.push(node);
    let i = this.costs.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the cheapest entry and returns its node (read `topCost` first for its cost). */
  pop(): number {
    const top = this.nodes[0]!;
    const last = this.costs.length - 1;
    this.swap(0, last);
    this.costs.pop();
    this.nodes.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < last && this.less(l, m)) m = l;
      if (r < last && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

/**
 * How wide a map is, over its links as built: the most links a shortest path between two endpoints
 * crosses, the highest cost (latency) from a router to an endpoint, and the cost between every two
 * routers (`RoundTrips`). Also each router's paths, searched with no bound (initRouting reuses them).
 */
export function mapReach(world: World): {
  links: number;
  cost: number;
  trips: RoundTrips;
  paths: Map<number, { cost: number[]; via: number[] }>;
} {
  let links = 0;
  let cost = 0;
  const routers = world.nodes.filter((n) => n.router !== null);
  const slot = new Int32Array(world.nodes.length).fill(-1);
  routers.forEach((r, i) => {
    slot[r.index] = i;
  });
  const between = new Float64Array(routers.length * routers.length);
  const found = new Map<number, { cost: number[]; via: number[] }>();
  for (const node of routers) {
    const paths = shortestPaths(world, node.index, Number.POSITIVE_INFINITY);
    found.set(node.index, paths);
    const row = slot[node.index]! * routers.length;
    for (const other of world.nodes) {
      if (other.router) {
        between[row + slot[other.index]!] = paths.cost[other.index]!;
        continue;
      }
      if (other.links.length === 0 || paths.via[other.index] === -1) continue;
      // The path from a router to an endpoint, and one more link: the sender's own access link.
      links = Math.max(links, paths.hops[other.index]! + 1);
      cost = Math.max(cost, paths.cost[other.index]!);
    }
  }
  return { links, cost, trips: { slot, between, routers: routers.length }, paths: found };
}

/**
 * Fills every router's table and distance vector with shortest paths (the converged state). From
 * rules 4, a map wider than the hop limit or the protocol's "unreachable" cost allows raises them to
 * twice its widest path (mapReach): otherwise far users could never reach each other. Requests wait
 * for answers as long as their round trip needs (answerTimeout).
 */
export function initRouting(world: World, rules: number): void {
  let found: Map<number, { cost: number[]; via: number[] }> | null = null;
  if (rules >= 4) {
    const reach = mapReach(world);
    world.hopLimit = Math.max(MAX_HOPS, 2 * reach.links);
    world.dvInfinity = Math.max(DV_INFINITY, 2 * reach.cost);
    world.roundTrips = reach.trips;
    found = reach.paths;
  }
  for (const node of world.nodes) {
    const r = node.router;
    if (!r) continue;
    const searched = found?.get(node.index);
    const { cost, via } = searched ? cutAt(searched, world.dvInfinity) : shortestPaths(world, node.index);
    r.table = Int16Array.from(via);
    r.split = new Int16Array(world.nodes.length).fill(-1);
    r.splits = 0;
    r.synced = true;
    r.dvCost = cost;
    r.dvVia = via;
    r.dvAdvertised = cost.slice();
  }
}

/**
 * A node joined (flash crowd, replica, botnet): every router learns a route to it, through the same
 * next hop it uses for the new node's router. A protocol would take a period to spread this; joining
 * nodes announce themselves, so it is immediate.
 */
export function addRoutesTo(world: World, node: SimNode, accessRouter: number): void {
  const accessLink = node.links[0]!;
  for (const r of world.nodes) {
    const rs = r.router;
    if (!rs) continue;
    growRoutes(rs, world.nodes.length);
    const direct = r.index === accessRouter;
    rs.table[node.index] = direct ? accessLink : (rs.table[accessRouter] ?? -1);
    if ((rs.split[node.index] ?? -1) !== -1) rs.splits--;
    rs.split[node.index] = -1;
    rs.dvVia[node.index] = direct ? accessLink : (rs.dvVia[accessRouter] ?? -1);
    const base = direct ? 0 : (rs.dvCost[accessRouter] ?? world.dvInfinity);
    rs.dvCost[node.index] = Math.min(world.dvInfinity, base + world.links[accessLink]!.latency);
    rs.dvAdvertised[node.index] = rs.dvCost[node.index]!;
  }
}

/**
 * Unbounded paths as a search bounded at `bound` finds them: a node that far or farther has cost
 * `bound` and no route. Every nearer path only crosses nearer nodes, so it is the same either way.
 */
function cutAt(paths: { cost: number[]; via: number[] }, bound: number): { cost: number[]; via: number[] } {
  const { cost, via } = paths;
  for (let i = 0; i < cost.length; i++)
    if (cost[i]! >= bound) {
      cost[i] = bound;
      via[i] = -1;
    }
  return paths;
}

/** Makes room in a router's table and splits for `n` destinations (new ones: no route, no split). */
function growRoutes(rs: RouterState, n: number): void {
  if (rs.table.length >= n) return;
  rs.synced = false;
  const table = new Int16Array(n).fill(-1);
  table.set(rs.table);
  rs.table = table;
  const split = new Int16Array(n).fill(-1);
  split.set(rs.split);
  rs.split = split;
}

/** The link a router sends a packet to `dst` on: the table's, alternating with a split's second link. */
function nextHop(node: SimNode, dst: number): number {
  const rs = node.router!;
  const alt = rs.splits > 0 ? (rs.split[dst] ?? -1) : -1;
  if (alt >= 0 && rs.splitTurn++ % 2 === 1) return alt;
  return rs.table[dst] ?? -1;
}

/**
 * A router's tick: forward up to its rate from its queue, the prioritised kind first. A packet whose
 * next link is down or full waits; one that waited too long is dropped (link-down). Pure in its
 * arguments (match, world, node).
 */
export function stepRouter(match: Match, world: World, node: SimNode): void {
  const rs = node.router!;
  const queue = node.queue;
  if (queue.length === 0) return;
  const tick = match.tick;
  let budget = ROUTER_RATE;
  const wiretapped = rs.wiretapUntil > tick;
  // Packets that wait keep their order. Without a priority they are compacted into the queue in
  // place (a packet is never written ahead of the one being read); with one, a new queue is built
  // in the prioritised order.
  const order = rs.priority ? prioritised(queue, rs.priority) : queue;
  const waiting: Packet[] = rs.priority ? [] : queue;
  let kept = 0;
  for (let i = 0; i < order.length; i++) {
    const packet = order[i]!;
    if (budget <= 0) {
      waiting[kept++] = packet;
      continue;
    }
    const li = nextHop(node, packet.dst);
    if (li < 0) {
      unreachable(world, packet, tick);
      drop(world, packet, "no-route");
      continue;
    }
    const link = world.links[li]!;
    if (!link.up) {
      if (tick - packet.since > MAX_WAIT_TICKS) drop(world, packet, "link-down");
      else waiting[kept++] = packet;
      continue;
    }
    if (linkRoom(link, node.index) <= 0) {
      waiting[kept++] = packet;
      continue;
    }
    budget--;
    node.counters.work++;
    if (creditsRouters(packet) && !packet.via.includes(node.index)) packet.via.push(node.index);
    // A router an attacker is inside reads what it forwards in the clear, as a wiretap does (what is
    // encrypted stays unreadable); a packet copied once has leaked already.
    if (node.infected && !packet.encrypted && !packet.leaked && isDataPacket(packet.kind)) {
      world.stats.leaked++;
      world.stats.stolen++;
      packet.leaked = true;
    }
    if (wiretapped && !packet.encrypted && !packet.leaked && isDataPacket(packet.kind)) {
      rs.leaked++;
      world.stats.leaked++;
    }
    sendOnLink(match, world, li, node.index, packet);
  }
  truncate(waiting, kept);
  node.queue = waiting;
}

function prioritised(queue: Packet[], kind: Packet["kind"]): Packet[] {
  const first: Packet[] = [];
  const rest: Packet[] = [];
  for (const p of queue) (p.kind === kind ? first : rest).push(p);
  return first.concat(rest);
}

/**
 * A packet reached a router: firewall, then queue. The firewall holds the router's own blocks and the
 * blocks of the endpoints attached to it: a server or peer that blocks a source has it filtered
 * upstream, at its access router, because blocking at the victim helps nothing once junk has filled
 * the victim's own access link.
 */
export function arriveAtRouter(world: World, node: SimNode, packet: Packet, tick: number): void {
  const own = world.blockingRouters > 0 && node.blocked.size > 0 && node.blocked.has(packet.src);
  if (own || filteredUpstream(world, node, packet)) return drop(world, packet, "blocked");
  enqueue(world, node, packet, tick);
}

/** Whether the packet's destination is an endpoint of this router that blocks the packet's source. */
function filteredUpstream(world: World, router: SimNode, packet: Packet): boolean {
  // Most destinations block nobody: read the destination's own state first, and its one access link,
  // rather than walking the router's links. A link is always in both its ends' link lists (nodes.ts),
  // so "the access link ends at this router" is the same test as "the destination is adjacent".
  if (world.blockingEndpoints === 0) return false;
  const dst = world.nodes[packet.dst];
  if (!dst || dst.router || dst.blocked.size === 0) return false;
  const access = dst.links[0];
  if (access === undefined || otherEnd(world.links[access]!, dst.index) !== router.index) return false;
  return dst.blocked.has(packet.src);
}
