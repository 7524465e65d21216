/**
 * Builds a team's network from a scenario's map: the same routers, the same user slots and the same
 * content holders on both sides, so the two architectures are compared fairly. In the hub the holders
 * are servers (with an optional far-away origin upstream) and the users are clients; in the swarm the
 * holders are seed peers and the users are peers.
 */
import {
  DEFAULT_QUEUE_LIMIT,
  ORIGIN_CAPACITY,
  PEER_QUEUE_LIMIT,
  PEER_UPLOAD_SLOTS,
  SERVER_CAPACITY,
} from "./constants";
import { createRng, type Rng } from "./random";
import { type ExplicitMap, isGeneratedMap, type Scenario } from "./scenario";
import type { Architecture, Link, NodeKind, SimNode, World } from "./types";
import { DROP_REASONS } from "./types";

/** The map as concrete routers, links and attachment points, before an architecture is chosen. */
export type Layout = ExplicitMap;

const REGION_NAMES = ["North", "East", "South", "West", "Centre", "Harbour", "Hills", "Valley"];
/** Map coordinates span 0..MAP_WIDTH × 0..MAP_HEIGHT; the client scales them to the screen. */
export const MAP_WIDTH = 1000;
export const MAP_HEIGHT = 600;

/**
 * Access links: endpoint to its router, in packets per tick. A server sits on a wide symmetric line;
 * a home computer (a client, a peer, a seed) downloads far faster than it uploads, like home
 * broadband.
 */
const ACCESS_LATENCY = 1;
const HOLDER_BANDWIDTH = 12;
const USER_BANDWIDTH = 8;
/** A home line's upload: a quarter of its download. */
const HOME_UPLOAD_SHARE = 0.25;
/** The origin is far away: its link is this many times the core latency. */
const ORIGIN_LATENCY_FACTOR = 3;
/** Seeds upload faster than ordinary peers (they are the swarm's counterpart of servers). */
const SEED_UPLOAD_SLOTS = 2;

/** Turns a generated map description into routers and links. Pure: same input, same layout. */
export function layoutOf(scenario: Scenario): Layout {
  const map = scenario.map;
  if (!isGeneratedMap(map)) return map;
  const n = map.routers;
  const cx = MAP_WIDTH / 2;
  const cy = MAP_HEIGHT / 2;
  const routers: Layout["routers"] = [];
  const links: Layout["links"] = [];
  const region = (i: number) => REGION_NAMES[Math.floor((i * map.regions) / n)]!;
  const link = (a: number, b: number) =>
    links.push({ a: `R${a + 1}`, b: `R${b + 1}`, latency: map.latency, bandwidth: map.bandwidth });
  if (map.shape === "grid") {
    const cols = Math.ceil(Math.sqrt(n));
    const rows = Math.ceil(n / cols);
    for (let i = 0; i < n; i++) {
      const c = i % cols;
      const r = Math.floor(i / cols);
      const x = cols === 1 ? cx : 150 + (c * 700) / (cols - 1);
      const y = rows === 1 ? cy : 110 + (r * 380) / (rows - 1);
      routers.push({ id: `R${i + 1}`, region: region(i), x, y });
      if (c + 1 < cols && i + 1 < n) link(i, i + 1);
      if (i + cols < n) link(i, i + cols);
    }
  } else if (map.shape === "star") {
    routers.push({ id: "R1", region: region(0), x: cx, y: cy });
    for (let i = 1; i < n; i++) {
      const a = (2 * Math.PI * (i - 1)) / Math.max(1, n - 1);
      routers.push({
        id: `R${i + 1}`,
        region: region(i),
        x: cx + 340 * Math.cos(a),
        y: cy + 195 * Math.sin(a),
      });
      link(0, i);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n - Math.PI / 2;
      routers.push({
        id: `R${i + 1}`,
        region: region(i),
        x: cx + 360 * Math.cos(a),
        y: cy + 200 * Math.sin(a),
      });
    }
    if (n === 2) link(0, 1);
    if (n > 2) for (let i = 0; i < n; i++) link(i, (i + 1) % n);
    // Chords across big rings give the routers real choices when a link is cut.
    if (n >= 8) for (let i = 0; i < n / 2; i += 4) link(i, i + Math.floor(n / 2));
  }
  const at = (k: number, of: number) => `R${(Math.floor(((k + 0.5) * n) / of) % n) + 1}`;
  return {
    routers,
    links,
    servers: Array.from({ length: map.servers }, (_, s) => ({ id: `S${s + 1}`, router: at(s, map.servers) })),
    users: Array.from({ length: map.users }, (_, u) => ({ id: `U${u + 1}`, router: `R${(u % n) + 1}` })),
    ...(map.origin ? { origin: { router: `R${Math.floor(n / 2) + 1}` } } : {}),
  };
}

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
  };
}

