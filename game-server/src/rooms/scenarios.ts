/** Where rooms find scenarios: the built-ins, and teachers' saved scenarios by share code. */
import {
  BUILT_IN_SCENARIOS,
  computePar,
  LEVELS,
  type Par,
  type Scenario,
  shareCodeSchema,
} from "../../../shared/index";
import { measurePar } from "../headless";
import { services } from "../services";

export interface FoundScenario {
  scenario: Scenario;
  /** The share code when it is a saved scenario. */
  code: string | null;
}

export function findBuiltIn(id: string): Scenario | null {
  return Object.hasOwn(BUILT_IN_SCENARIOS, id) ? BUILT_IN_SCENARIOS[id]! : null;
}

/** A built-in by id ("server-crash") or a saved scenario by share code ("K7MQ4T"). */
export async function findScenario(id: string): Promise<FoundScenario | null> {
  const builtIn = findBuiltIn(id);
  if (builtIn) return { scenario: builtIn, code: null };
  const code = shareCodeSchema.safeParse(id);
  if (!code.success) return null;
  const saved = await services().store.scenarios.get(code.data);
  return saved ? { scenario: saved.scenario, code: saved.id } : null;
}

/**
 * Computes every built-in's and every level's par once, before the server takes traffic: a few bot
 * matches, about a second in all, instead of a stall in the middle of a class.
 */
export function warmParCache(): void {
  for (const sc of Object.values(BUILT_IN_SCENARIOS)) computePar(sc);
  for (const l of LEVELS) computePar(l.scenario);
}

/** Par of saved scenarios, measured once per document (bounded: oldest forgotten first). */
const savedPar = new Map<string, Par>();
const SAVED_PAR_LIMIT = 200;

/**
 * A class plays a built-in (a learner a level) with its own round length or architecture: it keeps the
 * original's par (par is a rate and a completion time, measured on both architectures), so no room
 * waits for it. A saved scenario's par is measured in slices, never blocking other rooms.
 */
export async function parFor(scenario: Scenario): Promise<Par> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const originals = [...Object.values(BUILT_IN_SCENARIOS), ...LEVELS.map((l) => l.scenario)];
  const original = originals.find(
    (b) =>
      b.name === scenario.name &&
      b.seed === scenario.seed &&
      same(b.map, scenario.map) &&
      same(b.workload, scenario.workload),
  );
  if (original) return computePar(original);
  const key = JSON.stringify({ ...scenario, topology: "versus" });
  const known = savedPar.get(key);
  if (known) return known;
  const { par } = await measurePar(scenario);
  if (savedPar.size >= SAVED_PAR_LIMIT) savedPar.delete(savedPar.keys().next().value!);
  savedPar.set(key, par);
  return par;
}

/** The scenario with another round length; failures after the new end are dropped. */
export function withDuration(scenario: Scenario, duration: number | undefined): Scenario {
  if (duration === undefined) return scenario;
  return { ...scenario, duration, failures: scenario.failures.filter((f) => f.at < duration) };
}
