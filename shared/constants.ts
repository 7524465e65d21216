/**
 * Tuning constants of the simulation, with their units. Values that cross the wire live here too.
 */

/** Simulation ticks per second of game time. */
export const TICKS_PER_SECOND = 10;
/**
 * A tick no match reaches (three years of play), for "not before the end": a small integer, where
 * Infinity would make the field that holds it a boxed number every read of it follows.
 */
export const NEVER = 0x3fffffff;

/**
 * A packet that has crossed this many links is dropped (reason "ttl"): stops routing loops. From rules
 * 4 a map wider than half of it raises its own limit (routing.ts: mapReach), as DV_INFINITY below.
 */
export const MAX_HOPS = 16;
/** Ticks a packet may wait at a router for a down link before it is dropped (reason "link-down"). */
export const MAX_WAIT_TICKS = 30;

/** Link budget a small packet (request, answer, message) takes, in chunk-sized packets. */
export const SMALL_PACKET_SIZE = 0.125;

/** Default bounded queue length of a router, server or peer, in packets. */
export const DEFAULT_QUEUE_LIMIT = 48;
/** Packets a router forwards per tick. */
export const ROUTER_RATE = 32;

/**
 * Work units a server does per tick: one unit handles a queued packet or sends one chunk. A server is
 * worth many home computers: eight times a peer's upload (PEER_UPLOAD_SLOTS), on a symmetric line.
 */
export const SERVER_CAPACITY = 8;
/** Capacity added by one server upgrade ("scale vertically"). */
export const UPGRADE_CAPACITY = 4;
/** Most upgrades a server can take. */
export const MAX_UPGRADES = 3;
/** Open download jobs a server keeps; a request beyond this is dropped (reason "server-busy"). */
export const SERVER_MAX_JOBS = 24;
/** An origin server's capacity: big, but far away. */
export const ORIGIN_CAPACITY = 16;
/**
 * Encryption costs capacity: a node that encrypts works at this fraction of its rate. Modern TLS costs
 * a few per cent of a machine's work (the handshake once per connection, then cheap bulk ciphers).
 */
export const ENCRYPTION_FACTOR = 0.95;

/**
 * The simulation's rules, numbered: a stored match carries the number it was played under and replays
 * under it (a match stored without one was played under 1), so changing a rule never changes what an
 * old match shows. Bots in every seat play the same under every version (rules 4 aside, on the wide maps
 * it mends).
 * - 1: the first rules.
 * - 2: a hub client that encrypts its own connection costs its server the cipher for what the server
 *   sends it (it was free: only a server's own encryption lowered its rate).
 * - 3: an origin that does not encrypt pays the cipher for what it sends a cache server that does, as
 *   a server pays for a client's encryption under 2 (it was free); and the state hash a match stores
 *   mixes numbers as 32-bit words, not their decimal text (hash.ts), about three times faster to take.
 * - 4: a map wider than the hop limit or the routing protocol's "unreachable" cost raises both to twice
 *   its widest path (routing.ts: mapReach). Before, on a ring of 60 or more routers, a grid of 70 or
 *   more or long links, far users could never reach each other: their packets ran out of hops, or the
 *   protocol counted them unreachable. And a request waits for its answer at least half again its
 *   round trip over the map as built (transport.ts: answerTimeout): across `district` a round trip
 *   takes up to 4.8 s, so requests timed out at 3 s with their answers on the way, and came twice.
 *   Every map where both limits and every wait already fit plays as under 3; solo level 8, whose seed
 *   is 4 s away and which had been tuned on those early timeouts, was set up anew with it.
 */
export const SIM_RULES = 4;

/** The rules a stored result was played under: its own, or 1 for a match stored before they were numbered. */
export function rulesOf(result: { rules?: number }): number {
  return result.rules ?? 1;
}

/** Ticks between a restore-from-backup order and the content being back. */
export const RESTORE_TICKS = 3 * TICKS_PER_SECOND;
/** Ticks a server is offline while it is isolated and patched after a breach. */
export const PATCH_TICKS = 4 * TICKS_PER_SECOND;
/** A crashed machine restarted by hand is back after this long (booting, services starting). */
export const RESTART_TICKS = 8 * TICKS_PER_SECOND;
/**
 * A security hole (`exploit`): attackers need a while to turn a published hole into an attack (the
 * time a machine has to install its update unharmed), then reach the open machines over the next
 * EXPLOIT_SPREAD_TICKS. Cleaning a machine that was got into (installing the update) restarts it:
 * offline for UPDATE_CLEAN_TICKS.
 */
