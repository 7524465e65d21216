/**
 * What a screen sees of a match: plain view types for the match, its players, the network, its teams,
 * nodes, links and failures, and a player's private view. The server's schema classes implement them
 * (game-server/src/rooms/schema.ts), a replay in the browser fills plain objects (projection.ts writes
 * both), and the client reads only these types: they are the contract between server and screen.
 */
import type { EventView } from "./events";
import type { Architecture } from "./types";

/** The part of a Map a view needs: a schema MapSchema and a plain Map both fit. */
export interface ViewMap<T> {
  get(key: string): T | undefined;
  has(key: string): boolean;
  set(key: string, value: T): unknown;
  readonly size: number;
  values(): IterableIterator<T>;
  keys(): IterableIterator<string>;
  entries(): IterableIterator<[string, T]>;
  delete(key: string): unknown;
  [Symbol.iterator](): IterableIterator<[string, T]>;
}

export interface NodeView {
  id: string;
  kind: string;
  role: string;
  label: string;
  region: string;
  x: number;
  y: number;
  /** Nickname of the player holding it; empty for a bot seat. */
  holder: string;
  autopilot: boolean;
  down: boolean;
  gone: boolean;
  queue: number;
  queueLimit: number;
  encrypt: boolean;
  capacity: number;
  upgrades: number;
  backup: boolean;
  cloud: boolean;
  /** Sessions in a shared store (a stateless service), not in the server's own memory. */
  stateless: boolean;
  breached: boolean;
  diskFailed: boolean;
  /** A security hole is out that this machine has no update for. */
  updateDue: boolean;
  /** Got into through a hole: its data leaks until its update is installed. */
  infected: boolean;
  restoring: boolean;
  jobs: number;
  cacheHits: number;
  cacheMisses: number;
  seed: boolean;
  policy: string;
  strategy: string;
  verify: boolean;
  /** Progress on the current item, 0–100; 100 when idle with everything. */
  progress: number;
  /** Items held complete. */
  itemsHeld: number;
  /**
   * A user waiting for the file it wants: the tick its wait began (its last piece), once it has waited
   * longer than it should (projection.ts waitingSince: 2 s, or a hub client's own timeout for its
   * server); -1 otherwise. The screen counts the seconds from the match's tick.
   */
  waitingSince: number;
  priority: string;
}

export interface LinkView {
  id: string;
  /** Position in the team's link list: packet events name links by it. */
  index: number;
  a: string;
  b: string;
  up: boolean;
  latency: number;
  bandwidth: number;
  /** Packets carried in the last second against what it could carry, 0–100. */
  utilisation: number;
  lossPercent: number;
  /**
   * Packets lost on it or at a router while they waited for it, since the round began (updated each
   * second): a full queue, a link down too long, loss on the line, a crash, a cut.
   */
  dropped: number;
}

export interface TeamView {
  team: string;
  name: string;
  nodes: ViewMap<NodeView>;
  links: ViewMap<LinkView>;
  /** Packets that entered a link since the last patch, packed (protocol.ts packTransitTick). */
  transits: string;
  speed: number;
  cost: number;
  survival: number;
  /** False while no failure has reached this team: survival is "not tested" and not in the total. */
  survivalTested: boolean;
  total: number;
  /**
   * The team against its autopilot so far (100 = as well as it; the competition's rule), in a
   * classroom whose twin plays alongside (shared/twin.ts LiveStanding); -1 where there is none:
   * a solo level, or a network too large to follow live (compared at the end only).
   */
  standing: number;
  coinsLeft: number;
  goodput: number;
  itemsCompleted: number;
  corrupt: number;
  dropped: number;
}

export interface FailureView {
  kind: string;
  start: number;
  /** 0 when it has no end. */
  end: number;
  hubTarget: string;
  swarmTarget: string;
  /** What it did to each team, as the failure log's event (events.ts); code "" when not recorded. */
  hubEvent: EventView;
  swarmEvent: EventView;
}

/** A failure the scenario still has scheduled: its target is chosen when it starts. */
export interface UpcomingView {
  kind: string;
  /** Second of the round it starts at. */
  at: number;
  /** As the scenario names it ("role:source", "busiest", a node or link id); empty for none. */
  target: string;
  /** Seconds it lasts; 0 when the scenario gives no length. */
  duration: number;
}

/** The network part of a match's view: what projection.ts writes. */
export interface NetworkView {
  tick: number;
  endTick: number;
  teams: ViewMap<TeamView>;
  failures: ViewMap<FailureView>;
  /** Scheduled failures still to come, for the host's timeline, by their place in the schedule. */
  upcoming: ViewMap<UpcomingView>;
}

/** Where a round is: a lobby before it starts; "error" when a bug in a tick stopped the room. */
export type MatchPhase = "lobby" | "playing" | "paused" | "results" | "error";

