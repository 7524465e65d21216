/**
 * Rules a screen applies to what it sees, over the view types (view.ts): whether a control is offered
 * for a node, and whether a node is an intruder. They give the answer the simulation will give
 * (intents.ts validateIntent) from the fields a screen has, as the same refusal codes; a test holds
 * the two to the same answers (tests/shared/view-rules.test.ts). Pure functions of their arguments.
 */
import { MAX_UPGRADES } from "./constants";
import { isSeatKind } from "./intents";
import { type Refusal, refusal } from "./refusals";
import type { NodeView } from "./view";

/** Why a server cannot be upgraded now, or null when it can. */
export function upgradeRefusal(node: NodeView): Refusal | null {
  return node.upgrades >= MAX_UPGRADES ? refusal("fully-upgraded", { node: node.label }) : null;
}

/** Why a server or a peer cannot be restored from its backup now, or null when it can. */
export function restoreRefusal(node: NodeView): Refusal | null {
  if (!node.diskFailed) return refusal("disk-fine");
  if (!node.backup) return refusal("no-backup");
  return node.restoring ? refusal("restore-running") : null;
}

/** Why a server cannot be patched now (it is not breached), or null when it can. */
export function patchRefusal(node: NodeView): Refusal | null {
  return node.breached ? null : refusal("not-breached", { node: node.label });
}

/** A peer no player may hold: one a malicious-peer failure brought into the swarm. */
export function isIntruder(node: Pick<NodeView, "kind" | "id">): boolean {
  return node.kind === "peer" && !isSeatKind(node.kind, node.id);
}