export const EXPLOIT_GRACE_TICKS = 15 * TICKS_PER_SECOND;
export const EXPLOIT_SPREAD_TICKS = 30 * TICKS_PER_SECOND;
export const UPDATE_CLEAN_TICKS = 5 * TICKS_PER_SECOND;
/** The region a server moves to in the cloud: a data centre of its own, outside the map's regions. */
export const CLOUD_REGION = "Cloud";
/** Extra latency of a server's uplink once it has moved to a cloud region, in ticks. */
export const CLOUD_EXTRA_LATENCY = 1;
/** A cloud server's capacity doubles while its queue is at least this full (elastic capacity). */
export const CLOUD_ELASTIC_THRESHOLD = 0.5;

/**
 * The tracker: the swarm's one central piece. It knows who is in the swarm and hands each peer that
 * asks a random few of them (PEER_VIEW); a peer knows only those, and the peers that connected to it
 * (up to PEER_VIEW_MAX). It carries no data: while it is down, peers that know others carry on, and a
 * newcomer knows nobody.
 */
export const PEER_VIEW = 20;
export const PEER_VIEW_MAX = 40;
/** A peer asks the tracker again this often, for more peers when it knows fewer than PEER_VIEW alive. */
export const TRACKER_ANNOUNCE_TICKS = 30 * TICKS_PER_SECOND;
/** A peer whose tracker did not answer tries again this soon. */
export const TRACKER_RETRY_TICKS = 5 * TICKS_PER_SECOND;

/** Chunks a peer uploads per tick. */
export const PEER_UPLOAD_SLOTS = 1;
/** Chunk requests a peer queues for upload; more are refused at once (a "choke"). */
export const PEER_QUEUE_LIMIT = 16;
/** Chunk requests a peer keeps outstanding at once. */
export const PEER_DOWNLOAD_SLOTS = 8;
/** Ticks before an unanswered chunk request is given up and asked of another peer. */
export const PEER_REQUEST_TIMEOUT = 3 * TICKS_PER_SECOND;
/** Ticks a peer avoids a source that left a request unanswered. */
export const PEER_SNUB_TICKS = 10 * TICKS_PER_SECOND;
/** Holders of a chunk a peer compares before asking the least busy of them (its local view). */
export const SOURCE_SAMPLE = 4;
/** Ticks a peer avoids a source that said its queue was full ("choked"): busy now, not gone. */
export const PEER_CHOKE_TICKS = 1 * TICKS_PER_SECOND;
/** Ticks a chunk request from an unknown peer waits for approval before it is refused. */
export const APPROVAL_TIMEOUT = 5 * TICKS_PER_SECOND;

/** Ticks a logged-out user takes to sign in again before their app asks for anything (stateful servers). */
export const LOGIN_TICKS = 5 * TICKS_PER_SECOND;
/** Ticks a client waits without progress before it asks again, trying the next server. */
export const CLIENT_TIMEOUT = 3 * TICKS_PER_SECOND;
/**
 * Work units a server spends refusing a request it has no room for: reading a header and answering
 * "busy, come back later" costs a small fraction of sending a chunk, so a crowd knocking at a full
 * server cannot keep it busy refusing (no livelock).
 */
export const REFUSAL_WORK = 0.1;
/**
 * Ticks a refused client waits before asking again: doubled with each refusal in a row (at most
 * CLIENT_BACKOFF_DOUBLINGS times), plus a random share of the same, so a crowd does not come back at once.
 */
export const CLIENT_BACKOFF_TICKS = 1 * TICKS_PER_SECOND;
export const CLIENT_BACKOFF_DOUBLINGS = 4;

/** Most chunks in one item: a chunk set is a 31-bit mask. */
export const MAX_CHUNKS = 31;

