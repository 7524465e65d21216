/**
 * The crossover the notes teach, measured: one scenario played with more and more users (versus, bots
 * in every seat, seeds 1..N), both totals per size. Pure: a function of the scenario, sizes and seeds.
 */
import { createMatch, runMatch } from "./match";
import { matchResult, parOf } from "./results";
import type { Scenario } from "./scenario";
import type { Architecture } from "./types";

export interface CrossoverPoint {
  users: number;
  /** Totals per seed, seeds 1..N in order. */
  hub: number[];
  swarm: number[];
}

/**
 * The network's own share of a budget, in computers: a school's money pays for its network (as much
 * as this many computers) and then for every computer.
 */
const BUDGET_BASE_COMPUTERS = 8;

/**
 * A scenario with `users` users (a generated map's count; an explicit map keeps its own), and a budget
 * in proportion: a share for the network, and as much again per computer as the scenario gives.
 */
export function withUsers(scenario: Scenario, users: number): Scenario {
  if (!("shape" in scenario.map)) return scenario;
  const base = scenario.map.users;
  const budget = Math.round(
    (scenario.budget * (BUDGET_BASE_COMPUTERS + users)) / (BUDGET_BASE_COMPUTERS + base),
  );
  // Every computer is one more point of entry: the cheats who get into a swarm grow with its size.
  const failures = scenario.failures.map((f) =>
    f.kind === "malicious-peer" && f.magnitude !== undefined
      ? { ...f, magnitude: Math.floor((f.magnitude * users) / base) }
      : f,
  );
  return { ...scenario, topology: "versus", budget, failures, map: { ...scenario.map, users } };
}

export function measureCrossover(
  scenario: Scenario,
  sizes: readonly number[],
  seeds: number,
): CrossoverPoint[] {
  return sizes.map((users) => {
    const point: CrossoverPoint = { users, hub: [], swarm: [] };
    for (let seed = 1; seed <= seeds; seed++) {
      const m = runMatch(createMatch({ ...withUsers(scenario, users), seed }));
      for (const t of matchResult(m, parOf(m)).teams) point[t.team as Architecture].push(t.scores.total);
    }
    return point;
  });
}

/** Which architecture is ahead at a size on every seed, or null when the seeds disagree (or tie). */
export function aheadOnEverySeed(p: CrossoverPoint): Architecture | null {
  if (p.hub.every((h, i) => h > p.swarm[i]!)) return "hub";
  if (p.swarm.every((s, i) => s > p.hub[i]!)) return "swarm";
  return null;
}
