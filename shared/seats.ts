/**
 * Seats: which node a joining player takes. Teams stay balanced (the team with fewer humans first)
 * and so do roles within a team (the role with the smallest share of humans first). A player who
 * joins late takes over a bot's node. Pure: reads the match, decides, and `assignSeat` applies.
 */
import { isSeat } from "./intents";
import type { Architecture, Match, SimNode, World } from "./types";

export interface Seat {
  team: Architecture;
  node: string;
}

function humans(world: World): number {
  return world.nodes.filter((n) => n.holder !== null && !n.gone).length;
}

function roleOf(node: SimNode): string {
  return node.peer?.seed ? "seed" : node.kind;
}

/** The seat a new player should take, or null when every seat is held by a human. */
export function pickSeat(match: Match, prefer?: Architecture): Seat | null {
  const worlds = [...match.worlds].sort((a, b) => {
    const d = humans(a) - humans(b);
    if (d !== 0) return d;
    if (prefer) return a.team === prefer ? -1 : b.team === prefer ? 1 : 0;
    return 0;
  });
  for (const world of worlds) {
    const free = world.nodes.filter((n) => isSeat(n) && n.holder === null);
    if (free.length === 0) continue;
    const share = new Map<string, { held: number; total: number }>();
    for (const n of world.nodes) {
      if (!isSeat(n)) continue;
      const s = share.get(roleOf(n)) ?? { held: 0, total: 0 };
      s.total++;
      if (n.holder !== null) s.held++;
      share.set(roleOf(n), s);
    }
    const ratio = (n: SimNode) => {
      const s = share.get(roleOf(n))!;
      return s.held / s.total;
    };
    // Lowest human share first; among equals, servers and seeds before routers before peers (the
    // roles with the most decisions), then map order.
    const order = ["server", "seed", "router", "client", "peer"];
    free.sort(
      (a, b) =>
        ratio(a) - ratio(b) || order.indexOf(roleOf(a)) - order.indexOf(roleOf(b)) || a.index - b.index,
    );
    return { team: world.team, node: free[0]!.id };
  }
  return null;
}

/** Puts a player on a node (or gives it back to the bots with null), at once. */
export function assignSeat(match: Match, team: Architecture, nodeId: string, player: string | null): boolean {
  const world = match.worlds.find((w) => w.team === team);
  const index = world?.idIndex.get(nodeId);
  if (!world || index === undefined) return false;
  const node = world.nodes[index]!;
  if (!isSeat(node)) return false;
  node.holder = player;
  node.autopilot = player === null;
  return true;
}

/** The node a player holds, if any. */
export function seatOf(match: Match, player: string): { world: World; node: SimNode } | null {
  for (const world of match.worlds) {
    for (const node of world.nodes) if (node.holder === player) return { world, node };
  }
  return null;
}

/** Who holds a seat now: a player id, or null for a bot seat or a node that does not exist. */
export function holderOf(match: Match, seat: Seat): string | null {
  const world = match.worlds.find((w) => w.team === seat.team);
  const i = world?.idIndex.get(seat.node);
  return i === undefined || !world ? null : world.nodes[i]!.holder;
}