/** How a room plays: two teams against each other, the whole class on one network, or one player. */
export type MatchMode = "versus" | "coop" | "solo";

/** Whether the round's results are in the database: "" while it is not over (MatchView.saved). */
export type SavedStatus = "" | "saving" | "saved" | "retrying";

/** A seated player, as every screen in the room sees them. */
export interface PlayerView {
  nickname: string;
  team: string;
  node: string;
  /** False while they are away: the autopilot runs their node until they reconnect. */
  connected: boolean;
  /** Decisions they took this round that count for points (points.ts), as they happen. */
  decisions: number;
  /**
   * What their decisions added to their team's total (points.ts), counted once the round is over
   * (by playing it again without them); 0 until then.
   */
  points: number;
}

/** Everything a screen in a room sees of its match: the network and the room around it. */
export interface MatchView extends NetworkView {
  phase: MatchPhase;
  /** The class's join code (a solo room's id). */
  code: string;
  mode: MatchMode;
  scenario: string;
  description: string;
  ticksPerSecond: number;
  /** Items in the workload (servers can cache any of them). */
  items: number;
  /** A locked class takes no new students. */
  locked: boolean;
  hostConnected: boolean;
  /** Seated players by their player id (the session id they joined with). */
  players: ViewMap<PlayerView>;
  /** Whether the round's results are in the database (SavedStatus). */
  saved: SavedStatus;
}

/**
 * A player's private view of their own node, sent to them alone when it changes (looked at once a
 * second): who they wait for, who sent them bad chunks, a client's server, a router's routes. The
 * team's coins are in its team state: they change every second, and would send every view again.
 */
export interface PrivateView {
  team: Architecture;
  node: string;
  /** Peers this peer waits on for chunks. */
  awaiting: string[];
  /** Peers that sent this peer bad chunks, and how many. */
  suspects: { node: string; count: number }[];
  /** Down after a crash: a restart brings the node back sooner. */
  crashed?: boolean;
  /** A client's: the server it asks now ("" when none is left), and "busy" answers in a row. */
  asks?: string;
  busy?: number;
  /** A router's: its links and where each destination leaves by. */
  routes?: RouteView;
}

/** Makes the empty view objects a projection fills: schema instances on the server, plain ones elsewhere. */
export interface ViewFactory {
  team(): TeamView;
  node(): NodeView;
  link(): LinkView;
  failure(): FailureView;
  upcoming(): UpcomingView;
}

/** Plain view objects, for a replay in the browser or a test. */
export const PLAIN_VIEWS: ViewFactory = {
  team: () => ({
    team: "",
    name: "",
    nodes: new Map(),
    links: new Map(),
    transits: "",
    speed: 0,
    cost: 0,
    survival: 0,
    survivalTested: false,
    total: 0,
    standing: -1,
    coinsLeft: 0,
    goodput: 0,
    itemsCompleted: 0,
    corrupt: 0,
    dropped: 0,
  }),
  node: () => ({
    id: "",
    kind: "",
    role: "",
    label: "",
    region: "",
    x: 0,
    y: 0,
    holder: "",
    autopilot: true,
    down: false,
    gone: false,
    queue: 0,
    queueLimit: 0,
    encrypt: false,
    capacity: 0,
    upgrades: 0,
    backup: false,
    cloud: false,
    stateless: false,
    breached: false,
    diskFailed: false,
    updateDue: false,
    infected: false,
    restoring: false,
    jobs: 0,
    cacheHits: 0,
    cacheMisses: 0,
    seed: false,
    policy: "",
    strategy: "",
    verify: false,
    progress: 0,
    itemsHeld: 0,
    waitingSince: -1,
    priority: "",
  }),
  link: () => ({
    id: "",
    index: 0,
    a: "",
    b: "",
    up: true,
    latency: 1,
    bandwidth: 1,
    utilisation: 0,
    lossPercent: 0,
    dropped: 0,
  }),
  failure: () => ({
    kind: "",
    start: 0,
    end: 0,
    hubTarget: "",
    swarmTarget: "",
    hubEvent: { code: "", params: new Map() },
    swarmEvent: { code: "", params: new Map() },
  }),
  upcoming: () => ({ kind: "", at: 0, target: "", duration: 0 }),
};

/** An empty plain network view (fill it with projectMatch). */
export function plainNetworkView(): NetworkView {
  return { tick: 0, endTick: 0, teams: new Map(), failures: new Map(), upcoming: new Map() };
}

/** A router player's own routes (their private view): built by the server from the simulation. */
export interface RouteView {
  /** Each live link of the router: the node at its other end, packets waiting for it, users routed over it. */
  links: { link: string; to: string; waiting: number; users: number }[];
  /** Named destinations: the link they leave by ("" when none), and a split's second link. */
  dests: { dest: string; link: string; alt?: string }[];
}
