/**
 * What a solo level changes about how a match begins: the player's node and the other users'
 * computers start with the settings the level names, and when the level says the others do not
 * react, their autopilot makes no decisions at all (so what happens is down to the player).
 * Pure: reads the scenario's level block, writes starting settings.
 */
import type { PeerSetup, Scenario } from "./scenario";
import type { Match, SimNode } from "./types";

function applyPeerSetup(node: SimNode, setup: PeerSetup | undefined): void {
  const p = node.peer;
  if (!p || !setup) return;
  if (setup.policy) p.policy = setup.policy;
  if (setup.strategy) p.strategy = setup.strategy;
  if (setup.verify !== undefined) p.verify = setup.verify;
}

/** Sets up every world of a new match for its scenario's level (nothing without a level block). */
export function setUpLevel(match: Match): void {
  const level = match.scenario.level;
  if (!level) return;
  for (const world of match.worlds) {
    for (const node of world.nodes) {
      if (node.id === level.node) applyPeerSetup(node, level.setup);
      else if (node.user) applyPeerSetup(node, level.others);
    }
  }
}

/** True for a bot node the level keeps still: not the player's node, in a level whose others do not react. */
export function keptStill(scenario: Scenario, node: SimNode): boolean {
  const level = scenario.level;
  return level?.others?.react === false && node.id !== level.node;
}
