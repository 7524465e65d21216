/**
 * Rules written once, over plain fields: whether a control is offered for a node, whether a node is a
 * seat or an intruder. The simulation applies them to its nodes (intents.ts validateIntent) and a
 * screen to what it sees (the view types, view.ts, have these fields), so both give the same answer
 * as the same refusal codes (tests/shared/view-rules.test.ts). Pure functions of their arguments.
 */
import { MAX_UPGRADES, PEER_UPKEEP_PEERS, PEER_UPKEEP_PER_MINUTE, TICKS_PER_SECOND } from "./constants";
import { type Refusal, refusal } from "./refusals";
import type { NodeView } from "./view";

/**
 * A swarm's upkeep of its peers, coins a minute (constants.ts): each peer on its own, dearer the more
 * peers there are. The simulation charges it (match.ts); a done peer's panel says what leaving saves.
 */
export function swarmUpkeepPerMinute(peers: number): number {
  return peers * PEER_UPKEEP_PER_MINUTE * (1 + peers / PEER_UPKEEP_PEERS);
}

/**
 * Whole seconds a user has waited for its file at `tick` (the map's tag and the panel say it), or -1
 * when it is not waiting (view.ts waitingSince).
 */
export function waitedSeconds(n: Pick<NodeView, "waitingSince" | "gone">, tick: number): number {
  if (n.waitingSince < 0 || n.gone || tick < n.waitingSince) return -1;
  return Math.floor((tick - n.waitingSince) / TICKS_PER_SECOND);
}

/** Coins a minute the swarm's upkeep falls by when one of its `peers` leaves (more than its own share). */
export function upkeepSavedByLeaving(peers: number): number {
  return peers > 0 ? swarmUpkeepPerMinute(peers) - swarmUpkeepPerMinute(peers - 1) : 0;
}

/** The id every peer a malicious-peer failure brings into a swarm starts with (X1, X2, …). */
export const INTRUDER_ID_PREFIX = "X";

/** Why a server cannot be upgraded now, or null when it can. */
export function upgradeRefusal(node: Pick<NodeView, "label" | "upgrades">): Refusal | null {
  return node.upgrades >= MAX_UPGRADES ? refusal("fully-upgraded", { node: node.label }) : null;
}

/** Why a server or a peer cannot be restored from its backup now, or null when it can. */
export function restoreRefusal(node: Pick<NodeView, "diskFailed" | "backup" | "restoring">): Refusal | null {
  if (!node.diskFailed) return refusal("disk-fine");
  if (!node.backup) return refusal("no-backup");
  return node.restoring ? refusal("restore-running") : null;
}

/** Why a server cannot be patched now (it is not breached), or null when it can. */
export function patchRefusal(node: Pick<NodeView, "label" | "breached">): Refusal | null {
  return node.breached ? null : refusal("not-breached", { node: node.label });
}

/**
 * Why installing the security update does nothing now (every machine it covers has it and none is
 * infected), or null when it does. It covers the node itself, or, from a hub's server, every server
 * and client of the network (central management): `updatesCovered`.
 */
export function updateRefusal(
  node: Pick<NodeView, "label">,
  covered: readonly Pick<NodeView, "updateDue" | "infected">[],
): Refusal | null {
  return covered.some((n) => n.updateDue || n.infected) ? null : refusal("up-to-date", { node: node.label });
}

/** Whether a node's "install the update" covers every server and client of its team (a hub's server). */
export function updatesAll(team: string, kind: string): boolean {
  return team === "hub" && kind === "server";
}

/** The machines central management updates: a hub's servers and clients. */
export function centrallyUpdated(kind: string): boolean {
  return kind === "server" || kind === "client";
}

/** The nodes of a team's view one "install the update" from `node` covers (the screen's updatesCovered). */
export function updatesCoveredView(nodes: Iterable<NodeView>, team: string, node: NodeView): NodeView[] {
  if (!updatesAll(team, node.kind)) return [node];
  return [...nodes].filter((x) => centrallyUpdated(x.kind) && !x.gone);
}

/** The seat rule: nodes a player can hold are routers, servers, clients and the team's own peers. */
export function isSeatKind(kind: string, id: string): boolean {
  if (kind === "router" || kind === "server" || kind === "client") return true;
  return kind === "peer" && !id.startsWith(INTRUDER_ID_PREFIX);
}

/** A peer no player may hold: one a malicious-peer failure brought into the swarm. */
export function isIntruder(node: Pick<NodeView, "kind" | "id">): boolean {
  return node.kind === "peer" && !isSeatKind(node.kind, node.id);
}
