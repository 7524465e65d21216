/**
 * The autopilot: a bot policy for every role. Bots fill empty seats, take over a dropped player's node
 * and set each scenario's par. They decide through the same intents a player sends, validated the
 * same way. Routers' autopilot is the distance-vector protocol (routing.ts); here are the rest.
 * Pure: decisions depend only on the match state and the world's seeded generator.
 */
import {
  BOT_BREACH_DETECT_TICKS,
  BOT_CORRUPT_BLOCK_THRESHOLD,
  BOT_JUNK_BLOCK_THRESHOLD,
  PRICES,
  SERVER_MAX_JOBS,
} from "./constants";
import type { NodeIntent } from "./intents";
import { coinsLeft } from "./intents";
import { keptStill } from "./level-setup";
import { nextFloat } from "./random";
import { isDown } from "./transport";
import type { Match, SimNode, World } from "./types";

/** Share of the budget a server bot keeps in reserve before it pays for an upgrade. */
const BOT_UPGRADE_RESERVE = 0.35;

/** Decisions of every autopilot node of a world this bot round. */
export function decideBots(match: Match, world: World): NodeIntent[] {
  const out: NodeIntent[] = [];
  for (const node of world.nodes) {
    if (!node.autopilot || node.gone || isDown(node, match.tick)) continue;
    if (keptStill(match.scenario, node)) continue;
    if (node.kind === "server") decideServer(match, world, node, out);
    else if (node.kind === "peer" && !node.peer!.malicious) decidePeer(match, world, node, out);
  }
  return out;
}

function base(world: World, node: SimNode) {
  return { team: world.team, node: node.id };
}

function blockSuspects(world: World, node: SimNode, threshold: number, out: NodeIntent[]): void {
  for (const [src, seen] of node.suspects) {
    if (seen >= threshold && !node.blocked.has(src))
      out.push({ type: "block", ...base(world, node), source: world.nodes[src]!.id });
  }
}

/** Servers are centrally managed: backups and encryption on, breaches patched, attackers blocked. */
function decideServer(match: Match, world: World, node: SimNode, out: NodeIntent[]): void {
  const s = node.server!;
  const b = base(world, node);
  if (!s.backup) out.push({ type: "backup", ...b, on: true });
  if (!node.encrypt) out.push({ type: "encrypt", ...b, on: true });
  if (s.diskFailed && s.backup && s.restoreAt === 0) out.push({ type: "restore", ...b });
  if (s.breached && match.tick - s.breachedSince >= BOT_BREACH_DETECT_TICKS)
    out.push({ type: "patch", ...b });
  blockSuspects(world, node, BOT_JUNK_BLOCK_THRESHOLD, out);
  const busy = s.jobs.length >= SERVER_MAX_JOBS * 0.75;
  if (
    busy &&
    s.upgrades < 1 &&
    coinsLeft(match, world) - PRICES.upgrade > match.scenario.budget * BOT_UPGRADE_RESERVE
  )
    out.push({ type: "upgrade", ...b });
}

/** Peers decide alone: they verify and block cheaters, share freely; half of them encrypt. */
function decidePeer(match: Match, world: World, node: SimNode, out: NodeIntent[]): void {
  const p = node.peer!;
  const b = base(world, node);
  if (match.tick === 0 && nextFloat(world.rng) < 0.5) out.push({ type: "encrypt", ...b, on: true });
  if (!p.verify) out.push({ type: "verify", ...b, on: true });
  if (p.strategy !== "rarest") out.push({ type: "strategy", ...b, strategy: "rarest" });
  blockSuspects(world, node, BOT_CORRUPT_BLOCK_THRESHOLD, out);
  if (p.policy !== "allow") out.push({ type: "policy", ...b, policy: "allow" });
  for (const q of p.awaiting) {
    const id = world.nodes[q.src]!.id;
    if (!out.some((i) => i.type === "access" && i.peer === id))
      out.push({ type: "access", ...b, peer: id, allow: true });
  }
}
