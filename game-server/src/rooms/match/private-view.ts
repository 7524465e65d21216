/**
 * Each player's private "you" view of their own node: what others must not see (who they await,
 * suspects, a client's server, a router's routes). Made from the match; changes nothing.
 */
import type { Client } from "@colyseus/core";
import {
  askedServer,
  isDown,
  type Match,
  type PrivateView,
  S2C,
  type SimNode,
  seatOf,
  type World,
} from "../../../../shared/index";
import { routeView } from "../router-view";
import { dataOf } from "./messages";

type Seat = { world: World; node: SimNode };

/**
 * The private view of a player's node, or null when the player holds no seat. `seats`: every seat by
 * its holder, when many views are made at once (else the player's seat is looked for).
 */
export function privateView(match: Match, player: string, seats?: Map<string, Seat>): PrivateView | null {
  const seat = seats ? (seats.get(player) ?? null) : seatOf(match, player);
  if (!seat) return null;
  const { world, node } = seat;
  const awaiting = node.peer ? [...new Set(node.peer.awaiting.map((q) => world.nodes[q.src]!.id))] : [];
  const suspects = [...node.suspects].map(([src, n]) => ({ node: world.nodes[src]!.id, count: n }));
  const asks = node.kind === "client" ? askedServer(world, node) : -1;
  return {
    team: world.team,
    node: node.id,
    awaiting,
    suspects,
    crashed: node.crashed && isDown(node, match.tick),
    ...(node.kind === "client"
      ? { asks: asks < 0 ? "" : world.nodes[asks]!.id, busy: node.user!.refusals }
      : {}),
    ...(node.router ? { routes: routeView(world, node) } : {}),
  };
}

/** Sends each seated client its private view, only when it changed: most seconds, for most, nothing did. */
export function sendPrivateViews(clients: Iterable<Client>, match: Match): void {
  const seats = new Map<string, Seat>();
  for (const world of match.worlds)
    for (const node of world.nodes) if (node.holder !== null) seats.set(node.holder, { world, node });
  for (const client of clients) {
    const d = dataOf(client);
    if (!d) continue;
    const view = privateView(match, d.player, seats);
    if (!view) continue;
    const text = JSON.stringify(view);
    if (d.lastView === text) continue;
    d.lastView = text;
    client.send(S2C.you, view);
  }
}
