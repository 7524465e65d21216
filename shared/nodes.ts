/**
 * The nodes and links of a team's world, made one by one: routers, endpoints placed around their
 * router, access links, and the state a server, a peer or a user starts with. buildWorld (map.ts)
 * puts a whole network together with these; failures, replicas and the cloud use them mid-match.
 */
import {
  CLIENT_TIMEOUT,
  DEFAULT_QUEUE_LIMIT,
  NEVER,
  ORIGIN_CAPACITY,
  PEER_QUEUE_LIMIT,
  PEER_UPLOAD_SLOTS,
  SERVER_CAPACITY,
} from "./constants";
import { MAP_HEIGHT, MAP_WIDTH } from "./map-layout";
import type { Link, NodeKind, SimNode, World } from "./types";

/**
 * Access links: endpoint to its router, in packets per tick. A server sits on a wide symmetric line;
 * a home computer (a client, a peer, a seed) downloads far faster than it uploads, like home
 * broadband.
 */
export const ACCESS_LATENCY = 1;
export const HOLDER_BANDWIDTH = 12;
export const USER_BANDWIDTH = 8;
/** A home line's upload: a quarter of its download. */
export const HOME_UPLOAD_SHARE = 0.25;
/** The origin is far away: its link is this many times the core latency. */
export const ORIGIN_LATENCY_FACTOR = 3;
/** Seeds upload faster than ordinary peers (they are the swarm's counterpart of servers). */
export const SEED_UPLOAD_SLOTS = 2;

export function newNode(
  world: World,
  id: string,
  kind: NodeKind,
  label: string,
  region: string,
  x: number,
  y: number,
) {
  // The fields every tick reads come first, next to the object's header (which every read of a
  // field checks): walking a school network's 2,000 nodes then reads two or three cache lines of
  // each instead of four or five. The order of the fields changes nothing else.
  const node: SimNode = {
    index: world.nodes.length,
    kind,
    gone: false,
    downUntil: 0,
    queue: [],
    queueLimit: DEFAULT_QUEUE_LIMIT,
    credit: 0,
    encrypt: false,
    infected: false,
    router: null,
    server: null,
    user: null,
    peer: null,
    links: [],
    blocked: new Set(),
    counters: {
      work: 0,
      delivered: 0,
      chunksServed: 0,
      cleanServed: 0,
      cacheHits: 0,
      cacheMisses: 0,
      junkSeen: 0,
    },
    id,
    label,
    region,
    x,
    y,
    holder: null,
    autopilot: true,
    downSince: 0,
    crashed: false,
    updates: 0,
    suspects: new Map(),
    points: 0,
    caught: new Set(),
    botnet: null,
  };
  world.nodes.push(node);
  world.idIndex.set(id, node.index);
  return node;
}

/** The highest link number a routing table can hold (Int16Array). */
const MAX_LINK_INDEX = 32_767;

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
  // Fields read as packets cross come first, next to the header (as for nodes, above).
  const link: Link = {
    inFlight: [],
    usedAB: 0,
    usedBA: 0,
    up: true,
    lossy: false,
    homeLine: upShare < 1,
    a,
    b,
    bandwidth,
    upShare,
    latency,
    loss: 0,
    carried: 0,
    id: `${na.id}-${nb.id}`,
    baseLatency: latency,
    baseBandwidth: bandwidth,
    downSince: 0,
    cost: 0,
  };
  const index = world.links.length;
  // Routing tables hold link numbers in 16 bits (RouterState.table): far beyond any map here (a
  // school network of 4,000 computers has about 2,400 links a side), but never wrapped silently.
  if (index > MAX_LINK_INDEX) throw new Error(`a network has at most ${MAX_LINK_INDEX + 1} links`);
  world.links.push(link);
  world.linkIndex.set(link.id, index);
  na.links.push(index);
  nb.links.push(index);
  return link;
}

/** How far an endpoint sits from its router, in map units; a crowded router's next ring is further. */
const FAN_DISTANCE = 88;
const FAN_RING_STEP = 40;
const FAN_RINGS = 3;
/** Directions tried around a router, every 15 degrees. */
const FAN_DIRECTIONS = 24;
/**
 * Room an endpoint wants around it, in map units: about an icon and a gap on a projector, where a
 * team's map is drawn at about 0.6 to 0.7 pixels a unit. Clients fanned 0.7 radians apart at 88 units
 * were 58 units apart, and at the top of a ring, pressed against the map's edge, they touched.
 */
