/**
 * The autopilot's routing protocol: distance vector, one round every DV_PERIOD ticks (routing.ts
 * holds the tables it fills and the forwarding that reads them).
 *
 * A round is a pure function of the world. Most rounds change nothing: a router whose inputs (its
 * live links to live neighbouring routers, their latencies, and those neighbours' vectors) are as
 * they were when it last computed would compute what it holds already. Each world keeps a note of
 * those inputs (`notes`, derived data only: a world without a note computes everything), so a quiet
 * round costs a comparison per router instead of a table per router. Nodes that join are hosts: a
 * router's routes to routers do not depend on them, and every host route is computed again then.
 */
import { DV_DETECT_TICKS } from "./constants";
import { isDown, otherEnd } from "./transport";
import type { Link, RouterState, SimNode, World } from "./types";

/** What a world's last round saw. */
interface RoundNote {
  /**
   * Each router's `dvVia` then (by node index): a table replaced from outside, or a router that was
   * not there, means everything is computed anew.
   */
  arrays: (number[] | undefined)[];
  /** Latency of every host's access link then, in host order. */
  hostLatency: number[];
  /** Every host's access router then, in host order (a server that moved to the cloud changed it). */
  hostAccess: number[];
  /** Bumped whenever `hostLatency` changed (or hosts joined). */
  hostEpoch: number;
  /**
   * Per router: `hostEpoch` when it last computed its routes to hosts. A router that was down when
   * the hosts changed computes them when it is back.
   */
  hostsSeen: number[];
  /**
   * Per router (node index): bumped whenever what its neighbours read from it (its routes to
   * routers, or the vector it advertises) changes.
   */
  version: number[];
  /** Per router: its inputs when it last computed: count, then (link, latency, neighbour's version) each. */
  inputs: (number[] | undefined)[];
}

const notes = new WeakMap<World, RoundNote>();

/**
 * One round of the distance-vector protocol: each router recomputes its costs from its neighbours'
 * last advertisements (split horizon with poisoned reverse), then all advertise at once. Autopilot
 * routers adopt the result as their table. A dead link or neighbour is noticed only DV_DETECT_TICKS
 * after it died (missed hellos), and news then spreads one hop per period.
 */
