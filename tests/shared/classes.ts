/**
 * Scripted classes: every seat of a team held by a student who plays one way. Each student acts only
 * through `submitIntent` with a player actor (the same intents, validated the same way, as clicks),
 * at most once a game second, and looks only at what their screen shows: their node's panel (its
 * links, queue, suspects, status) and the failure banners of their own team.
 *
 * - idle: joins and never acts (the node does nothing a player would have to do)
 * - engaged: reacts to what their screen shows, at once
 * - clicker: clicks something harmless every few seconds, hoping for points
 * - saboteur: routers send every destination over one link, servers refuse most clients
 * The autopilot class is no class at all: bots in every seat (the competition's twin).
 */
import {
  type Architecture,
  askedServer,
  autopilotTwin,
  createMatch,
  isDown,
  isSeat,
  type Match,
  type MatchResult,
  matchResult,
  type NodeIntent,
  type Par,
  parOf,
  runMatch,
  type Scenario,
  SERVER_MAX_JOBS,
  type SimNode,
  stepMatch,
  submitIntent,
  TICKS_PER_SECOND,
  updatesCovered,
  type World,
} from "../../shared/index";

export const CLASS_KINDS = ["idle", "engaged", "clicker", "saboteur"] as const;
export type ClassKind = (typeof CLASS_KINDS)[number] | "autopilot";

type Act = (intent: Record<string, unknown> & { type: NodeIntent["type"] }) => boolean;
type Student = (m: Match, world: World, me: SimNode, act: Act) => void;

const running = (m: Match, world: World, kind: string) =>
  m.failureLog.some(
    (f) =>
      f.kind === kind &&
      (f.endTick === null || f.endTick > m.tick) &&
      f.effects.some((e) => e.team === world.team && e.target !== ""),
  );

const engaged: Student = (m, world, me, act) => {
  // The panel says DOWN with a Restart button after a crash.
  if (me.crashed && isDown(me, m.tick)) act({ type: "restart" });
  // The panel offers "Install update" while a security hole is open on a machine it covers (a hub
  // server's covers every server and client: the map marks each machine still without it).
  if (updatesCovered(world, me).some((n) => n.updates < world.holes || n.infected)) act({ type: "update" });
  const wiretap = running(m, world, "wiretap");
  if (me.kind === "router") {
    // Re-route around trouble at once (the protocol takes a while). The map shows every link that is
    // cut and every router that is down: the student follows the shortest way round them to each
    // destination's router. A destination that is down itself is waited for, not routed around; one
    // whose router is dark (greyed out on the map) cannot be reached at all: its packets are dropped
    // here (no route) rather than carried across the network to die at the edge of the outage.
    const ways = liveWays(m, world, me);
    const table = me.router!.table;
    for (let dest = 0; dest < table.length; dest++) {
      const node = world.nodes[dest]!;
      if (node.kind === "router" || dest === me.index) continue;
      const at = routerOf(world, node);
      const way = ways[at] ?? -1;
      if (way >= 0 && way !== table[dest]) act({ type: "route", dest: node.id, link: world.links[way]!.id });
      else if (at !== me.index && isDown(world.nodes[at]!, m.tick) && table[dest] !== -1)
        act({ type: "route", dest: node.id, link: null });
    }
  }
  if (me.server) {
    const s = me.server;
    // Backups where the data exists nowhere else (the panel offers the origin when there is one).
    if (!s.backup && s.upstream < 0) act({ type: "backup", on: true });
    if (s.breached) act({ type: "patch" });
    if (s.diskFailed && s.restoreAt === 0) act({ type: "restore" });
    // The panel shows packets waiting and jobs open: a long queue or a full job list wants capacity.
    const busy = me.queue.length > me.queueLimit / 2 || s.jobs.length >= SERVER_MAX_JOBS * 0.75;
    if (busy && s.upgrades < 2) act({ type: "upgrade" });
    if (me.encrypt !== wiretap) act({ type: "encrypt", on: wiretap });
    // The briefing in the lobby says which region will lose power: a server there gets a replica in
    // another region (moving to the cloud saves it too, but every request then travels farther).
    const dark = m.scenario.failures.some(
      (f) => f.kind === "outage" && f.target === me.region && f.at * TICKS_PER_SECOND > m.tick,
    );
    if (dark && !s.replica && !world.nodes.some((n) => n.server?.replicaOf === me.index))
      act({ type: "replica" });
  }
  if (me.peer) {
    const p = me.peer;
    if (!p.verify) act({ type: "verify", on: true });
    // A seed holds files nobody else has yet (its panel says "seed"): when the briefing in the lobby
    // warns of a failing disk, its owner backs it up (a backup costs coins every minute and helps
    // only then), and restores when the disk fails (the panel says so, with a Restore button).
    const diskWarned = m.scenario.failures.some((f) => f.kind === "disk-failure");
    if (p.seed && diskWarned && !p.backup) act({ type: "backup", on: true });
    if (p.diskFailed && p.backup && p.restoreAt === 0) act({ type: "restore" });
    if (p.strategy !== "rarest") act({ type: "strategy", strategy: "rarest" });
    if (p.policy !== "allow") act({ type: "policy", policy: "allow" });
    for (const src of new Set(p.awaiting.map((q) => q.src)))
      act({ type: "access", peer: world.nodes[src]!.id, allow: true });
    if (me.encrypt !== wiretap) act({ type: "encrypt", on: wiretap });
    // Done with everything they wanted (the panel says so, and what staying costs the team), they
    // share for half a minute more, then leave.
    const u = me.user;
    if (u && u.current >= u.wants.length && m.tick >= u.wantFrom + SHARE_AFTER_DONE) act({ type: "leave" });
  }
  if (me.user && !me.peer) {
    // A client: the panel says which server it asks and whether it answers; the map shows every
    // server's state and queue. Move to the least busy live server when mine is down or refusing.
    const u = me.user;
    const mine = askedServer(world, me);
    const load = (s: number) => world.nodes[s]!.queue.length + world.nodes[s]!.server!.jobs.length;
    const live = world.servers.filter((s) => !world.nodes[s]!.gone && !isDown(world.nodes[s]!, m.tick));
    // Stuck: the server is down, said "busy", or the download has not moved for a few seconds.
    const still =
      u.requestedAt >= 0 && m.tick - Math.max(u.requestedAt, u.lastProgress) > 3 * TICKS_PER_SECOND;
    const stuck = mine < 0 || isDown(world.nodes[mine]!, m.tick) || u.refusals > 0 || still;
    const best = live.sort((a, b) => load(a) - load(b))[0];
    if (stuck && best !== undefined && best !== mine) act({ type: "server", server: world.nodes[best]!.id });
    if (me.encrypt !== wiretap) act({ type: "encrypt", on: wiretap });
  }
  // Anyone sending junk or bad data to me is blocked (the panel lists suspects).
  for (const [src, seen] of me.suspects)
    if (seen > 0 && !me.blocked.has(src) && world.nodes[src])
      act({ type: "block", source: world.nodes[src]!.id });
};

