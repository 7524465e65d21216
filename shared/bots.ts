/**
 * The autopilot: a bot policy for every role. Bots fill empty seats, take over a dropped player's node
 * and set each scenario's par. They decide through the same intents a player sends, validated the
 * same way. Routers' autopilot is the distance-vector protocol (routing.ts); here are the rest.
 * Pure: decisions depend only on the match state and the world's seeded generator.
 */
import {
  BOT_BREACH_DETECT_TICKS,
  BOT_CORRUPT_BLOCK_THRESHOLD,
  BOT_FLOOD_DETECT_TICKS,
  BOT_JUNK_BLOCK_THRESHOLD,
  BOT_RESTART_DETECT_TICKS,
  BOT_UPDATE_TICKS,
  PRICES,
  SERVER_MAX_JOBS,
  TICKS_PER_SECOND,
} from "./constants";
import type { NodeIntent } from "./intents";
import { coinsLeft, updatesCovered } from "./intents";
import { keptStill } from "./level-setup";
import { hashString } from "./random";
import type { FailureKind } from "./scenario";
import { isDown } from "./transport";
import type { Match, SimNode, World } from "./types";
import { updatesAll } from "./view-rules";

/** A finished peer's owner shares at least this long before leaving, in ticks (30 s)... */
const PEER_LINGER_MIN = 30 * TICKS_PER_SECOND;
/** ...and at most this long (2 minutes). */
const PEER_LINGER_MAX = 120 * TICKS_PER_SECOND;

/** Longest time a peer's owner takes to act on a warning, in ticks (60 s). */
const PEER_OWNER_MAX_DELAY = 60 * TICKS_PER_SECOND;
/**
 * Peers at which half the owners never act on a warning. In a small network everyone knows everyone
 * and each machine gets looked after; the bigger the swarm, the more machines nobody gets round to
 * (every extra computer is one more point of entry that no central server protects), faster than in
 * proportion: each owner also has more peers to guard against (the upkeep grows with the swarm).
 */
const PEER_NEGLECT_HALF = 50;
/** Peers that are all looked after: a handful of computers, where everyone knows everyone. */
const PEER_LOOKED_AFTER = 6;
/** Peers from which a warning takes the full PEER_OWNER_MAX_DELAY to reach every owner. */
const PEER_WORD_SPREAD = 25;

/**
 * How long a crash lasts before someone restarts the machine: a hub's machines and every router are
 * watched centrally (BOT_RESTART_DETECT_TICKS); a peer waits for its owner (ownerDelayTicks), who
 * may never notice.
 */
function restartDelayTicks(match: Match, world: World, node: SimNode): number {
  return node.peer ? ownerDelayTicks(match, world, node) : BOT_RESTART_DETECT_TICKS;
}

/** The longest a peer's owner who acts at all takes to install a security update (10 s). */
const PEER_UPDATE_TICKS = 10 * TICKS_PER_SECOND;
/** Share of owners who never install an update once the swarm is PEER_NEGLECT_HALF big. */
const PEER_UPDATE_NEGLECT = 0.25;

/** Share of the budget a server bot keeps in reserve before it pays for an upgrade. */
const BOT_UPGRADE_RESERVE = 0.35;

/** Decisions of every autopilot node of a world this bot round. */
export function decideBots(match: Match, world: World): NodeIntent[] {
  const out: NodeIntent[] = [];
  for (const node of world.nodes) {
    if (!node.autopilot || node.gone || keptStill(match.scenario, node)) continue;
    decideUpdate(match, world, node, out);
    if (isDown(node, match.tick)) {
      if (node.crashed && match.tick - node.downSince >= restartDelayTicks(match, world, node))
        out.push({ type: "restart", ...base(world, node) });
      continue;
    }
    if (node.kind === "server") decideServer(match, world, node, out);
    else if (node.kind === "peer" && !node.peer!.malicious) decidePeer(match, world, node, out);
  }
  return out;
}

/**
 * Security updates: a hub's servers are centrally managed, and the admin rolls each one out to every
 * server and client soon after it is published (BOT_UPDATE_TICKS); clients leave it to them. Each
 * router is updated by whoever runs it, as soon. A peer's owner installs their own within
 * PEER_UPDATE_TICKS, or never (ownerDelayTicks, with fewer who never do than for a warning). An
 * infected machine is cleaned the same way, by installing the update.
 */
