/**
 * Each player's private "you" view of their own node: what others must not see (coins, who they
 * await, suspects, a client's server, a router's routes). Made from the match; changes nothing.
 */
import type { Client } from "@colyseus/core";
import {
  askedServer,
  coinsLeft,
  isDown,
  type Match,
  type PrivateView,
  S2C,
  seatOf,
} from "../../../../shared/index";
import { routeView } from "../router-view";
import { dataOf } from "./messages";

/** The private view of a player's node, or null when the player holds no seat. */
export function privateView(match: Match, player: string): PrivateView | null {
  const seat = seatOf(match, player);
  if (!seat) return null;
  const { world, node } = seat;
  const awaiting = node.peer ? [...new Set(node.peer.awaiting.map((q) => world.nodes[q.src]!.id))] : [];
  const suspects = [...node.suspects].map(([src, n]) => ({ node: world.nodes[src]!.id, count: n }));
  const asks = node.kind === "client" ? askedServer(world, node) : -1;
  return {
    team: world.team,
    node: node.id,
    coins: Math.floor(coinsLeft(match, world)),
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
  for (const client of clients) {
    const d = dataOf(client);
    if (!d) continue;
    const view = privateView(match, d.player);
    if (!view) continue;
    const text = JSON.stringify(view);
    if (d.lastView === text) continue;
    d.lastView = text;
    client.send(S2C.you, view);
  }
}
