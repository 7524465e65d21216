/**
 * Projects the simulation into network state, tick by tick. Only what changed is written (schema
 * sends only changed fields), packets are added once per link crossing and removed after they land.
 */
import {
  type Crossing,
  coinsLeft,
  isDown,
  type Match,
  type Par,
  packTransitTick,
  playerPoints,
  type SimNode,
  scoreTeam,
  TICKS_PER_SECOND,
  teamName,
  type World,
} from "../../../shared/index";
import { FailureState, LinkState, type MatchState, NodeState, TeamState } from "./schema";

/**
 * Writes a field only when it changed. The last written values are kept in a plain object beside each
 * schema instance: comparing against it is much cheaper than reading through schema accessors.
 */
const written = new WeakMap<object, Record<PropertyKey, unknown>>();
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  let last = written.get(target);
  if (!last) {
    last = {};
    written.set(target, last);
  }
  if (last[key] === value) return;
  last[key] = value;
  target[key] = value;
}

function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

/** Creates the teams' maps in state (nodes and links appear later too: replicas, crowds, botnets). */
export function initTeams(state: MatchState, match: Match): void {
  for (const world of match.worlds) {
    const team = new TeamState();
    team.team = world.team;
    team.name = teamName(world.team);
    state.teams.set(world.team, team);
  }
}

export interface Projection {
  /** Per link: carried count at the start of the current second, for utilisation. */
  carriedAt: Map<string, number[]>;
  usefulAt: Map<string, number>;
}

export function newProjection(): Projection {
  return { carriedAt: new Map(), usefulAt: new Map() };
}

/** Nicknames by player id, for showing who holds which node. */
export type Names = (player: string) => string;

export function projectMatch(
  state: MatchState,
  match: Match,
  proj: Projection,
  names: Names,
  par: Par,
): void {
  put(state, "tick", match.tick);
  put(state, "endTick", match.endTick);
  const secondDone = match.tick % TICKS_PER_SECOND === 0;
  for (const world of match.worlds) {
    const team = state.teams.get(world.team)!;
    projectNodes(team, world, match, names, par);
    projectTransits(team, world, match);
    if (secondDone || team.links.size === 0) projectLinks(team, world, proj);
    if (secondDone) projectScores(team, world, match, proj, par);
  }
  projectFailures(state, match);
}

function projectNodes(team: TeamState, world: World, match: Match, names: Names, par: Par): void {
  for (const n of world.nodes) {
    let s = team.nodes.get(n.id);
    if (!s) {
      s = new NodeState();
      s.id = n.id;
      s.kind = n.kind;
      s.role = n.peer?.seed ? "seed" : n.kind;
      s.label = n.label;
      s.region = n.region;
      s.x = Math.round(n.x);
      s.y = Math.round(n.y);
      team.nodes.set(n.id, s);
    }
    projectNode(s, n, world.team, match, names, par);
  }
}

function projectNode(s: NodeState, n: SimNode, team: string, match: Match, names: Names, par: Par): void {
  put(s, "holder", n.holder ? names(n.holder) : "");
  put(s, "autopilot", n.autopilot);
  put(s, "down", isDown(n, match.tick) && !n.gone);
  put(s, "gone", n.gone);
  put(s, "queue", n.queue.length);
  put(s, "queueLimit", n.queueLimit);
  put(s, "encrypt", n.encrypt);
  if (match.tick % TICKS_PER_SECOND === 0) put(s, "points", playerPoints(n, team, match, par));
  if (n.server) {
    const v = n.server;
    put(s, "capacity", Math.min(255, v.capacity));
    put(s, "upgrades", v.upgrades);
    put(s, "backup", v.backup);
    put(s, "cloud", v.cloud);
    put(s, "stateless", v.stateless);
    put(s, "breached", v.breached);
    put(s, "diskFailed", v.diskFailed);
    put(s, "restoring", v.restoreAt > 0);
    put(s, "jobs", v.jobs.length);
    put(s, "cacheHits", n.counters.cacheHits);
    put(s, "cacheMisses", n.counters.cacheMisses);
    put(s, "itemsHeld", v.content.filter((c) => c === match.ctx.full).length);
  }
  if (n.peer) {
    const p = n.peer;
    put(s, "seed", p.seed);
    put(s, "policy", p.policy);
    put(s, "strategy", p.strategy);
    put(s, "verify", p.verify);
    put(s, "itemsHeld", p.have.filter((c) => c === match.ctx.full).length);
    const u = n.user;
    const item = u && u.current < u.wants.length ? u.wants[u.current]! : -1;
    const progress = item < 0 ? 100 : Math.round((100 * popcount(p.have[item]!)) / match.ctx.chunks);
    put(s, "progress", progress);
  } else if (n.user) {
    const u = n.user;
    const progress =
      u.current >= u.wants.length ? 100 : Math.round((100 * popcount(u.got)) / match.ctx.chunks);
    put(s, "progress", progress);
    put(s, "itemsHeld", u.completed);
  }
  if (n.router) put(s, "priority", n.router.priority ?? "");
}