function newNode(
  world: World,
  id: string,
  kind: NodeKind,
  label: string,
  region: string,
  x: number,
  y: number,
) {
  const node: SimNode = {
    index: world.nodes.length,
    id,
    kind,
    label,
    region,
    x,
    y,
    links: [],
    holder: null,
    autopilot: true,
    downUntil: 0,
    downSince: 0,
    crashed: false,
    gone: false,
    queue: [],
    queueLimit: DEFAULT_QUEUE_LIMIT,
    credit: 0,
    encrypt: false,
    blocked: new Set(),
    suspects: new Map(),
    counters: {
      work: 0,
      delivered: 0,
      chunksServed: 0,
      cleanServed: 0,
      cacheHits: 0,
      cacheMisses: 0,
      junkSeen: 0,
    },
    points: 0,
    caught: new Set(),
    router: null,
    server: null,
    user: null,
    peer: null,
    botnet: null,
  };
  world.nodes.push(node);
  world.idIndex.set(id, node.index);
  return node;
}

export function addLink(
  world: World,
  a: number,
  b: number,
  latency: number,
  bandwidth: number,
  upShare = 1,
): Link {
  const na = world.nodes[a]!;
  const nb = world.nodes[b]!;
  const link: Link = {
    id: `${na.id}-${nb.id}`,
    a,
    b,
    baseLatency: latency,
    baseBandwidth: bandwidth,
    latency,
    bandwidth,
    upShare,
    up: true,
    downSince: 0,
    loss: 0,
    cost: 0,
    usedAB: 0,
    usedBA: 0,
    inFlight: [],
    carried: 0,
  };
  const index = world.links.length;
  world.links.push(link);
  world.linkIndex.set(link.id, index);
  na.links.push(index);
  nb.links.push(index);
  return link;
}

/** Where an endpoint sits: spread around its router, away from the map's centre. */
function placeNear(world: World, routerIndex: number, slot: number): { x: number; y: number } {
  const r = world.nodes[routerIndex]!;
  // Fan out away from the centre: first slot straight out, then alternating either side.
  const base = Math.atan2(r.y - MAP_HEIGHT / 2, r.x - MAP_WIDTH / 2 || 1);
  const ring = Math.floor(slot / 5);
  const k = slot % 5;
  const side = k === 0 ? 0 : (k % 2 ? 1 : -1) * Math.ceil(k / 2);
  const a = base + side * 0.7 + ring * 0.35;
  const d = 88 + 40 * ring;
  const x = Math.max(20, Math.min(MAP_WIDTH - 20, r.x + d * Math.cos(a)));
  const y = Math.max(20, Math.min(MAP_HEIGHT - 20, r.y + d * Math.sin(a)));
  return { x, y };
}

export interface EndpointSpec {
  id: string;
  kind: NodeKind;
  label: string;
  router: number;
  latency?: number;
  bandwidth: number;
  /** Share of the bandwidth open for sending (a home line's upload); 1 when symmetric. */
  upShare?: number;
}

/** Adds an endpoint (server, user, botnet…) attached to one router by an access link. */
export function addEndpoint(world: World, spec: EndpointSpec): SimNode {
  const router = world.nodes[spec.router]!;
  const { x, y } = placeNear(world, spec.router, endpointsAt(world, spec.router));
  const node = newNode(world, spec.id, spec.kind, spec.label, router.region, x, y);
  addLink(world, spec.router, node.index, spec.latency ?? ACCESS_LATENCY, spec.bandwidth, spec.upShare);
  return node;
}

/**
 * Moves an endpoint's access link to another router, keeping the link (its id, its packets on the
 * way), and places the endpoint beside its new router. Routes to the endpoint are the caller's.
 */
export function reattach(world: World, node: SimNode, router: number): void {
  const li = node.links[0]!;
  const link = world.links[li]!;
  const old = attachedTo(world, node);
  if (old === router) return;
  const from = world.nodes[old]!;
  from.links = from.links.filter((l) => l !== li);
  const slot = endpointsAt(world, router);
  if (link.a === old) link.a = router;
  else link.b = router;
  world.nodes[router]!.links.push(li);
  const { x, y } = placeNear(world, router, slot);
  node.x = x;
  node.y = y;
}