const ENDPOINT_ROOM = 80;
/** Room an endpoint wants from a link between routers, so it never sits on one. */
const LINK_ROOM = 36;
/** Routers nearer each other than this (map units) leave no room between them for endpoints. */
const DENSE = FAN_DISTANCE + ENDPOINT_ROOM;
/** How far inside the map's edge a node sits. */
const EDGE = 20;

/**
 * Where an endpoint sits: beside its router, away from the map's centre where there is room. Tried in
 * order: straight out, then alternately either side, 15 degrees at a time, then a ring further out;
 * the first spot inside the map with room around it (ENDPOINT_ROOM from the nodes near the router,
 * LINK_ROOM from their links) wins. Where none has, the first with room from the nodes (over a link
 * line), else the roomiest. A router with another close by (a dense map) takes its slot in a fan.
 * Positions only draw the map: they are no part of the simulation or its hash. `self` is the
 * endpoint being moved (reattach), which is no obstacle to itself.
 */
function placeNear(world: World, routerIndex: number, self = -1): { x: number; y: number } {
  const r = world.nodes[routerIndex]!;
  const base = Math.atan2(r.y - MAP_HEIGHT / 2, r.x - MAP_WIDTH / 2 || 1);
  const { points, segments } = surroundings(world, routerIndex, self);
  // A dense map (a grid of a hundred routers) has no room between its routers: the fan keeps order.
  if (points.some((p) => p.kind === "router" && Math.hypot(p.x - r.x, p.y - r.y) < DENSE))
    return fanSlot(world, routerIndex, self);
  let overLink: { x: number; y: number } | null = null;
  let roomiest: { x: number; y: number } | null = null;
  let most = 0;
  for (let ring = 0; ring < FAN_RINGS; ring++) {
    const d = FAN_DISTANCE + FAN_RING_STEP * ring;
    for (let k = 0; k < FAN_DIRECTIONS; k++) {
      const side = k === 0 ? 0 : (k % 2 ? 1 : -1) * Math.ceil(k / 2);
      const a = base + (side * 2 * Math.PI) / FAN_DIRECTIONS;
      const x = r.x + d * Math.cos(a);
      const y = r.y + d * Math.sin(a);
      if (x < EDGE || x > MAP_WIDTH - EDGE || y < EDGE || y > MAP_HEIGHT - EDGE) continue;
      let clear = Number.POSITIVE_INFINITY;
      for (const p of points) clear = Math.min(clear, Math.hypot(x - p.x, y - p.y));
      if (clear < ENDPOINT_ROOM) {
        // Crowded: the roomiest spot, a ring further out counted as one ring's width less room.
        const room = clear - FAN_RING_STEP * ring;
        if (room > most) {
          roomiest = { x, y };
          most = room;
        }
        continue;
      }
      if (segments.every(([p, q]) => toSegment(x, y, p, q) >= LINK_ROOM)) return { x, y };
      overLink ??= { x, y };
    }
  }
  return overLink ?? roomiest ?? fanSlot(world, routerIndex, self);
}

/**
 * Where a dense map (a grid of a hundred routers) puts an endpoint: the router's next slot of a fan
 * pointing away from the centre, 0.7 radians apart, kept inside the map. Nothing has room there; the
 * fans keep each router's endpoints beside it, the centre clear and the lines short.
 */
function fanSlot(world: World, routerIndex: number, self: number): { x: number; y: number } {
  const r = world.nodes[routerIndex]!;
  let slot = 0;
  for (const li of r.links) {
    const link = world.links[li]!;
    const other = link.a === routerIndex ? link.b : link.a;
    if (other !== self && world.nodes[other]!.kind !== "router" && world.nodes[other]!.links[0] === li)
      slot++;
  }
  const base = Math.atan2(r.y - MAP_HEIGHT / 2, r.x - MAP_WIDTH / 2 || 1);
  const ring = Math.floor(slot / 5);
  const k = slot % 5;
  const side = k === 0 ? 0 : (k % 2 ? 1 : -1) * Math.ceil(k / 2);
  const a = base + side * 0.7 + ring * 0.35;
  const d = FAN_DISTANCE + FAN_RING_STEP * ring;
  return {
    x: Math.max(EDGE, Math.min(MAP_WIDTH - EDGE, r.x + d * Math.cos(a))),
    y: Math.max(EDGE, Math.min(MAP_HEIGHT - EDGE, r.y + d * Math.sin(a))),
  };
}