export function stepDistanceVector(world: World, tick: number): void {
  const nodes = world.nodes;
  const links = world.links;
  const n = nodes.length;
  const infinity = world.dvInfinity;
  // Routers (destinations that advertise) and endpoints (reached through their access router), each
  // in index order. What a router computes for one kind never reads what it computes for the other
  // in the same pass, so the two passes give what one pass over every index gave.
  const routers: number[] = [];
  const hosts: number[] = [];
  const hostLink: number[] = [];
  const hostAccess: number[] = [];
  const hostLatency: number[] = [];
  for (const node of nodes) {
    if (node.router) {
      routers.push(node.index);
      continue;
    }
    const li = node.links[0];
    if (li === undefined) continue;
    hosts.push(node.index);
    hostLink.push(li);
    hostAccess.push(otherEnd(links[li]!, node.index));
    hostLatency.push(links[li]!.latency);
  }
  const note = noteFor(world, routers);
  // A new note has no latencies: every router computes its hosts' routes (and advertises) then.
  if (
    note.hostLatency.length === 0 ||
    !sameNumbers(note.hostLatency, hostLatency) ||
    !sameNumbers(note.hostAccess, hostAccess)
  )
    note.hostEpoch++;
  note.hostLatency = hostLatency;
  note.hostAccess = hostAccess;
  // Routers whose vector changed this round, by node index.
  const changed = new Array<boolean>(n).fill(false);
  const recomputed = new Array<boolean>(n).fill(false);
  // The links a route to a router can leave by, in link order: to live neighbouring routers.
  const viaLink: number[] = [];
  const viaLatency: number[] = [];
  const viaNeighbour: number[] = [];
  const viaState: RouterState[] = [];
  for (const from of routers) {
    const node = nodes[from]!;
    const rs = node.router!;
    if (isDown(node, tick)) continue;
    let k = 0;
    const inputs: number[] = [0];
    for (const li of node.links) {
      if (!usable(links[li]!, tick)) continue;
      const nb = otherEnd(links[li]!, from);
      const nrs = nodes[nb]!.router;
      if (!nrs || !alive(nodes[nb]!, tick)) continue;
      viaLink[k] = li;
      viaLatency[k] = links[li]!.latency;
      viaNeighbour[k] = nb;
      viaState[k] = nrs;
      inputs.push(li, links[li]!.latency, note.version[nb]!);
      k++;
    }
    inputs[0] = k;
    const cost = rs.dvCost;
    const via = rs.dvVia;
    const same = sameNumbers(note.inputs[from], inputs);
    note.inputs[from] = inputs;
    if (!same) {
      let moved = false;
      for (const d of routers) {
        if (d === from) {
          if (cost[d] !== 0 || via[d] !== -1) moved = true;
          cost[d] = 0;
          via[d] = -1;
          continue;
        }
        // The first cheapest candidate in link order. Poisoned reverse: a neighbour that reaches d
        // through us does not offer us a route to d.
        let best = infinity;
        let bestVia = -1;
        for (let j = 0; j < k; j++) {
          const li = viaLink[j]!;
          const r = viaState[j]!;
          const c =
            viaNeighbour[j] === d
              ? viaLatency[j]!
              : viaLatency[j]! + (r.dvVia[d] === li ? infinity : r.dvAdvertised[d]!);
          if (c < best) {
            best = c;
            bestVia = li;
          }
        }
        const v = best >= infinity ? -1 : bestVia;
        if (cost[d] !== best || via[d] !== v) moved = true;
        cost[d] = best;
        via[d] = v;
      }
      // Neighbours later in this round read this router's routes as they are now.
      if (moved) {
        note.version[from]!++;
        changed[from] = true;
      }
    }
    if (!changed[from] && note.hostsSeen[from] === note.hostEpoch) continue;
    recomputed[from] = true;
    note.hostsSeen[from] = note.hostEpoch;
    // Routers advertise their networks, not each host: an endpoint is reached through its access
    // router, whether or not the endpoint itself is up. A host that crashes and comes back is
    // reachable again at once, with nothing to re-learn; while it is down its router drops what
    // arrives for it.
    for (let h = 0; h < hosts.length; h++) {
      const d = hosts[h]!;
      const access = hostAccess[h]!;
      const latency = hostLatency[h]!;
      if (access === from) {
        cost[d] = latency;
        via[d] = hostLink[h]!;
      } else {
        const c = cost[access]!;
        cost[d] = Math.min(infinity, c + latency);
        via[d] = c >= infinity ? -1 : via[access]!;
      }
    }
  }
  for (const from of routers) {
    const node = nodes[from]!;
    const rs = node.router!;
    if (isDown(node, tick)) continue;
    const cost = rs.dvCost;
    const via = rs.dvVia;
    // The advertised vector is the computed one after every round a router is up: only one that
    // computed anything new has anything new to advertise.
    if (recomputed[from]) {
      const advertised = rs.dvAdvertised;
      for (let d = 0; d < n; d++) advertised[d] = cost[d]!;
      // Neighbours that computed earlier this round read the vector it advertised before.
      if (changed[from]) note.version[from]!++;
    }
    // An autopilot router adopts what it computed. A table still the protocol's own from an earlier
    // round (`synced`) already is what a router that computed nothing new would copy: most rounds.
    if (!node.autopilot) {
      if (recomputed[from]) rs.synced = false;
    } else if (recomputed[from] || !rs.synced) {
      rs.synced = true;
      const table = rs.table;
      const split = rs.split;
      for (let d = 0; d < n; d++) {
        if (table[d] !== via[d]) table[d] = via[d]!;
        if (split[d] !== -1) split[d] = -1;
      }
      rs.splits = 0;
    }
  }
}

/** Whether a link still carries routes: up, or down too recently for its ends to have noticed. */
function usable(link: Link, tick: number): boolean {
  return link.up || tick - link.downSince < DV_DETECT_TICKS;
}

/** Whether a neighbour still seems alive: up, or down too recently to have missed its hellos. */
function alive(node: SimNode, tick: number): boolean {
  return !isDown(node, tick) || tick - node.downSince < DV_DETECT_TICKS;
}

/**
 * The world's note, ready for this round: the last round's, or a new one (every router computes
 * everything) for a world without one, with a new router, or whose tables were replaced.
 */
function noteFor(world: World, routers: readonly number[]): RoundNote {
  const n = world.nodes.length;
  const old = notes.get(world);
  if (old !== undefined && routers.every((r) => old.arrays[r] === world.nodes[r]!.router!.dvVia)) {
    while (old.version.length < n) old.version.push(0);
    return old;
  }
  const note: RoundNote = {
    arrays: [],
    hostLatency: [],
    hostAccess: [],
    hostEpoch: 0,
    hostsSeen: [],
    version: new Array<number>(n).fill(0),
    inputs: [],
  };
  for (const r of routers) note.arrays[r] = world.nodes[r]!.router!.dvVia;
  notes.set(world, note);
  return note;
}

function sameNumbers(a: readonly number[] | undefined, b: readonly number[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
