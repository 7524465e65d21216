/**
 * Routing: every router has a table destination → next-hop link. Tables start as shortest paths.
 * After a failure a player re-routes at once with an intent; the autopilot runs a distance-vector
 * protocol that advertises once every DV_PERIOD ticks, so news travels one hop per period and the
 * network converges only after several seconds. Fast humans beat the protocol.
 */
import { DV_DETECT_TICKS, DV_INFINITY, MAX_WAIT_TICKS, ROUTER_RATE } from "./constants";
import { drop, enqueue, isDataPacket, isDown, linkRoom, otherEnd, sendOnLink } from "./transport";
import type { Match, Packet, SimNode, World } from "./types";

/**
 * Shortest paths (by latency) from one router to every node, over links that are up. Pure in its
 * arguments; ties go to the lower link index, so it is deterministic.
 */
export function shortestPaths(world: World, from: number): { cost: number[]; via: number[] } {
  const n = world.nodes.length;
  const cost = new Array<number>(n).fill(DV_INFINITY);
  const via = new Array<number>(n).fill(-1);
  const done = new Array<boolean>(n).fill(false);
  cost[from] = 0;
  for (;;) {
    let best = -1;
    for (let i = 0; i < n; i++)
      if (!done[i] && cost[i]! < DV_INFINITY && (best < 0 || cost[i]! < cost[best]!)) best = i;
    if (best < 0) break;
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
      }
    }
  }
  return { cost, via };
}

/** Fills every router's table and distance vector with shortest paths (the converged state). */
export function initRouting(world: World): void {
  for (const node of world.nodes) {
    const r = node.router;
    if (!r) continue;
    const { cost, via } = shortestPaths(world, node.index);
    r.table = via.slice();
    r.split = new Array<number>(world.nodes.length).fill(-1);
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
    const direct = r.index === accessRouter;
    rs.table[node.index] = direct ? accessLink : (rs.table[accessRouter] ?? -1);
    rs.split[node.index] = -1;
    rs.dvVia[node.index] = direct ? accessLink : (rs.dvVia[accessRouter] ?? -1);
    const base = direct ? 0 : (rs.dvCost[accessRouter] ?? DV_INFINITY);
    rs.dvCost[node.index] = Math.min(DV_INFINITY, base + world.links[accessLink]!.latency);
    rs.dvAdvertised[node.index] = rs.dvCost[node.index]!;
  }
}

/**
 * One round of the distance-vector protocol: each router recomputes its costs from its neighbours'
 * last advertisements (split horizon with poisoned reverse), then all advertise at once. Autopilot
 * routers adopt the result as their table. A dead link or neighbour is noticed only DV_DETECT_TICKS
 * after it died (missed hellos), and news then spreads one hop per period.
 */
export function stepDistanceVector(world: World, tick: number): void {
  const nodes = world.nodes;
  const n = nodes.length;
  for (const node of nodes) {
    const rs = node.router;
    if (!rs || isDown(node, tick)) continue;
    for (let d = 0; d < n; d++) {
      if (d === node.index) {
        rs.dvCost[d] = 0;
        rs.dvVia[d] = -1;
        continue;
      }
      let best = DV_INFINITY;
      let bestVia = -1;
      for (const li of node.links) {
        const link = world.links[li]!;
        if (!link.up && tick - link.downSince >= DV_DETECT_TICKS) continue;
        const nb = otherEnd(link, node.index);
        const neighbour = nodes[nb]!;
        if (isDown(neighbour, tick) && tick - neighbour.downSince >= DV_DETECT_TICKS) continue;
        let c: number;
        if (nb === d) c = link.latency;
        else if (neighbour.router) {
          // Poisoned reverse: a neighbour that reaches d through us does not offer us a route to d.
          const adv = neighbour.router.dvVia[d] === li ? DV_INFINITY : neighbour.router.dvAdvertised[d]!;
          c = link.latency + adv;
        } else continue;
        if (c < best) {
          best = c;
          bestVia = li;
        }
      }
      rs.dvCost[d] = Math.min(best, DV_INFINITY);
      rs.dvVia[d] = best >= DV_INFINITY ? -1 : bestVia;
    }
  }
  for (const node of nodes) {
    const rs = node.router;
    if (!rs || isDown(node, tick)) continue;
    for (let d = 0; d < n; d++) rs.dvAdvertised[d] = rs.dvCost[d]!;
    if (node.autopilot) {
      for (let d = 0; d < n; d++) {
        rs.table[d] = rs.dvVia[d]!;
        rs.split[d] = -1;
      }
    }
  }
}

/** The link a router sends a packet to `dst` on: the table's, alternating with a split's second link. */
function nextHop(node: SimNode, dst: number): number {
  const rs = node.router!;
  const alt = rs.split[dst] ?? -1;
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
  const order = rs.priority ? prioritised(queue, rs.priority) : queue;
  const waiting: Packet[] = [];
  for (const packet of order) {
    if (budget <= 0) {
      waiting.push(packet);
      continue;
    }
    const li = nextHop(node, packet.dst);
    if (li < 0) {
      drop(world, packet, "no-route");
      continue;
    }
    const link = world.links[li]!;
    if (!link.up) {
      if (tick - packet.since > MAX_WAIT_TICKS) drop(world, packet, "link-down");
      else waiting.push(packet);
      continue;
    }
    if (linkRoom(link, node.index) <= 0) {
      waiting.push(packet);
      continue;
    }
    budget--;
    node.counters.work++;
    if (wiretapped && !packet.encrypted && isDataPacket(packet.kind)) {
      rs.leaked++;
      world.stats.leaked++;
    }
    sendOnLink(match, world, li, node.index, packet);
  }
  node.queue = waiting;
}

function prioritised(queue: Packet[], kind: Packet["kind"]): Packet[] {
  const first: Packet[] = [];
  const rest: Packet[] = [];
  for (const p of queue) (p.kind === kind ? first : rest).push(p);
  return first.concat(rest);
}

/** A packet reached a router: firewall, then queue. */
export function arriveAtRouter(world: World, node: SimNode, packet: Packet, tick: number): void {
  if (node.blocked.has(packet.src)) return drop(world, packet, "blocked");
  enqueue(world, node, packet, tick);
}