/** The router an endpoint hangs off (a router is its own). */
function routerOf(world: World, node: SimNode): number {
  if (node.router) return node.index;
  const l = world.links[node.links[0]!]!;
  return l.a === node.index ? l.b : l.a;
}

/** How long an engaged peer keeps sharing once it has everything it wanted (30 s). */
const SHARE_AFTER_DONE = 30 * TICKS_PER_SECOND;

/** How many times its latency a student counts a link that is losing packets. */
const LOSSY_DETOUR = 6;

/**
 * For each router, the link `me` would leave by on the shortest way there over what the map shows
 * alive (links up, routers not down), by latency (lossy links counted longer); -1 where there is none. Ties go to the lower link.
 */
function liveWays(m: Match, world: World, me: SimNode): number[] {
  const n = world.nodes.length;
  const cost = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  const first = new Array<number>(n).fill(-1);
  const done = new Array<boolean>(n).fill(false);
  cost[me.index] = 0;
  for (;;) {
    let at = -1;
    for (let i = 0; i < n; i++)
      if (!done[i] && cost[i]! < Number.POSITIVE_INFINITY && (at < 0 || cost[i]! < cost[at]!)) at = i;
    if (at < 0) return first;
    done[at] = true;
    for (const li of world.nodes[at]!.links) {
      const l = world.links[li]!;
      const next = l.a === at ? l.b : l.a;
      const node = world.nodes[next]!;
      if (!l.up || !node.router || isDown(node, m.tick)) continue;
      // A lossy link (drawn dashed) is worth a long way round: every lost packet waits for a retry.
      const weight = l.loss > 0 ? l.latency * LOSSY_DETOUR : l.latency;
      if (cost[at]! + weight < cost[next]!) {
        cost[next] = cost[at]! + weight;
        first[next] = at === me.index ? li : first[at]!;
      }
    }
  }
}

