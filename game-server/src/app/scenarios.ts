/**
 * Where rooms and the HTTP API find scenarios: the built-ins, and teachers' saved scenarios by share
 * code; and each scenario's par, measured once.
 */
import { BUILT_IN_SCENARIOS, LEVELS, type Par, type Scenario, shareCodeSchema } from "../../../shared/index";
import { measurePar } from "./headless";
import { services } from "./services";

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
 * Par, measured once per scenario document in slices of a few milliseconds (bot-only matches of both
 * architectures; see app/headless.ts), never in one piece: neither the start nor a room waits on the
 * event loop for it. A room that needs a par still being measured awaits that same measurement.
 */
const builtInPars = new Map<string, Promise<Par>>();
const savedPars = new Map<string, Promise<Par>>();
/** Saved scenarios' pars kept at most (oldest forgotten first); built-ins' and levels' are all kept. */
const SAVED_PAR_LIMIT = 200;

/**
 * Measures every built-in's and every level's par in the background after the server starts, one
 * after another, so the first class of the day rarely waits for its own. Stops when `stopped` says so.
 */
export async function warmParCache(stopped: () => boolean): Promise<void> {
  for (const sc of [...Object.values(BUILT_IN_SCENARIOS), ...LEVELS.map((l) => l.scenario)]) {
    if (stopped()) return;
    await parFor(sc);
  }
}

/**
 * JSON with every object's keys in order: a scenario read back from PostgreSQL (jsonb keeps its own
 * key order) compares equal to the document it was saved from.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A class plays a built-in (a learner a level) with its own round length or architecture: it keeps the
 * original's par (par is a rate and a completion time, measured on both architectures).
 */
export function parFor(scenario: Scenario): Promise<Par> {
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  const originals = [...Object.values(BUILT_IN_SCENARIOS), ...LEVELS.map((l) => l.scenario)];
  const original = originals.find(
    (b) =>
      b.name === scenario.name &&
      b.seed === scenario.seed &&
      same(b.map, scenario.map) &&
      same(b.workload, scenario.workload),
  );
  const measured = original ?? scenario;
  const cache = original ? builtInPars : savedPars;
  const key = canonicalJson({ ...measured, topology: "versus" });
  const known = cache.get(key);
  if (known) return known;
  if (!original && savedPars.size >= SAVED_PAR_LIMIT) savedPars.delete(savedPars.keys().next().value!);
  const par = measurePar(measured).then((m) => m.par);
  par.catch(() => cache.delete(key)); // a failed measurement is tried again next time
  cache.set(key, par);
  return par;
}

/** The scenario with another round length; failures after the new end are dropped. */
export function withDuration(scenario: Scenario, duration: number | undefined): Scenario {
  if (duration === undefined) return scenario;
  return { ...scenario, duration, failures: scenario.failures.filter((f) => f.at < duration) };
}
