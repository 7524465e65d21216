/** Small helpers shared by the simulation tests. */
import {
  type Architecture,
  BUILT_IN_SCENARIOS,
  createMatch,
  type Match,
  type Scenario,
  type SimNode,
  stepMatch,
  TICKS_PER_SECOND,
  type World,
} from "../../shared/index";

/** A built-in scenario, optionally changed (topology, failures, seed…). */
export function scenario(name: string, over: Partial<Scenario> = {}): Scenario {
  const base = BUILT_IN_SCENARIOS[name];
  if (!base) throw new Error(`no built-in scenario ${name}`);
  return { ...base, ...over };
}

export function match(name: string, over: Partial<Scenario> = {}): Match {
  return createMatch(scenario(name, over));
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