const clicker: Student = (m, _world, me, act) => {
  if (Math.floor(m.tick / TICKS_PER_SECOND) % 5 !== 0) return;
  if (me.kind === "router")
    act({ type: "prioritise", kind: me.router!.priority === "message" ? null : "message" });
  else if (me.server) act({ type: "backup", on: !me.server.backup });
  else if (me.peer) act({ type: "strategy", strategy: me.peer.strategy === "rarest" ? "random" : "rarest" });
  else if (me.user) act({ type: "encrypt", on: !me.encrypt });
};

const saboteur: Student = (_m, world, me, act) => {
  if (me.kind === "router") {
    const link = world.links[me.links[0]!]!;
    for (const dest of world.nodes)
      if (dest.kind !== "router" && dest.index !== me.index && me.router!.table[dest.index] !== me.links[0])
        act({ type: "route", dest: dest.id, link: link.id });
  } else if (me.server) {
    for (const u of world.users.slice(Math.ceil(world.users.length / 10)))
      if (!me.blocked.has(u)) act({ type: "block", source: world.nodes[u]!.id });
  } else if (me.peer && me.peer.policy !== "deny") act({ type: "policy", policy: "deny" });
  else if (me.user && !me.peer) {
    // Piles onto the busiest server, asking again every second.
    const load = (s: number) => world.nodes[s]!.queue.length + world.nodes[s]!.server!.jobs.length;
    const busiest = world.servers.filter((s) => !world.nodes[s]!.gone).sort((a, b) => load(b) - load(a))[0];
    if (busiest !== undefined && !isDown(world.nodes[busiest]!, _m.tick))
      act({ type: "server", server: world.nodes[busiest]!.id });
  }
};

const STUDENTS: Record<Exclude<ClassKind, "autopilot">, Student> = {
  idle: () => {},
  engaged,
  clicker,
  saboteur,
};

/** At most this many decisions per student per game second (the room allows 8 messages a second). */
const PER_SECOND = 8;

/**
 * Plays a scenario with a class of each kind on each team (every seat of the team held by such a
 * student), and returns the results with both comparisons (the networks, and each team against its
 * autopilot twin), scored against par.
 */
export function playClasses(
  scenario: Scenario,
  classes: Partial<Record<Architecture, ClassKind>>,
  par: Par = parOf(runMatch(createMatch(scenario))),
  one?: OneStudent,
): MatchResult {
  const m = playClassMatch(scenario, classes, one);
  return matchResult(m, par, twinOf(m));
}

/**
 * The class match's autopilot twin, played once per twin: a twin is a function of the scenario, the
 * host's failures, the teams and the round's length, and every class on the same scenario shares it.
 */
const twins = new Map<string, Match>();
function twinOf(m: Match): Match {
  const twin = autopilotTwin(m);
  const key = JSON.stringify([twin.scenario, twin.worlds.map((w) => w.team), twin.endTick]);
  let done = twins.get(key);
  if (!done) {
    done = runMatch(twin);
    if (twins.size > 64) twins.clear();
    twins.set(key, done);
  }
  return done;
}

/** One student who plays otherwise than their class (the rest of the class as `classes` says). */
export interface OneStudent {
  team: Architecture;
  node: string;
  kind: Exclude<ClassKind, "autopilot">;
}

/**
 * The match `playClasses` plays, played to its end (its record holds every student's decision).
 * `each` sees the match after every tick, as a room's tick would.
 */
export function playClassMatch(
  scenario: Scenario,
  classes: Partial<Record<Architecture, ClassKind>>,
  one?: OneStudent,
  each?: (m: Match) => void,
): Match {
  const m = createMatch(scenario);
  const seats: { world: World; me: SimNode; student: Student; id: string }[] = [];
  for (const world of m.worlds) {
    const kind = classes[world.team] ?? "autopilot";
    if (kind === "autopilot") continue;
    for (const n of world.nodes) {
      if (!isSeat(n)) continue;
      const id = `${world.team}:${n.id}`;
      submitIntent(m, { kind: "host" }, { type: "assign", team: world.team, node: n.id, player: id });
      const mine = one && one.team === world.team && one.node === n.id ? one.kind : kind;
      seats.push({ world, me: n, student: STUDENTS[mine], id });
    }
  }
  while (!m.ended) {
    if (m.tick % TICKS_PER_SECOND === 1)
      for (const s of seats) {
        if (s.me.gone) continue;
        let left = PER_SECOND;
        const act: Act = (intent) =>
          left-- > 0 &&
          submitIntent(m, { kind: "player", id: s.id }, {
            ...intent,
            team: s.world.team,
            node: s.me.id,
          } as NodeIntent).ok;
        s.student(m, s.world, s.me, act);
      }
    stepMatch(m);
    each?.(m);
  }
  return m;
}