/**
 * What an endpoint near a router should keep clear of: the routers up to two links away, the nodes
 * attached to them, and the links between routers there. Local, so a school-sized map places its
 * thousands of endpoints as fast as a classroom's.
 */
function surroundings(
  world: World,
  routerIndex: number,
  self: number,
): { points: SimNode[]; segments: [SimNode, SimNode][] } {
  const points: SimNode[] = [];
  const segments: [SimNode, SimNode][] = [];
  // The routers up to two links away: on a dense grid the fans of routers two apart meet.
  const routers = [routerIndex];
  for (let i = 0, hop = 0; hop < 2; hop++) {
    for (const end = routers.length; i < end; i++)
      for (const li of world.nodes[routers[i]!]!.links) {
        const l = world.links[li]!;
        const other = l.a === routers[i] ? l.b : l.a;
        if (world.nodes[other]!.kind === "router" && !routers.includes(other)) routers.push(other);
      }
  }
  const seen = new Set<number>([routerIndex, self]);
  for (const ri of routers) {
    const router = world.nodes[ri]!;
    if (!seen.has(ri)) points.push(router);
    seen.add(ri);
    for (const li of router.links) {
      const l = world.links[li]!;
      const other = l.a === ri ? l.b : l.a;
      const node = world.nodes[other]!;
      if (node.kind === "router") segments.push([router, node]);
      else if (!seen.has(other)) {
        seen.add(other);
        points.push(node);
      }
    }
  }
  return { points, segments };
}

/** Distance from (x, y) to the segment between two nodes. */
function toSegment(x: number, y: number, p: SimNode, q: SimNode): number {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((x - p.x) * dx + (y - p.y) * dy) / len));
  return Math.hypot(x - (p.x + t * dx), y - (p.y + t * dy));
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
  const { x, y } = placeNear(world, spec.router);
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
  if (link.a === old) link.a = router;
  else link.b = router;
  world.nodes[router]!.links.push(li);
  const { x, y } = placeNear(world, router, node.index);
  node.x = x;
  node.y = y;
}

/** The router an endpoint hangs off (endpoints have exactly one access link). */
export function attachedTo(world: World, node: SimNode): number {
  const link = world.links[node.links[0]!]!;
  return link.a === node.index ? link.b : link.a;
}

export function fullMask(chunks: number): number {
  return chunks >= 31 ? 0x7fffffff : (1 << chunks) - 1;
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
  // What each tick reads of a user comes first, next to the header (see newNode).
  node.user = {
    nextMessageAt: -1,
    current: 0,
    wants: [],
    wantFrom: 0,
    backoffUntil: 0,
    loginUntil: 0,
    relogin: false,
    requestedAt: -1,
    lastProgress: 0,
    waitFor: CLIENT_TIMEOUT,
    got: 0,
    slot: world.users.length,
    redo: 0,
    gotCorrupt: 0,
    serverTurn: world.users.length,
    chosen: -1,
    messagesSent: 0,
    completed: 0,
    completionTicks: [],
    refusals: 0,
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
  // What each tick reads of a peer comes first, next to the header (see newNode).
  return {
    announceAt: 0,
    restoreAt: 0,
    awaiting: [],
    uploadSlots: PEER_UPLOAD_SLOTS,
    malicious: false,
    backup: null,
    have: new Array<number>(items).fill(mask),
    pending: [],
    pendingDue: NEVER,
    known: new Set(),
    snubbed: new Map(),
    starved: false,
    strategy: "rarest",
    corrupt: new Array<number>(items).fill(0),
    forged: new Array<number>(items).fill(0),
    harmfulFrom: new Map(),
    blamed: new Map(),
    harmFoundAt: -1,
    seed,
    breached: false,
    policy: "allow",
    // Every real swarm checks each piece against the file's published hashes: the normal case.
    verify: true,
    approved: new Set(),
    denied: new Set(),
    diskFailed: false,
    listed: false,
    announcedAt: -1,
  };
}

/** A computer counts one more piece of evidence against the source `src` (junk, a bad piece). */
export function suspect(node: SimNode, src: number): void {
  node.suspects.set(src, (node.suspects.get(src) ?? 0) + 1);
}

/**
 * Computers that take security updates: servers, clients, peers and routers (not the tracker, an
 * origin elsewhere, or strangers and botnets, which nobody here looks after).
 */
export function takesUpdates(node: SimNode): boolean {
  if (node.gone || node.botnet) return false;
  if (node.peer) return !node.peer.malicious;
  return node.kind === "server" || node.kind === "client" || node.kind === "router";
}
