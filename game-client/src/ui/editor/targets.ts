/**
 * Failure targets against the scenario's real map: the teams' worlds are built with the shared
 * `buildWorld`, so the choices offered and the warnings shown follow the simulation's own rules
 * (`canHit`, `hasRole`) rather than a copy of them.
 */
import {
  BUILT_IN_SCENARIOS,
  buildWorld,
  canHit,
  createRng,
  type FailureKind,
  hasRole,
  parseScenario,
  type Scenario,
  teamName,
  type World,
} from "../../../../shared/index";
import { FAILURE_AIM, ROLE_CHOICES, targetWords } from "../failure-kinds";

/**
 * The worlds that play this draft, or null when its map cannot be built. Only the map and workload
 * need to be valid: a half-typed name or failure must not hide the map.
 */
export function worldsOf(draft: Scenario): World[] | null {
  const base = BUILT_IN_SCENARIOS.calm!;
  const probe = parseScenario({
    ...base,
    map: draft.map,
    workload: draft.workload,
    topology: draft.topology,
  });
  if (!probe.ok) return null;
  const s = probe.value;
  const teams = s.topology === "versus" ? (["hub", "swarm"] as const) : [s.topology];
  return teams.map((t) => buildWorld(s, t, createRng(s.seed, t)));
}

export function regionsOf(worlds: readonly World[]): string[] {
  const w = worlds[0];
  return w ? [...new Set(w.nodes.filter((n) => n.kind === "router").map((n) => n.region))] : [];
}

/**
 * The targets worth offering for a kind on this map: [value, words]. Empty for kinds without one.
 * Without a map (its fields are being fixed) every role is offered.
 */
export function targetChoices(kind: FailureKind, worlds: readonly World[] | null): [string, string][] {
  const aim = FAILURE_AIM[kind];
  const words = (t: string): [string, string] => [t, targetWords(aim, t)];
  if (aim === "none") return [];
  if (aim === "link") return ["busiest", "random", "role:access"].map(words);
  if (aim === "region")
    return [words("random"), ...regionsOf(worlds ?? []).map((r): [string, string] => [r, `the ${r} region`])];
  const roles = (ROLE_CHOICES[kind] ?? []).filter(
    (role) =>
      !worlds || worlds.some((w) => w.nodes.some((n) => canHit(kind, n) && hasRole(n, role.slice(5)))),
  );
  return [...roles, "busiest", "random"].map(words);
}

/** Where a target would hit nothing, in words; null when every team has something to hit. */
export function targetWarning(
  kind: FailureKind,
  target: string | undefined,
  worlds: readonly World[],
): string | null {
  const aim = FAILURE_AIM[kind];
  if (!target || aim === "none" || target === "random" || target === "busiest") return null;
  const misses: string[] = [];
  for (const w of worlds) {
    const team = teamName(w.team);
    if (aim === "region") {
      if (!regionsOf([w]).some((r) => r.toLowerCase() === target.toLowerCase()))
        misses.push(`${team} has no region "${target}".`);
    } else if (aim === "link") {
      if (target.startsWith("role:")) continue;
      const [a, b] = target.split("-");
      if (!w.links.some((l) => l.id === target || l.id === `${b}-${a}`))
        misses.push(`${team} has no link ${target}.`);
    } else if (target.startsWith("role:")) {
      if (!w.nodes.some((n) => canHit(kind, n) && hasRole(n, target.slice(5))))
        misses.push(`${team} has no ${targetWords(aim, target).replace(/^an? |^the /, "")} it can hit.`);
    } else {
      const index = w.idIndex.get(target);
      const node = index === undefined ? undefined : w.nodes[index];
      if (!node) misses.push(`${team} has no node ${target}.`);
      else if (!canHit(kind, node))
        misses.push(`In ${team} ${target} is ${article(node.kind)} ${node.kind}: ${kind} cannot hit it.`);
    }
  }
  if (!misses.length) return null;
  const reach = misses.length === worlds.length ? "This hits nothing." : "This hits only one team.";
  return `${reach} ${misses.join(" ")}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}
