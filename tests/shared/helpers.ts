/** Small helpers shared by the simulation tests. */
import {
  type Architecture,
  BUILT_IN_SCENARIOS,
  createMatch,
  isSeat,
  type Match,
  type Scenario,
  type SimNode,
  stepMatch,
  submitIntent,
  TICKS_PER_SECOND,
  type World,
} from "../../shared/index";

/** A built-in scenario, optionally changed (topology, failures, seed…). */
export function scenario(name: string, over: Partial<Scenario> = {}): Scenario {
  const base = BUILT_IN_SCENARIOS[name];
  if (!base) throw new Error(`no built-in scenario ${name}`);
  return { ...base, ...over };
}

/** A built-in's map without the origin: the servers' data exists nowhere else, so their bots back it up. */
export function withoutOrigin(name: string): Partial<Scenario> {
  return { map: { ...(scenario(name).map as object), origin: false } as Scenario["map"] };
}

/** Hands every seat of every team to a player who never acts (routers keep their first tables). */
export function idleSeats(m: Match): Match {
  for (const w of m.worlds)
    for (const n of w.nodes)
      if (isSeat(n))
        submitIntent(
          m,
          { kind: "host" },
          { type: "assign", team: w.team, node: n.id, player: `idle-${n.id}` },
        );
  return m;
}

export function match(name: string, over: Partial<Scenario> = {}): Match {
  return createMatch(scenario(name, over));
}

/**
 * A built-in round under `rules` with the host cutting the busiest link at tick 40, stepped to `ticks`;
 * `afterStep` sees the match after every step (where a room takes its hashes).
 */
export function roundWithLinkCut(
  name: string,
  rules: number,
  ticks: number,
  afterStep: (m: Match) => void = () => {},
): Match {
  const m = createMatch(scenario(name), { rules });
  while (m.tick < ticks) {
    if (m.tick === 40)
      submitIntent(
        m,
        { kind: "host" },
        { type: "trigger", failure: { kind: "link-cut", at: 0, target: "role:busiest-link" } },
      );
    stepMatch(m);
    afterStep(m);
  }
  return m;
}

/** Steps until the match clock reads `seconds` (or the round ends). */
export function runUntil(m: Match, seconds: number): Match {
  const until = Math.round(seconds * TICKS_PER_SECOND);
  while (!m.ended && m.tick < until) stepMatch(m);
  return m;
}

export function world(m: Match, team: Architecture): World {
  const w = m.worlds.find((x) => x.team === team);
  if (!w) throw new Error(`no ${team} world`);
  return w;
}

export function node(w: World, id: string): SimNode {
  const i = w.idIndex.get(id);
  if (i === undefined) throw new Error(`no node ${id} on ${w.team}`);
  return w.nodes[i]!;
}

/** Useful chunks delivered in game seconds [from, to). */
export function usefulBetween(w: World, from: number, to: number): number {
  return w.stats.goodput.slice(from, to).reduce((a, b) => a + b, 0);
}

/** Total drops of a world. */
export function droppedTotal(w: World): number {
  return Object.values(w.stats.dropped).reduce((a, b) => a + b, 0);
}
