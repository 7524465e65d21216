/** Where rooms find scenarios: the built-ins now; saved scenarios join them with the database. */
import { BUILT_IN_SCENARIOS, computePar, type Par, type Scenario } from "../../../shared/index";

export function findScenario(name: string): Scenario | null {
  return BUILT_IN_SCENARIOS[name] ?? null;
}

/**
 * Computes every built-in's par once, before the server takes traffic: a few bot matches, under a
 * second in all, instead of a stall in the middle of a class.
 */
export function warmParCache(): void {
  for (const sc of Object.values(BUILT_IN_SCENARIOS)) computePar(sc);
}

/**
 * A class plays a built-in with its own round length or architecture: it keeps the built-in's par
 * (par is a rate and a completion time, measured on both architectures), so no room waits for it.
 */
export function parFor(scenario: Scenario): Par {
  const builtIn = Object.values(BUILT_IN_SCENARIOS).find(
    (b) => b.name === scenario.name && b.seed === scenario.seed,
  );
  return computePar(builtIn ?? scenario);
}

/** The scenario with another round length; failures after the new end are dropped. */
export function withDuration(scenario: Scenario, duration: number | undefined): Scenario {
  if (duration === undefined) return scenario;
  return { ...scenario, duration, failures: scenario.failures.filter((f) => f.at < duration) };
}
