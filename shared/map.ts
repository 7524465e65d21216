/**
 * Builds a team's network from a scenario's map: the same routers, the same user slots and the same
 * content holders on both sides, so the two architectures are compared fairly. In the hub the holders
 * are servers (with an optional far-away origin upstream) and the users are clients; in the swarm the
 * holders are seed peers and the users are peers.
 */

import { DV_INFINITY, MAX_HOPS, PEER_QUEUE_LIMIT } from "./constants";
import { layoutOf } from "./map-layout";
import {
  addEndpoint,
  addLink,
  addUser,
  fullMask,
  HOLDER_BANDWIDTH,
  HOME_UPLOAD_SHARE,
  newNode,
  newPeer,
  newServer,
  ORIGIN_LATENCY_FACTOR,
  SEED_UPLOAD_SLOTS,
  USER_BANDWIDTH,
} from "./nodes";
import { createRng, type Rng } from "./random";
import type { Scenario } from "./scenario";
import type { Architecture, World } from "./types";
import { DROP_REASONS } from "./types";

function emptyStats(): World["stats"] {
  return {
    created: 0,
    delivered: 0,
    inFlight: 0,
    dropped: Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as World["stats"]["dropped"],
    usefulChunks: 0,
    goodput: [],
    demand: [],
    usefulAtSecond: 0,
    corruptDelivered: 0,
    corruptDiscarded: 0,
    sessionsLost: 0,
    cloudTicks: 0,
    leaked: 0,
    dataPackets: 0,
    itemsCompleted: 0,
    itemsCorrupt: 0,
    messagesDelivered: 0,
    messageLatencyTicks: [],
    chunksDelivered: 0,
    hopsCarried: 0,
    infections: 0,
    stolen: 0,
    infectedTicks: 0,
  };
}

/**
 * Builds one team's world. Users get their wants later (workload.ts); routing tables are filled by
 * routing.ts. `rng` becomes the world's own stream.
 */
export function buildWorld(scenario: Scenario, team: Architecture, rng: Rng): World {
  const layout = layoutOf(scenario);
  const world: World = {
    team,
    nodes: [],
    links: [],
    idIndex: new Map(),
    linkIndex: new Map(),
    rng,
    availability: [],
    users: [],
    servers: [],
    peers: [],
    peersGone: 0,
    listedPeers: [],
    tracker: -1,
    trackerRng: createRng(scenario.seed, `tracker:${team}`),
    stats: emptyStats(),
    spent: { setup: 0, running: 0, upgrades: 0, bandwidth: 0, upkeep: 0 },
    runningDebt: 0,
    holes: 0,
    attacks: [],
    blockingEndpoints: 0,
    blockingRouters: 0,
    hopLimit: MAX_HOPS,
    dvInfinity: DV_INFINITY,
    roundTrips: null,
  };
  const { items, chunksPerItem, serverHolds } = scenario.workload;
  const full = fullMask(chunksPerItem);
  const holders = layout.servers.length;
  const holds = (s: number, item: number) => serverHolds === "all" || !layout.origin || item % holders === s;

  for (const r of layout.routers) {
    const node = newNode(world, r.id, "router", `Router ${r.id.replace(/^R/, "")}`, r.region, r.x, r.y);
    node.router = {
      table: new Int16Array(0),
      split: new Int16Array(0),
      splits: 0,
      synced: false,
      splitTurn: 0,
      priority: null,
      dvCost: [],
      dvVia: [],
      dvAdvertised: [],
      wiretapUntil: 0,
      leaked: 0,
    };
  }
  for (const l of layout.links)
    addLink(world, world.idIndex.get(l.a)!, world.idIndex.get(l.b)!, l.latency, l.bandwidth);
  const routerOf = (id: string) => world.idIndex.get(id)!;

  let origin = -1;
  if (team === "hub" && layout.origin) {
    const coreLatency = layout.links[0]?.latency ?? 2;
    const o = addEndpoint(world, {
      id: "O1",
      kind: "origin",
      label: "Origin",
      router: routerOf(layout.origin.router),
      latency: coreLatency * ORIGIN_LATENCY_FACTOR,
      bandwidth: HOLDER_BANDWIDTH * 2,
    });
    o.server = newServer(
      true,
      Array.from({ length: items }, () => full),
      -1,
    );
    origin = o.index;
  }
  layout.servers.forEach((s, si) => {
    const num = s.id.replace(/^S/, "");
    if (team === "hub") {
      const node = addEndpoint(world, {
        id: s.id,
        kind: "server",
        label: `Server ${num}`,
        router: routerOf(s.router),
        bandwidth: HOLDER_BANDWIDTH,
      });
      node.server = newServer(
        false,
        Array.from({ length: items }, (_, i) => (holds(si, i) ? full : 0)),
        origin,
      );
      world.servers.push(node.index);
    } else {
      const node = addEndpoint(world, {
        id: s.id,
        kind: "peer",
        label: `Seed ${num}`,
        router: routerOf(s.router),
        bandwidth: USER_BANDWIDTH, // a seed is somebody's home computer
        upShare: HOME_UPLOAD_SHARE,
      });
      node.peer = newPeer(items, full, true);
      node.peer.uploadSlots = SEED_UPLOAD_SLOTS;
      node.queueLimit = PEER_QUEUE_LIMIT;
      world.peers.push(node.index);
    }
  });
  for (const u of layout.users) addUser(world, u.id, routerOf(u.router), items);
  if (team === "swarm") {
    // The tracker stands where the hub's origin would: the file's publisher runs it.
    const at = layout.origin?.router ?? layout.servers[0]?.router ?? layout.routers[0]!.id;
    world.tracker = addEndpoint(world, {
      id: "T1",
      kind: "tracker",
      label: "Tracker",
      router: routerOf(at),
      bandwidth: HOLDER_BANDWIDTH,
    }).index;
  }
  world.availability = Array.from({ length: items }, () => new Array<number>(chunksPerItem).fill(0));
  return world;
}