function decideUpdate(match: Match, world: World, node: SimNode, out: NodeIntent[]): void {
  if (world.holes === 0 || node.kind === "client") return;
  const since = lastHoleAt(match, world);
  if (since < 0) return;
  // A security update is one click in a message the computer itself shows its owner (or installs on
  // its own): those who act at all act soon, and half as many never do as for a warning.
  const delay = node.peer
    ? Math.min(ownerDelayTicks(match, world, node, PEER_UPDATE_NEGLECT), PEER_UPDATE_TICKS)
    : BOT_UPDATE_TICKS;
  if (match.tick - since < delay) return;
  if (updateWanted(match, world, node)) out.push({ type: "update", ...base(world, node) });
}

/** Per world, the round of the last look for a centrally updated machine still needing the update. */
const centralLook = new WeakMap<World, { tick: number; wanted: boolean }>();

/**
 * Whether one of the machines an update from `node` covers still needs it (or is infected). Every
 * hub server covers the same machines (all servers and clients), and nothing changes while the bots
 * decide, so that is looked for once a round per world: each of a school network's 100 servers
 * walked its 2,000 nodes at every tick, which doubled its hub's simulation once a hole was out.
 */
function updateWanted(match: Match, world: World, node: SimNode): boolean {
  const central = updatesAll(world.team, node.kind);
  const last = central ? centralLook.get(world) : undefined;
  if (last !== undefined && last.tick === match.tick) return last.wanted;
  const wanted = updatesCovered(world, node).some((n) => n.updates < world.holes || n.infected);
  if (central) centralLook.set(world, { tick: match.tick, wanted });
  return wanted;
}