/** The endpoints attached to a router: each is found once, by its own access link. */
function endpointsAt(world: World, router: number): number {
  let count = 0;
  for (const li of world.nodes[router]!.links) {
    const link = world.links[li]!;
    const other = world.nodes[link.a === router ? link.b : link.a]!;
    if (other.kind !== "router" && other.links[0] === li) count++;
  }
  return count;
}

/** The router an endpoint hangs off (endpoints have exactly one access link). */
export function attachedTo(world: World, node: SimNode): number {
  const link = world.links[node.links[0]!]!;
  return link.a === node.index ? link.b : link.a;
}

export function fullMask(chunks: number): number {
  return chunks >= 31 ? 0x7fffffff : (1 << chunks) - 1;
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
    tracker: -1,
    trackerRng: createRng(scenario.seed, `tracker:${team}`),
    stats: emptyStats(),
    pace: [],
    spent: { setup: 0, running: 0, upgrades: 0, bandwidth: 0, upkeep: 0 },
    runningDebt: 0,
  };
  const { items, chunksPerItem, serverHolds } = scenario.workload;
  const full = fullMask(chunksPerItem);
  const holders = layout.servers.length;
  const holds = (s: number, item: number) => serverHolds === "all" || !layout.origin || item % holders === s;

  for (const r of layout.routers) {
    const node = newNode(world, r.id, "router", `Router ${r.id.replace(/^R/, "")}`, r.region, r.x, r.y);
    node.router = {
      table: [],
      split: [],
      splits: 0,
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

/** Adds a user slot: a client in the hub, a leech peer in the swarm. Wants are set by the caller. */
export function addUser(world: World, id: string, router: number, items: number): SimNode {
  const num = id.replace(/^U/, "");
  const hub = world.team === "hub";
  const node = addEndpoint(world, {
    id,
    kind: hub ? "client" : "peer",
    label: hub ? `Client ${num}` : `Peer ${num}`,
    router,
    bandwidth: USER_BANDWIDTH,
    upShare: HOME_UPLOAD_SHARE,
  });
  node.user = {
    slot: world.users.length,
    wants: [],
    current: 0,
    wantFrom: 0,
    got: 0,
    redo: 0,
    gotCorrupt: 0,
    serverTurn: world.users.length,
    chosen: -1,
    lastProgress: 0,
    requestedAt: -1,
    nextMessageAt: -1,
    messagesSent: 0,
    completed: 0,
    completionTicks: [],
    refusals: 0,
    backoffUntil: 0,
    relogin: false,
    loginUntil: 0,
  };
  if (!hub) {
    node.peer = newPeer(items, 0, false);
    node.queueLimit = PEER_QUEUE_LIMIT;
    world.peers.push(node.index);
  }
  world.users.push(node.index);
  return node;
}

export function newServer(
  origin: boolean,
  content: number[],
  upstream: number,
): NonNullable<SimNode["server"]> {
  return {
    origin,
    capacity: origin ? ORIGIN_CAPACITY : SERVER_CAPACITY,
    upgrades: 0,
    content,
    backup: false,
    backupContent: null,
    restoreAt: 0,
    cloud: false,
    home: null,
    upstream,
    jobs: [],
    jobTurn: 0,
    fetching: new Map(),
    breached: false,
    breachedSince: 0,
    diskFailed: false,
    replica: false,
    replicaOf: -1,
    stateless: false,
  };
}

export function newPeer(items: number, mask: number, seed: boolean): NonNullable<SimNode["peer"]> {
  return {
    have: new Array<number>(items).fill(mask),
    corrupt: new Array<number>(items).fill(0),
    forged: new Array<number>(items).fill(0),
    harmfulFrom: new Map(),
    blamed: new Map(),
    harmFoundAt: -1,
    seed,
    malicious: false,
    breached: false,
    policy: "allow",
    strategy: "rarest",
    // Every real swarm checks each piece against the file's published hashes: the normal case.
    verify: true,
    approved: new Set(),
    denied: new Set(),
    awaiting: [],
    pending: [],
    snubbed: new Map(),
    uploadSlots: PEER_UPLOAD_SLOTS,
    backup: null,
    diskFailed: false,
    restoreAt: 0,
    known: new Set(),
    announceAt: 0,
    listed: false,
    announcedAt: -1,
    starved: false,
  };
}
