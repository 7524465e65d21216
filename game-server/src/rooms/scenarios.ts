/** Where rooms find scenarios: the built-ins now; saved scenarios join them with the database. */
import { BUILT_IN_SCENARIOS, computePar, type Par, type Scenario } from "../../../shared/index";

export function findScenario(name: string): Scenario | null {
  return BUILT_IN_SCENARIOS[name] ?? null;
}

/** Computes every built-in's par once, before the server takes traffic (it is a few bot matches). */
export function warmParCache(): void {
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) if (name !== "district") computePar(sc);
}

export function parFor(scenario: Scenario): Par {
  return computePar(scenario);
}

/** The scenario with another round length; failures after the new end are dropped. */
export function withDuration(scenario: Scenario, duration: number | undefined): Scenario {
  if (duration === undefined) return scenario;
  return { ...scenario, duration, failures: scenario.failures.filter((f) => f.at < duration) };
}