/** The tick the latest security hole of this world was published, or -1. */
function lastHoleAt(match: Match, world: World): number {
  for (let i = match.failureLog.length - 1; i >= 0; i--) {
    const f = match.failureLog[i]!;
    if (f.kind === "exploit" && f.effects.some((e) => e.team === world.team)) return f.startTick;
  }
  return -1;
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

/**
 * The tick a warning of this kind began, if one is under way in this world (the banner every player
 * of the team sees), else -1.
 */
function warningSince(match: Match, world: World, kind: FailureKind): number {
  for (const f of match.failureLog) {
    if (f.kind !== kind || match.tick < f.startTick || (f.endTick !== null && match.tick >= f.endTick))
      continue;
    if (f.effects.some((e) => e.team === world.team && e.target !== "")) return f.startTick;
  }
  return -1;
}

/**
 * Servers are centrally managed, and the manager spends only for a reason it can see: encryption
 * while a wiretap is reported (every connection to the server at once), backups when the server's
 * data exists nowhere else (no upstream to fetch it from again), an upgrade when its own queue of jobs
 * is long; breaches patched, disks restored, a flood's sources filtered once the admin has noticed it
 * (BOT_FLOOD_DETECT_TICKS).
 */
function decideServer(match: Match, world: World, node: SimNode, out: NodeIntent[]): void {
  const s = node.server!;
  const b = base(world, node);
  const needsBackup = s.upstream < 0 && !s.cloud;
  if (s.backup !== needsBackup && !(s.backup && s.diskFailed))
    out.push({ type: "backup", ...b, on: needsBackup });
  const tapped = warningSince(match, world, "wiretap") >= 0;
  if (node.encrypt !== tapped) out.push({ type: "encrypt", ...b, on: tapped });
  if (s.diskFailed && s.backup && s.restoreAt === 0) out.push({ type: "restore", ...b });
  if (s.breached && match.tick - s.breachedSince >= BOT_BREACH_DETECT_TICKS)
    out.push({ type: "patch", ...b });
  const flood = warningSince(match, world, "ddos");
  if (flood >= 0 && match.tick - flood >= BOT_FLOOD_DETECT_TICKS)
    blockSuspects(world, node, BOT_JUNK_BLOCK_THRESHOLD, out);
  const busy = s.jobs.length >= SERVER_MAX_JOBS * 0.75;
  if (
    busy &&
    s.upgrades < 1 &&
    coinsLeft(match, world) - PRICES.upgrade > match.scenario.budget * BOT_UPGRADE_RESERVE
  )
    out.push({ type: "upgrade", ...b });
}

/**
 * A peer's client software bans a peer whose pieces fail the hash check at once. A harmful file with
 * matching hashes is different: only the user who opened it knows, and blocking its senders is up to
 * the owner, in their own time (ownerDelayTicks), or never. So is a flood of junk: it arrives below
 * the file-sharing software, and only the owner can ask the provider to filter it.
 */
function blockCheats(match: Match, world: World, node: SimNode, out: NodeIntent[]): void {
  if (node.suspects.size === 0) return; // most peers, most of the time: no one to block
  const p = node.peer!;
  const delay = ownerDelayTicks(match, world, node);
  const ownerActed = p.harmFoundAt >= 0 && match.tick - p.harmFoundAt >= delay;
  const flood = warningSince(match, world, "ddos");
  const floodActed = flood >= 0 && match.tick - flood >= delay;
  for (const [src, seen] of node.suspects) {
    if (seen < BOT_CORRUPT_BLOCK_THRESHOLD || node.blocked.has(src)) continue;
    const junk = world.nodes[src]!.kind === "botnet";
    const bySoftware = !junk && seen - (p.blamed.get(src) ?? 0) >= BOT_CORRUPT_BLOCK_THRESHOLD;
    if (bySoftware || (junk ? floodActed : ownerActed))
      out.push({ type: "block", ...base(world, node), source: world.nodes[src]!.id });
  }
}

/**
 * How long after a warning a peer's owner gets round to acting on it, in ticks: nobody manages a
 * peer but its owner, so each reacts in its own time (drawn from the match seed and the peer).
 * Some never do, more of them the bigger the swarm (PEER_NEGLECT_HALF). Central management has no
 * such spread: one decision covers every connection to a server.
 */
export function ownerDelayTicks(match: Match, world: World, node: SimNode, neglect = 0.5): number {
  const draw = seededDraw(ownerDraws, "owner", match, node) % 1000;
  const size = Math.min(
    1,
    Math.max(0, world.peers.length - PEER_LOOKED_AFTER) / (PEER_NEGLECT_HALF - PEER_LOOKED_AFTER),
  );
  const act = 1 - neglect * size ** 1.1;
  // Word travels fast in a small network; in a big one a warning takes a while to reach every owner.
  return draw >= act * 1000
    ? Number.POSITIVE_INFINITY
    : Math.round(
        (draw / 1000 / act) * PEER_OWNER_MAX_DELAY * Math.min(1, world.peers.length / PEER_WORD_SPREAD),
      );
}

/**
 * Peers decide alone: they verify and block cheaters and share freely; each encrypts once its owner
 * has acted on a wiretap warning (ownerDelayTicks), and stops when the warning is over.
 */
function decidePeer(match: Match, world: World, node: SimNode, out: NodeIntent[]): void {
  const p = node.peer!;
  const b = base(world, node);
  const since = warningSince(match, world, "wiretap");
  const encrypt = since >= 0 && match.tick - since >= ownerDelayTicks(match, world, node);
  if (node.encrypt !== encrypt) out.push({ type: "encrypt", ...b, on: encrypt });
  if (!p.verify) out.push({ type: "verify", ...b, on: true });
  // A backup is the owner's own foresight (the autopilot never buys one); one that exists is used.
  if (p.diskFailed && p.backup && p.restoreAt === 0) out.push({ type: "restore", ...b });
  if (p.strategy !== "rarest") out.push({ type: "strategy", ...b, strategy: "rarest" });
  blockCheats(match, world, node, out);
  if (p.policy !== "allow") out.push({ type: "policy", ...b, policy: "allow" });
  for (const q of p.awaiting) {
    const id = world.nodes[q.src]!.id;
    if (!out.some((i) => i.type === "access" && i.peer === id))
      out.push({ type: "access", ...b, peer: id, allow: true });
  }
  // Done with everything they wanted, owners share for a while, then close the app and leave.
  const u = node.user;
  if (u && u.current >= u.wants.length && match.tick >= u.wantFrom + lingerTicks(match, node))
    out.push({ type: "leave", ...b });
}

/**
 * How long a peer's owner keeps sharing after their last download, in ticks: from PEER_LINGER_MIN to
 * PEER_LINGER_MAX, the same for the same owner in the same match.
 */
export function lingerTicks(match: Match, node: SimNode): number {
  const spread = PEER_LINGER_MAX - PEER_LINGER_MIN;
  return PEER_LINGER_MIN + (seededDraw(lingerDraws, "linger", match, node) % (spread + 1));
}

/** Each node's draws, made once: the same for the same node in the same match (a node keeps its seed). */
const ownerDraws = new WeakMap<SimNode, number>();
const lingerDraws = new WeakMap<SimNode, number>();

/** The node's draw of a kind from the match seed and its id (unsigned), remembered per node. */
function seededDraw(memo: WeakMap<SimNode, number>, kind: string, match: Match, node: SimNode): number {
  let draw = memo.get(node);
  if (draw === undefined) {
    draw = hashString(`${kind}:${match.scenario.seed}:${node.id}`) >>> 0;
    memo.set(node, draw);
  }
  return draw;
}