/** Distance-vector routing: ticks between two advertisements (the autopilot is slow on purpose). */
export const DV_PERIOD = 4 * TICKS_PER_SECOND;
/** Ticks before the protocol notices a dead link or neighbour (missed hellos). A player sees it at once. */
export const DV_DETECT_TICKS = 5 * TICKS_PER_SECOND;
/**
 * Distance-vector "infinity", in ticks of latency: a destination this far is unreachable. From rules 4
 * a map whose widest path costs more than half of it raises its own (routing.ts: mapReach).
 */
export const DV_INFINITY = 64;

/** Bots decide once every this many ticks. */
export const BOT_PERIOD = 5;
/** Ticks a server bot needs to notice a breach of its own server. */
export const BOT_BREACH_DETECT_TICKS = 10 * TICKS_PER_SECOND;
/** Centrally monitored machines (routers, servers, a hub's clients): a crash is restarted after this. */
export const BOT_RESTART_DETECT_TICKS = 15 * TICKS_PER_SECOND;
/** Central management rolls a published security update out to every machine after this long. */
export const BOT_UPDATE_TICKS = 5 * TICKS_PER_SECOND;
/**
 * Ticks before a hub's central admin notices a flood of junk at a server (the monitoring alarm, then
 * the call to the provider) and has every source filtered upstream. A player who reads the banner
 * can block the sources at once.
 */
export const BOT_FLOOD_DETECT_TICKS = 15 * TICKS_PER_SECOND;
/** Junk packets from one source a bot sees before it blocks that source. */
export const BOT_JUNK_BLOCK_THRESHOLD = 20;
/** Corrupt chunks from one peer a verifying bot sees before it blocks that peer. */
export const BOT_CORRUPT_BLOCK_THRESHOLD = 2;

/** Coins. Setup prices are paid once, running prices every game minute. */
export const PRICES = {
  server: 300, // buy one server (setup)
  replica: 250, // bring a replica online
  upgrade: 150, // one capacity upgrade
  router: 60, // a router: same price in both architectures
  serverRunningPerMinute: 40,
  routerRunningPerMinute: 5,
  backupPerMinute: 15,
  sessionStorePerMinute: 10, // a stateless service keeps its sessions in a shared store
  peerBackupPerMinute: 2, // a peer's owner backs up their own computer (a drive or a service)
  cloudPerMinute: 60, // replaces the server's own running cost; backups included
  bandwidthPer100Chunks: 4, // chunks sent from infrastructure the team pays for (servers, origin)
} as const;

/**
 * Upkeep: keeping the users' computers secured, updated and backed up, in coins per minute. A hub's
 * clients are managed centrally, one admin and one set of updates and backups for all, so each costs
 * little. In a swarm nobody does it but each owner, on their own, and every other peer is one more
 * point of entry to guard against, so one peer's upkeep grows with the swarm:
 * PEER_UPKEEP_PER_MINUTE × (1 + peers / PEER_UPKEEP_PEERS). Cheap for a home network, dearer than a
 * server from about fifty computers (the notes' crossover).
 */
export const CLIENT_UPKEEP_PER_MINUTE = 1;
/**
 * A client-server network needs a specialist to run it (the notes: "you generally require a specialist
 * IT staff"): a fixed cost per minute for any network with servers, however few clients it has. It is
 * what makes a hub dear for a handful of computers and cheap per computer for a big school.
 */
export const HUB_ADMIN_PER_MINUTE = 300;
export const PEER_UPKEEP_PER_MINUTE = 2;
/** Peers at which one peer's upkeep has doubled. */
export const PEER_UPKEEP_PEERS = 7;

/** Junk packets per tick one botnet source can send. */
export const BOTNET_RATE = 4;
/** Botnet sources a DDoS uses. */
export const BOTNET_SOURCES = 3;

/** A failure without a duration counts as a failure window for this long when scoring survival. */
export const DEFAULT_FAILURE_WINDOW_TICKS = 30 * TICKS_PER_SECOND;

/** Bonus points for decisions that really helped (scoring.ts playerPoints adds what the node did). */
export const POINTS = {
  maliciousBlocked: 40, // blocked a peer or source that really was malicious
  breachPatched: 30, // patched a breached server
  restored: 20, // restored a server from backup
} as const;
