/**
 * What a screen sees of a match: plain view types for the network, its teams, nodes, links and
 * failures. The server's schema classes implement them (game-server/src/rooms/schema.ts), a replay
 * in the browser fills plain objects (projection.ts writes both), and the map view reads either.
 */

/** The part of a Map a view needs: a schema MapSchema and a plain Map both fit. */
export interface ViewMap<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): unknown;
  readonly size: number;
  values(): IterableIterator<T>;
  keys(): IterableIterator<string>;
  entries(): IterableIterator<[string, T]>;
  delete(key: string): unknown;
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
  points: number;
  encrypt: boolean;
  capacity: number;
  upgrades: number;
  backup: boolean;
  cloud: boolean;
  /** Sessions in a shared store (a stateless service), not in the server's own memory. */
  stateless: boolean;
  breached: boolean;
  diskFailed: boolean;
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
  /** What it did to each team (the failure log's words); empty when it did not touch that team. */
  hubNote: string;
  swarmNote: string;
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
    points: 0,
    encrypt: false,
    capacity: 0,
    upgrades: 0,
    backup: false,
    cloud: false,
    stateless: false,
    breached: false,
    diskFailed: false,
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
  failure: () => ({ kind: "", start: 0, end: 0, hubTarget: "", swarmTarget: "", hubNote: "", swarmNote: "" }),
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
