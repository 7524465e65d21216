/**
 * The simulation's state: plain data, no classes, so it can be hashed, copied and projected into
 * network state by the server. Nodes, links and packets are addressed by their index in a world.
 */
import type { GameEvent } from "./events";
import type { Intent } from "./intent-schema";
import type { PacketKind } from "./packet-kinds";
import type { Rng } from "./random";
import type { FailureEvent, FailureKind, Scenario } from "./scenario";

export { PACKET_KINDS, type PacketKind } from "./packet-kinds";

/** The two architectures. A versus match runs one world of each, side by side. */
export type Architecture = "hub" | "swarm";

export type NodeKind = "client" | "server" | "origin" | "router" | "peer" | "botnet" | "tracker";

/** Why a packet ended without being delivered. Every drop has exactly one. */
export const DROP_REASONS = [
  "queue-full", // a bounded queue was full when it arrived
  "server-busy", // a server had too many open jobs to take the request
  "link-down", // the link it was on, or waiting for, went down
  "node-down", // it was at, or arrived at, a node that is down or gone
  "no-route", // a router had no next hop for its destination
  "ttl", // it crossed too many links (a routing loop)
  "loss", // lost on a lossy link
  "blocked", // a firewall or block list stopped it
  "refused", // a peer refused the request
  "not-found", // a server had no copy and no upstream to fetch it from
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export type PeerPolicy = "allow" | "approve" | "deny";
export type ChunkStrategy = "rarest" | "sequential" | "random";

export interface Packet {
  id: number;
  kind: PacketKind;
  /** Node index that created it. */
  src: number;
  /** Node index it is addressed to now. */
  dst: number;
  /** For relayed messages: the user the message is for. -1 otherwise. */
  to: number;
  item: number;
  /** Chunk number for chunk and chunk-request packets; -1 for whole-item requests. */
  chunk: number;
  /** For hub requests: the chunks wanted, as a bit mask. */
  mask: number;
  created: number;
  hops: number;
  /** Harmful or damaged data (a chunk). */
  corrupt: boolean;
  /**
   * Harmful data whose fingerprints match: a cheat's own file, published with its own hashes. Hash
   * checks pass it; only opening the finished file shows the harm.
   */
  forged: boolean;
  encrypted: boolean;
  /** Leaked already: an attacker inside one of its ends, or a router it crossed, copied it. */
  leaked: boolean;
  /**
   * Routers that forwarded it (each once), credited when it arrives where it was going; kept only for
   * the packets that credit them (transport.ts: creditsRouters), empty for the rest.
   */
  via: number[];
  /** Tick it joined the queue it is in; for waiting limits and approvals. */
  since: number;
  /**
   * While it is on a link (in the link's `inFlight`): the tick it arrives and the node index it
   * travels towards. A packet is on one link at a time, so it carries these itself rather than in a
   * wrapper made at every hop (-1 until its first link; stale once it has arrived).
   */
  arrive: number;
  toward: number;
}

export interface Link {
  id: string;
  a: number;
  b: number;
  baseLatency: number;
  baseBandwidth: number;
  latency: number;
  bandwidth: number;
  /** Share of `bandwidth` open from b to a: an endpoint's upload on its access link (home lines upload little). */
  upShare: number;
  up: boolean;
  /** Tick the link last went down: the autopilot notices only DV_DETECT_TICKS later. */
  downSince: number;
  /** Probability of losing each packet, 0 when healthy (set with `setLoss`, transport.ts). */
  loss: number;
  /**
   * Whether `loss` is above 0, and whether `upShare` is below 1 (a home line): read for every packet
   * the link takes, where the fractions themselves are boxed numbers (a fraction is no small integer)
   * whose reading costs a step more.
   */
  lossy: boolean;
  homeLine: boolean;
  cost: number;
  /**
   * What entered this tick, per direction (a→b, b→a), for the bandwidth limit: in small packets, a
   * chunk-sized one counting SMALL_PER_CHUNK (transport.ts).
   */
  usedAB: number;
  usedBA: number;
  /** Packets on the link, in the order they entered it. */
  inFlight: Packet[];
  /** Packets ever carried: "busiest" and utilisation. */
  carried: number;
}

/** A server's open download: send `mask`'s chunks of `item` to node `to`. */
export interface Job {
  to: number;
  item: number;
  mask: number;
  encrypted: boolean;
  /** True when this is a fetch for another server (not a user's download). */
  forServer: boolean;
}

export interface PendingChunk {
  item: number;
  chunk: number;
  from: number;
  since: number;
  /** Ticks to wait for the answer (transport.ts: answerTimeout), set as it is asked. */
  waitFor: number;
}

export interface Counters {
  /** Packets processed (routers: forwarded; servers and peers: handled or sent). */
  work: number;
  /**
   * Routers: data they forwarded that reached the node it was addressed to (chunks and messages,
   * each counted once however often it passed). Requests, junk and corrupt data earn nothing, so a
   * flood's retries do not pay; a loop or a wrong route earns nothing either.
   */
  delivered: number;
  chunksServed: number;
  /** Of the chunks served, the clean ones (a breached server's or a cheat's do not count). */
  cleanServed: number;
  cacheHits: number;
  cacheMisses: number;
  junkSeen: number;
}

export interface SimNode {
  index: number;
  id: string;
  kind: NodeKind;
  label: string;
  region: string;
  x: number;
  y: number;
  links: number[];
  /** Player id holding this seat, or null for a bot seat. */
  holder: string | null;
  /** True when the autopilot (bot policy) decides for this node. */
  autopilot: boolean;
  /** Down until this tick (crash, outage, patch); 0 when up. Infinity for gone. */
  downUntil: number;
  /** Tick the node last went down (for the protocol's slow failure detection). */
  downSince: number;
  /** Down because it crashed: a restart brings it back sooner (an outage or a patch it cannot). */
  crashed: boolean;
  /** Left the network for good (churn, a peer that stopped seeding, a finished botnet). */
  gone: boolean;
  /** Security updates installed (failures.ts: each `exploit` publishes one, world.holes counts them). */
  updates: number;
  /**
   * Got into through a hole it had no update for: the attacker copies every data packet it sends or
   * is sent (a leak), until its update is installed (failures.ts).
   */
  infected: boolean;
  queue: Packet[];
  queueLimit: number;
  /** Fractional work carried over between ticks (rates × encryption factors are not whole). */
  credit: number;
  encrypt: boolean;
  blocked: Set<number>;
  /** Junk or corrupt packets seen per source node: evidence for blocking it. */
  suspects: Map<number, number>;
  counters: Counters;
  points: number;
  /** Malicious nodes this node has blocked (each pays a bonus once). */
  caught: Set<number>;
  router: RouterState | null;
  server: ServerState | null;
  user: UserState | null;
  peer: PeerState | null;
  /** A DDoS source: sends junk at `target` until `until`. */
  botnet: { target: number; rate: number; until: number } | null;
}

export interface RouterState {
  /**
   * Next-hop link per destination node index; -1 when none. A typed list of 16-bit numbers (addLink
   * keeps link numbers within them): it is read at every hop, and a school network's 400 routers hold
   * 2,000 destinations each (1.6 MB of tables a side; a plain list took four times that).
   */
  table: Int16Array;
  /** Second link a destination is split over, -1 when not split. */
  split: Int16Array;
  /** How many entries of `split` are not -1: forwarding looks a split up only when there are any. */
  splits: number;
  /**
   * Whether `table` is `dvVia` exactly, with no split: the protocol then has nothing to copy into it
   * until it computes something new (distance-vector.ts). False after a player's route, a table grown
   * for newcomers, or a round computed while a player held the router.
   */
  synced: boolean;
  splitTurn: number;
  priority: PacketKind | null;
  /** Distance-vector protocol state: cost per destination, and the link it came through. */
  dvCost: number[];
  dvVia: number[];
  /** The vector as last advertised to neighbours (neighbours see this one, a period late). */
  dvAdvertised: number[];
  wiretapUntil: number;
  leaked: number;
}

export interface ServerState {
  origin: boolean;
  capacity: number;
  upgrades: number;
  /** Chunks held per item, as masks. */
  content: number[];
  backup: boolean;
  backupContent: number[] | null;
  restoreAt: number;
  /**
   * In a cloud region: the data centre is its own region (CLOUD_REGION), reached over the internet
   * through a router of another region of the map, farther away, elastic and rented by the minute.
   */
  cloud: boolean;
  /** Where the server stood before it moved to the cloud, to move back; null while it is home. */
  home: { router: number; region: string; x: number; y: number } | null;
  upstream: number;
  jobs: Job[];
  jobTurn: number;
  /** Items being fetched from upstream: item → tick the fetch was sent. */
  fetching: Map<number, number>;
  breached: boolean;
  breachedSince: number;
  diskFailed: boolean;
  replica: boolean;
  /** The server this one is a replica of (a node index), -1 for an original. */
  replicaOf: number;
  /**
   * Where clients' sessions live. Stateful (false): in the server's own memory, lost when it goes down,
   * and every download it was serving starts again. Stateless (true): in a shared store, so a
   * download carries on wherever it is asked next.
   */
  stateless: boolean;
}

/** What a user (client in the hub, peer in the swarm) wants: the workload model, shared by both. */
export interface UserState {
  /** This user's slot in the workload (the same slot in both worlds). */
  slot: number;
  /** Items this user will want, in order. */
  wants: number[];
  /** Index into wants of the current item; wants.length when done. */
  current: number;
  /** Tick the current want starts (the user is idle before it). */
  wantFrom: number;
  /** Chunks of the current item received, as a mask. */
  got: number;
  /** Of those, the corrupt ones (a hub client cannot tell: it finds out when it opens the item). */
  gotCorrupt: number;
  /**
   * Hub: chunks of the current item received before its server lost the session: fetched again,
   * they are not counted as useful a second time.
   */
  redo: number;
  /** Hub: server index the user asks, rotated on timeout. */
  serverTurn: number;
  /** Hub: the server the player chose to ask (a node index), -1 for the usual one. */
  chosen: number;
  lastProgress: number;
  requestedAt: number;
  /** Hub: ticks to wait for an answer from the server last asked (answerTimeout), set as it is asked. */
  waitFor: number;
  nextMessageAt: number;
  messagesSent: number;
  completed: number;
  /** Completion times of finished items, in ticks. */
  completionTicks: number[];
  /** Hub: refusals ("busy") in a row since the last chunk arrived, and the tick before which it waits. */
  refusals: number;
  backoffUntil: number;
  /** Hub: the user was logged out (their server lost its sessions) and must sign in again first. */
  relogin: boolean;
  /** Hub: the tick the user's sign-in is done; nothing is asked of any server before it. */
  loginUntil: number;
}

export interface PeerState {
  /** Chunks held per item (clean or not), as masks. */
  have: number[];
  /** Of those, the corrupt ones. */
  corrupt: number[];
  /** Of the corrupt ones, those that passed the hash check (a cheat's forged file). */
  forged: number[];
  /** Who sent each kept corrupt chunk, per item: blamed when the finished file turns out harmful. */
  harmfulFrom: Map<number, number[]>;
  /** Harmful chunks blamed on each sender once a file was opened: the owner's evidence, not the software's. */
  blamed: Map<number, number>;
  /** Tick this peer's user first opened a harmful file; -1 never. Its owner acts on it in their own time. */
  harmFoundAt: number;
  seed: boolean;
  /** A stranger serving a harmful file with valid-looking hashes (the swarm's consensus problem). */
  malicious: boolean;
  /** Hacked: its stored data is tampered, so its chunks fail other peers' hash checks. */
  breached: boolean;
  policy: PeerPolicy;
  strategy: ChunkStrategy;
  verify: boolean;
  approved: Set<number>;
  denied: Set<number>;
  /** Chunk requests waiting for the owner's approval. */
  awaiting: Packet[];
  pending: PendingChunk[];
  /**
   * No request in `pending` can go unanswered before this tick (a lower bound: it is lowered as
   * requests are added and made exact when the list is compacted). While every slot is taken and the
   * tick has not passed it, a peer has nothing to ask for and its requests need not be looked at.
   */
  pendingDue: number;
  /** Peers that left a request unanswered, and when: skipped as sources for a while (snubbed). */
  snubbed: Map<number, number>;
  uploadSlots: number;
  /**
   * The owner's own backup of this computer (clean chunks per item, following every new one), or null
   * when there is none: in a swarm every computer is backed up on its own, or not at all.
   */
  backup: number[] | null;
  /** The disk failed and nothing has been restored yet. */
  diskFailed: boolean;
  /** Tick a running restore from the backup finishes; 0 when none is running. */
  restoreAt: number;
  /**
   * The peers this one knows (node indexes): those the tracker named, and those that connected to it.
   * It asks only them for chunks and counts only their chunks for rarest-first.
   */
  known: Set<number>;
  /** Tick of the next visit to the tracker. */
  announceAt: number;
  /** On the tracker's list (it reached the tracker once): the tracker names it to others. */
  listed: boolean;
  /** Tick of the last visit to the tracker, answered or not; -1 before the first. */
  announcedAt: number;
  /** None of the peers it knows holds a chunk it needs: it asks the tracker for more, soon. */
  starved: boolean;
}

/** One world: a team's network under one architecture. */
export interface World {
  team: Architecture;
  nodes: SimNode[];
  links: Link[];
  idIndex: Map<string, number>;
  linkIndex: Map<string, number>;
  rng: Rng;
  /** Items × chunks: how many live peers hold each chunk (swarm), for rarest-first. */
  availability: number[][];
  /** Users of the workload (clients or peers), in order. */
  users: number[];
  /** Hub: the servers users may ask (not the origin). */
  servers: number[];
  /** Swarm: every peer (seeds, users, malicious joiners). */
  peers: number[];
  /** Swarm: how many of `peers` are gone, as of the last recountAvailability (every leaving calls it). */
  peersGone: number;
  /**
   * Swarm: the peers the tracker has listed (each announced once), in the order of `peers`
   * (ascending node index), gone or not: the tracker's candidates are read from these alone.
   */
  listedPeers: number[];
  /** Swarm: the tracker's node index; -1 in the hub. */
  tracker: number;
  /** The tracker's own draws (which peers it names), apart from the world's stream. */
  trackerRng: Rng;
  stats: WorldStats;
  /** Coins spent, by category. */
  spent: { setup: number; running: number; upgrades: number; bandwidth: number; upkeep: number };
  /** Fractional running costs accumulate here until a whole coin is due. */
  runningDebt: number;
  /** Security holes published so far (`exploit` failures): a machine with fewer updates is open. */
  holes: number;
  /** Attacks still to come through open holes, in tick order (failures.ts: spreadInfections). */
  attacks: Attack[];
  /**
   * Endpoints (servers, peers, users) that block a source: their access routers filter it. While none
   * does, a router need not look up each packet's destination to check (routing.ts: filteredUpstream).
   */
  blockingEndpoints: number;
  /** Routers that block a source themselves: while none does, an arriving packet is not looked up. */
  blockingRouters: number;
  /** Links a packet may cross before it is dropped (ttl): MAX_HOPS, or more on a wide map (rules 4). */
  hopLimit: number;
  /** The routing protocol's "unreachable" cost: DV_INFINITY, or more on a wide map (rules 4). */
  dvInfinity: number;
  /** From rules 4: the map's latencies between routers as built, for requests' timeouts (answerTimeout). */
  roundTrips: RoundTrips | null;
}

/** Latency between every two routers over the map as built (routing.ts: mapReach). */
export interface RoundTrips {
  /** A router's node index → its row and column; -1 for other nodes. */
  slot: Int32Array;
  /** Row-major, `routers` × `routers`: the lowest latency from one router to another. */
  between: Float64Array;
  routers: number;
}

/** An attacker reaching one machine through a hole, if the machine has not installed its update by then. */
export interface Attack {
  tick: number;
  node: number;
  /** The hole's number (1 for the first): a machine with at least this many updates is safe. */
  hole: number;
  /** The end of the exploit's window: no attack lands after it. */
  until: number;
}

export interface WorldStats {
  created: number;
  delivered: number;
  inFlight: number;
  dropped: Record<DropReason, number>;
  /** Clean chunks that completed a user's want (goodput). */
  usefulChunks: number;
  /** Useful chunks per game second. */
  goodput: number[];
  /** Users wanting an item, sampled each game second: goodput is judged against demand. */
  demand: number[];
  /** usefulChunks at the start of the current second. */
  usefulAtSecond: number;
  /** Corrupt chunks a user kept (its own copy is now bad); verified and discarded ones are not counted. */
  corruptDelivered: number;
  /** Corrupt chunks a peer's hash check caught and threw away (asked for again). */
  corruptDiscarded: number;
  /** Hub: users logged out because a stateful server went down (their downloads started again). */
  sessionsLost: number;
  /** Ticks of server time rented in the cloud (one per cloud server per tick). */
  cloudTicks: number;
  leaked: number;
  dataPackets: number;
  /** Items a user finished with a clean copy. */
  itemsCompleted: number;
  /** Items a user finished with a corrupt chunk in them: not finished items (a broken file). */
  itemsCorrupt: number;
  /** Machines attackers got into through a hole with no update installed. */
  infections: number;
  /** Of the leaked packets, those an attacker inside one of their ends copied (the rest: wiretaps). */
  stolen: number;
  /** Ticks of machine time in attackers' hands: each tick, one per machine they are inside. */
  infectedTicks: number;
  messagesDelivered: number;
  messageLatencyTicks: number[];
  chunksDelivered: number;
  hopsCarried: number;
}

export type ActiveFailure = {
  /** Index into match.failureLog. */
  log: number;
  team: Architecture;
  kind: FailureKind;
  endTick: number;
  /** What to undo when it ends. */
  undo: () => void;
};

export interface FailureRecord {
  kind: FailureKind;
  startTick: number;
  endTick: number | null;
  /** What it hit, per team; a team with nothing to hit records why. */
  effects: { team: Architecture; target: string; event: GameEvent }[];
  source: "scheduled" | "host";
}

/** One entry of the match log: what happened, as a code and parameters (events.ts). */
export interface MatchLogEntry {
  tick: number;
  team: Architecture | null;
  event: GameEvent;
}

/** Numbers derived once from the scenario, read by every mechanic. */
export interface SimContext {
  items: number;
  chunks: number;
  /** Mask with every chunk of an item. */
  full: number;
  thinkTicks: number;
  /** Ticks between a user's messages; 0 for none. */
  messageEvery: number;
  /** The rules the match plays under (SIM_RULES, or a stored match's own). */
  rules: number;
}

export interface Match {
  scenario: Scenario;
  ctx: SimContext;
  tick: number;
  endTick: number;
  paused: boolean;
  ended: boolean;
  worlds: World[];
  queued: QueuedIntent[];
  /** Every decision of a player or the host that took effect, in order: the match's replayable record. */
  record: RecordedIntent[];
  schedule: FailureEvent[];
  nextScheduled: number;
  failureLog: FailureRecord[];
  /** Failures the host started during the round, and the tick each started: the autopilot twin plays them too. */
  hostFailures: { tick: number; failure: FailureEvent }[];
  /**
   * An autopilot twin's copy of its class's host failures (twin.ts): each is started at its
   * tick as the host's own trigger, queued after that tick's bot decisions, as in the class. Empty
   * for any other match.
   */
  hostFailuresToPlay: { tick: number; failure: FailureEvent }[];
  nextHostFailureToPlay: number;
  active: ActiveFailure[];
  log: MatchLogEntry[];
  nextPacketId: number;
  /**
   * Route decisions that, when they were taken, sent their destination round in a circle (following
   * the routers' tables led back to a router already passed). They never earn points (points.ts).
   * Derived from the record: a replay marks the same ones.
   */
  loopRoutes: WeakSet<Intent>;
  /** When true, packets entering links are recorded for one tick in `transits` (for the server). */
  recordTransits: boolean;
  transits: { team: Architecture; link: number; from: number; enter: number; packet: Packet }[];
}

export type Actor = { kind: "player"; id: string } | { kind: "host" } | { kind: "bot" };

export interface QueuedIntent {
  actor: Actor;
  intent: Intent;
}

/**
 * A decision a player or the host made, as it took effect: in the tick's queue (`now` absent), or
 * between two ticks (`now`: a seat taken or given back, a player away, time added). Scenario, seed
 * and these replay the match exactly (replay.ts).
 */
export interface RecordedIntent extends QueuedIntent {
  tick: number;
  now?: true;
}
