/**
 * Scripted players for the solo levels. Each plays through `submitIntent` with a player actor — the
 * same intents, validated the same way, as a human's clicks — and looks only at what a human sees on
 * the map and in their panel (link states, their node's status, suspects, requests waiting). The good
 * player decides once a game second, about as often as a quick human.
 */
import {
  type Architecture,
  computePar,
  createMatch,
  findLevel,
  type LevelScenario,
  type Match,
  type MatchResult,
  matchResult,
  type NodeIntent,
  type SimNode,
  stepMatch,
  submitIntent,
  TICKS_PER_SECOND,
  type World,
} from "../../shared/index";

export const PLAYER = "learner";

type Act = (intent: Omit<NodeIntent, "team" | "node"> & { type: NodeIntent["type"] }) => boolean;
/** Called once per game second with the match, the player's world and node, and a way to act. */
export type Strategy = (m: Match, world: World, me: SimNode, act: Act) => void;

const second = (m: Match) => m.tick / TICKS_PER_SECOND;

/** Re-routes every destination whose next hop is a dead link over one of the router's live links. */
const reroute: Strategy = (_m, world, me, act) => {
  const table = me.router!.table;
  for (let dest = 0; dest < table.length; dest++) {
    const link = world.links[table[dest]!];
    if (!link || link.up || world.nodes[dest]!.kind === "router") continue;
    const detour = me.links.map((li) => world.links[li]!).find((l) => l.up);
    if (detour) act({ type: "route", dest: world.nodes[dest]!.id, link: detour.id } as never);
  }
};

/** The good player of each level: what the level's intro card asks for, done promptly. */
export const GOOD: Record<string, Strategy> = {
  "ask-and-answer": (_m, _w, me, act) => {
    if (me.server!.upgrades < 2) act({ type: "upgrade" });
  },
  detour: reroute,
  chain: (m, _w, me, act) => {
    for (let item = 0; item < m.ctx.items; item++)
      if (me.server!.content[item] !== m.ctx.full && !me.server!.fetching.has(item))
        act({ type: "cache", item } as never);
  },
  // Scale up until the server's own cable is full (two upgrades), then out: two replicas.
  "rush-hour": (m, world, me, act) => {
    if (second(m) < 15) return;
    if (me.server!.upgrades < 2) act({ type: "upgrade" });
    else if (world.nodes.filter((n) => n.server?.replica).length < 2) act({ type: "replica" });
  },
  backups: (_m, _w, me, act) => {
    if (!me.server!.backup) act({ type: "backup", on: true } as never);
    if (me.server!.diskFailed && me.server!.restoreAt === 0) act({ type: "restore" });
  },
  breach: (_m, _w, me, act) => {
    if (me.server!.breached) act({ type: "patch" });
  },
  seed: (_m, _w, me, act) => {
    if (me.peer!.policy !== "allow") act({ type: "policy", policy: "allow" } as never);
  },
  "rarest-first": (_m, _w, me, act) => {
    if (me.peer!.strategy !== "rarest") act({ type: "strategy", strategy: "rarest" } as never);
  },
  "keep-seeding": (_m, _w, me, act) => {
    if (me.peer!.policy !== "allow") act({ type: "policy", policy: "allow" } as never);
  },
  stranger: (_m, world, me, act) => {
    if (!me.peer!.verify) act({ type: "verify", on: true } as never);
    for (const [src, seen] of me.suspects)
      if (seen > 0 && !me.blocked.has(src)) act({ type: "block", source: world.nodes[src]!.id } as never);
  },
  "ask-me-first": (_m, world, me, act) => {
    for (const src of new Set(me.peer!.awaiting.map((q) => q.src)))
      act({ type: "access", peer: world.nodes[src]!.id, allow: true } as never);
  },
  "small-office": () => {},
  fifty: (_m, _w, me, act) => {
    if (!me.encrypt) act({ type: "encrypt", on: true } as never);
    if (me.server && !me.server.backup) act({ type: "backup", on: true } as never);
    if (me.peer && !me.peer.verify) act({ type: "verify", on: true } as never);
  },
};

/** The architecture the good player picks in levels that ask for a choice. */
export const GOOD_PICK: Record<string, Architecture> = { "small-office": "swarm", fifty: "hub" };

export const idle: Strategy = () => {};

/** The architecture a level plays: its own, or the pick in a level that asks for one. */
export function levelScenario(id: string, pick?: Architecture): LevelScenario {
  const info = findLevel(id);
  if (!info) throw new Error(`no level ${id}`);
  const sc = info.scenario;
  if (!sc.level.choose) return sc;
  if (!pick) throw new Error(`level ${id} needs a pick`);
  return { ...sc, topology: pick };
}

/**
 * Plays a level to the end with a strategy on the level's node; bots hold every other seat. `changed`
 * plays a variant of the level's document instead (its own par).
 */
export function playLevel(
  id: string,
  strategy: Strategy,
  pick?: Architecture,
  changed?: LevelScenario,
): MatchResult {
  const scenario = changed ?? levelScenario(id, pick);
  const m = createMatch(scenario);
  const team = m.worlds[0]!.team;
  const node = scenario.level.node;
  submitIntent(m, { kind: "host" }, { type: "assign", team, node, player: PLAYER });
  const world = m.worlds[0]!;
  const me = world.nodes[world.idIndex.get(node)!]!;
  const act: Act = (intent) =>
    submitIntent(m, { kind: "player", id: PLAYER }, { ...intent, team, node } as NodeIntent).ok;
  while (!m.ended) {
    if (m.tick % TICKS_PER_SECOND === 1 && !me.gone) strategy(m, world, me, act);
    stepMatch(m);
  }
  // Par is the level document's own (for a level with a pick: both architectures, whichever is picked).
  return matchResult(m, computePar(changed ?? findLevel(id)!.scenario));
}
