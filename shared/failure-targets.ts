/**
 * Where a failure lands: what each kind aims at by default, which nodes it can hit, and the draws that
 * pick the same router, region or number of nodes in every team's world (a stream derived from the
 * match seed and the event's number). "busiest" is each world's own busiest node.
 */
import { nextInt, pick, type Rng } from "./random";
import type { FailureKind } from "./scenario";
import type { Link, Match, SimNode, World } from "./types";
/** Default duration, in seconds, of kinds that last a while. Kinds missing here are instantaneous. */
export const DEFAULT_DURATION: Partial<Record<FailureKind, number>> = {
  crash: 20,
  "link-cut": 30,
  congestion: 30,
  "packet-loss": 30,
  ddos: 20,
  outage: 25,
  wiretap: 60,
  exploit: 60,
};

export { DEFAULT_MAGNITUDE } from "./scenario";

/** The target a failure without one aims at. */
export const DEFAULT_TARGET: Record<FailureKind, string> = {
  crash: "role:source",
  "disk-failure": "role:source",
  "link-cut": "busiest",
  congestion: "busiest",
  "packet-loss": "busiest",
  "flash-crowd": "",
  ddos: "role:source",
  breach: "role:source",
  churn: "random",
  "malicious-peer": "",
  outage: "random",
  wiretap: "busiest",
  exploit: "",
};

/** Which kinds of node a failure can hit. */
const ELIGIBLE: Partial<Record<FailureKind, (n: SimNode) => boolean>> = {
  crash: (n) => n.kind === "router" || n.kind === "server" || n.kind === "peer" || n.kind === "tracker",
  "disk-failure": (n) => n.kind === "server" || n.kind === "peer",
  ddos: (n) => n.kind === "server" || n.kind === "peer",
  breach: (n) => n.kind === "server" || (n.kind === "peer" && n.peer!.seed),
  churn: (n) => n.user !== null || n.peer?.seed === true,
  wiretap: (n) => n.kind === "router",
};

/** Whether a failure of this kind can hit this node (kinds aimed at links, regions or nothing: never). */
export function canHit(kind: FailureKind, node: SimNode): boolean {
  return ELIGIBLE[kind]?.(node) ?? false;
}

/** Whether a node matches a role filter. "source" is where content lives: servers, or seeds. */
export function hasRole(node: SimNode, role: string): boolean {
  switch (role) {
    case "server":
      return node.kind === "server";
    case "origin":
      return node.kind === "origin";
    case "router":
      return node.kind === "router";
    case "client":
      return node.kind === "client";
    case "peer":
      return node.kind === "peer";
    case "user":
      return node.user !== null;
    case "seed":
      return node.peer?.seed === true;
    case "source":
      return node.kind === "server" || node.peer?.seed === true;
    default:
      return false;
  }
}

function candidates(world: World, kind: FailureKind, target: string): SimNode[] {
  const eligible = world.nodes.filter((n) => !n.gone && canHit(kind, n));
  if (target === "random") return eligible;
  if (target.startsWith("role:")) return eligible.filter((n) => hasRole(n, target.slice(5)));
  return eligible.filter((n) => n.id === target);
}

/**
 * Node targets of a failure in one world: up to `count` nodes; empty when nothing fits. "random" and
 * role filters draw from the slots every world shares (the same routers, holders and users), so both
 * teams lose the same slot; "busiest" is each world's own busiest node.
 */
export function resolveNodes(
  match: Match,
  world: World,
  kind: FailureKind,
  target: string,
  count: number,
  rng: Rng,
): SimNode[] {
  if (target === "busiest") {
    const eligible = candidates(world, kind, "random");
    const best = eligible.reduce<SimNode | null>(
      (b, n) => (!b || n.counters.work > b.counters.work ? n : b),
      null,
    );
    return best ? [best] : [];
  }
  let pool = candidates(world, kind, target);
  const shared = match.worlds.map((w) => new Set(candidates(w, kind, target).map((n) => n.id)));
  const common = pool.filter((n) => shared.every((ids) => ids.has(n.id)));
  if (common.length > 0) pool = common;
  // Draw without replacement; the draw sequence is the same in every world.
  const chosen: SimNode[] = [];
  const rest = pool.slice();
  while (chosen.length < count && rest.length > 0) chosen.push(rest.splice(nextInt(rng, rest.length), 1)[0]!);
  return chosen;
}

export function resolveLink(world: World, target: string, rng: Rng): Link | null {
  const core = world.links.filter(
    (l) => world.nodes[l.a]!.kind === "router" && world.nodes[l.b]!.kind === "router",
  );
  if (target === "busiest")
    return core.reduce<Link | null>((b, l) => (l.up && (!b || l.carried > b.carried) ? l : b), null);
  if (target === "random" || target === "role:core") return core.length ? pick(rng, core) : null;
  if (target === "role:access") {
    const access = world.links.filter((l) => !core.includes(l));
    return access.length ? pick(rng, access) : null;
  }
  const [a, b] = target.split("-");
  return world.links.find((l) => l.id === target || l.id === `${b}-${a}`) ?? null;
}

export function regionsOf(world: World): string[] {
  return [...new Set(world.nodes.filter((n) => n.kind === "router").map((n) => n.region))];
}