/** Appends this tick's link crossings to each team's packed `transits` (cleared after each patch). */
function projectTransits(team: TeamState, world: World, match: Match): void {
  const list: Omit<Crossing, "enter">[] = [];
  let enter = -1;
  for (const rec of match.transits) {
    if (rec.team !== world.team) continue;
    const p = rec.transit.packet;
    enter = rec.enter;
    list.push({
      link: rec.link,
      reverse: world.links[rec.link]!.a !== rec.from,
      kind: p.kind,
      arrive: rec.transit.arrive,
      corrupt: p.corrupt,
      encrypted: p.encrypted,
    });
  }
  if (list.length === 0) return;
  const packed = packTransitTick(enter, list);
  team.transits = team.transits ? `${team.transits} ${packed}` : packed;
}

/** After a patch went out, the crossings it carried are done with. */
export function clearTransits(state: MatchState): void {
  for (const team of state.teams.values()) if (team.transits !== "") team.transits = "";
}

function projectLinks(team: TeamState, world: World, proj: Projection): void {
  let carried = proj.carriedAt.get(world.team);
  if (!carried) {
    carried = [];
    proj.carriedAt.set(world.team, carried);
  }
  world.links.forEach((l, i) => {
    let s = team.links.get(l.id);
    if (!s) {
      s = new LinkState();
      s.id = l.id;
      s.index = i;
      s.a = world.nodes[l.a]!.id;
      s.b = world.nodes[l.b]!.id;
      team.links.set(l.id, s);
    }
    put(s, "up", l.up);
    put(s, "latency", Math.min(255, l.latency));
    put(s, "bandwidth", Math.min(255, l.bandwidth));
    put(s, "lossPercent", Math.round(l.loss * 100));
    const perSecond = l.carried - (carried[i] ?? l.carried);
    carried[i] = l.carried;
    put(
      s,
      "utilisation",
      Math.min(100, Math.round((100 * perSecond) / (2 * l.bandwidth * TICKS_PER_SECOND))),
    );
  });
}

function projectScores(team: TeamState, world: World, match: Match, proj: Projection, par: Par): void {
  const scores = scoreTeam(match, world, par);
  put(team, "speed", scores.speed);
  put(team, "cost", scores.cost);
  put(team, "survival", scores.survival ?? 0);
  put(team, "survivalTested", scores.survival !== null);
  put(team, "total", scores.total);
  put(team, "coinsLeft", Math.floor(coinsLeft(match, world)));
  const before = proj.usefulAt.get(world.team) ?? 0;
  put(team, "goodput", Math.min(65535, world.stats.usefulChunks - before));
  proj.usefulAt.set(world.team, world.stats.usefulChunks);
  put(team, "itemsCompleted", Math.min(65535, world.stats.itemsCompleted));
  put(team, "corrupt", world.stats.corruptDelivered);
  put(
    team,
    "dropped",
    Object.values(world.stats.dropped).reduce((a, b) => a + b, 0),
  );
}

function projectFailures(state: MatchState, match: Match): void {
  for (let i = state.failures.size; i < match.failureLog.length; i++) {
    const f = match.failureLog[i]!;
    const s = new FailureState();
    s.kind = f.kind;
    s.start = f.startTick;
    s.end = f.endTick ?? 0;
    s.hubTarget = f.effects.find((e) => e.team === "hub")?.target ?? "";
    s.swarmTarget = f.effects.find((e) => e.team === "swarm")?.target ?? "";
    s.note = f.effects.map((e) => e.note).join(" · ");
    state.failures.set(String(i), s);
  }
  const upcoming = match.schedule
    .slice(match.nextScheduled)
    // kind@second@target@duration: targets never contain "@" or "," (scenario schema).
    .map((e) => `${e.kind}@${e.at}@${e.target ?? ""}@${e.duration ?? ""}`)
    .join(",");
  put(state, "upcoming", upcoming);
}
