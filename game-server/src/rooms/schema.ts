/**
 * Network state: what browsers need to draw the match and decide, nothing server-private (no host
 * key, no other player's pending approvals). Each packet's link crossing is synced once, packed into
 * its team's `transits` with its enter and arrive ticks; clients animate between the two (DESIGN.md
 * §5). The field holds every crossing since the last patch and is cleared after each patch.
 */
import { Encoder, MapSchema, Schema, type, view } from "@colyseus/schema";
import type {
  EventView,
  FailureView,
  LinkView,
  MatchMode,
  MatchPhase,
  MatchView,
  NodeView,
  PlayerView,
  SavedStatus,
  TeamView,
  UpcomingView,
  ViewFactory,
} from "../../../shared/index";
// Every state this process encodes needs the corrected string header (see string-encoding.ts).
import "./string-encoding";

/**
 * Bytes each room sets aside for encoding its state (twice: patches and the full state). A full state
 * larger than this is encoded twice, once to find it does not fit and once into a new buffer that is
 * then dropped, with a warning each time: the district network's full state is about 70 KB. Buffers
 * are allocated without zero-filling, so a classroom's few kilobytes are all the memory it touches.
 */
Encoder.BUFFER_SIZE = 256 * 1024;

export class NodeState extends Schema implements NodeView {
  @type("string") id = "";
  @type("string") kind = "";
  @type("string") role = "";
  @type("string") label = "";
  @type("string") region = "";
  @type("int16") x = 0;
  @type("int16") y = 0;
  /** Nickname of the player holding it; empty for a bot seat. */
  @type("string") holder = "";
  @type("boolean") autopilot = true;
  @type("boolean") down = false;
  @type("boolean") gone = false;
  @type("uint16") queue = 0;
  @type("uint16") queueLimit = 0;
  @type("boolean") encrypt = false;
  // server
  @type("uint8") capacity = 0;
  @type("uint8") upgrades = 0;
  @type("boolean") backup = false;
  @type("boolean") cloud = false;
  @type("boolean") stateless = false;
  @type("boolean") breached = false;
  @type("boolean") diskFailed = false;
  @type("boolean") restoring = false;
  @type("boolean") updateDue = false;
  @type("boolean") infected = false;
  @type("uint16") jobs = 0;
  @type("uint32") cacheHits = 0;
  @type("uint32") cacheMisses = 0;
  // peer
  @type("boolean") seed = false;
  @type("string") policy = "";
  @type("string") strategy = "";
  @type("boolean") verify = false;
  /** Progress on the current item, 0–100; 100 when idle with everything. */
  @type("uint8") progress = 0;
  /** Items held complete. */
  @type("uint8") itemsHeld = 0;
  /** A user waiting for its file: the tick its wait began, once it has waited 2 s; -1 otherwise (shared/view.ts). */
  @type("int32") waitingSince = -1;
  // router
  @type("string") priority = "";
}

export class LinkState extends Schema implements LinkView {
  @type("string") id = "";
  /** Position in the team's link list: packet events name links by it. */
  @type("uint16") index = 0;
  @type("string") a = "";
  @type("string") b = "";
  @type("boolean") up = true;
  @type("uint8") latency = 1;
  @type("uint8") bandwidth = 1;
  /** Packets carried in the last second against what it could carry, 0–100. */
  @type("uint8") utilisation = 0;
  @type("uint8") lossPercent = 0;
  /** Packets lost on it or at a router waiting for it since the round began (shared/view.ts). */
  @type("uint16") dropped = 0;
}

export class TeamState extends Schema implements TeamView {
  @type("string") team = "";
  @type("string") name = "";
  @type({ map: NodeState }) nodes = new MapSchema<NodeState>();
  @type({ map: LinkState }) links = new MapSchema<LinkState>();
  /**
   * Packets that entered a link since the last patch, packed (shared/protocol.ts packTransitTick).
   * Sent only to the clients whose view holds this team (MatchRoom.watch): a student animates their own
   * team's packets and sees the other network's load on its links; the host and watchers get both.
   * It is the bulk of a large network's patches, and is cleared after each one, so moving a client to
   * another view leaves nothing stale.
   */
  @view() @type("string") transits = "";
  @type("uint8") speed = 0;
  @type("uint8") cost = 0;
  @type("uint8") survival = 0;
  /** False while no failure has reached this team: survival is "not tested" and not in the total. */
  @type("boolean") survivalTested = false;
  @type("uint8") total = 0;
  /** Against its autopilot so far (100 = as well as it); -1 where it is not followed live. */
  @type("int16") standing = -1;
  @type("int32") coinsLeft = 0;
  @type("uint16") goodput = 0;
  @type("uint16") itemsCompleted = 0;
  @type("uint32") corrupt = 0;
  @type("uint32") dropped = 0;
}

export class PlayerState extends Schema implements PlayerView {
  @type("string") nickname = "";
  @type("string") team = "";
  @type("string") node = "";
  @type("boolean") connected = true;
  @type("uint16") decisions = 0;
  @type("uint32") points = 0;
}

/** An event (shared/events.ts) in the synced state: its code, "" for none, and its parameters as text. */
export class EventState extends Schema implements EventView {
  @type("string") code = "";
  @type({ map: "string" }) params = new MapSchema<string>();
}

export class FailureState extends Schema implements FailureView {
  @type("string") kind = "";
  @type("uint32") start = 0;
  /** 0 when it has no end. */
  @type("uint32") end = 0;
  @type("string") hubTarget = "";
  @type("string") swarmTarget = "";
  @type(EventState) hubEvent = new EventState();
  @type(EventState) swarmEvent = new EventState();
}

export class UpcomingState extends Schema implements UpcomingView {
  @type("string") kind = "";
  @type("float32") at = 0;
  @type("string") target = "";
  @type("float32") duration = 0;
}

export class MatchState extends Schema implements MatchView {
  @type("string") phase: MatchPhase = "lobby";
  @type("string") code = "";
  @type("string") mode: MatchMode = "versus";
  @type("string") scenario = "";
  @type("string") description = "";
  @type("uint32") tick = 0;
  @type("uint32") endTick = 0;
  @type("uint8") ticksPerSecond = 10;
  /** Items in the workload (servers can cache any of them). */
  @type("uint8") items = 0;
  @type("boolean") locked = false;
  @type("boolean") hostConnected = false;
  @type({ map: TeamState }) teams = new MapSchema<TeamState>();
  @type({ map: PlayerState }) players = new MapSchema<PlayerState>();
  @type({ map: FailureState }) failures = new MapSchema<FailureState>();
  /** Scheduled failures still to come, for the host's timeline, by their place in the schedule. */
  @type({ map: UpcomingState }) upcoming = new MapSchema<UpcomingState>();
  /**
   * Whether the round's results are in the database: "" (not over yet), "saving", "saved", or
   * "retrying" (the database did not take them: they wait on disk and are tried again).
   */
  @type("string") saved: SavedStatus = "";
}

/** The schema classes as the projection's view factory (shared/projection.ts). */
export const SCHEMA_VIEWS: ViewFactory = {
  team: () => new TeamState(),
  node: () => new NodeState(),
  link: () => new LinkState(),
  failure: () => new FailureState(),
  upcoming: () => new UpcomingState(),
};
