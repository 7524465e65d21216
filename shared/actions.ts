/**
 * Carrying out validated intents. Each function changes the match exactly as the decision says; the
 * caller (match.ts) has validated the intent against the current state first. Bonus points are
 * awarded here only for decisions with an effect: blocking a real cheat, patching, restoring.
 */
import {
  CLOUD_EXTRA_LATENCY,
  CLOUD_REGION,
  PATCH_TICKS,
  PEER_REQUEST_TIMEOUT,
  POINTS,
  PRICES,
  RESTART_TICKS,
  RESTORE_TICKS,
  SERVER_MAX_JOBS,
  TICKS_PER_SECOND,
  UPDATE_CLEAN_TICKS,
  UPGRADE_CAPACITY,
} from "./constants";
import { gameEvent } from "./events";
import { startFailure, takeDown } from "./failures";
import { chooseServer } from "./hub";
import type { HostIntent, NodeIntent } from "./intents";
import { linkIndexOf, updatesCovered, worldOf } from "./intents";
import { addEndpoint, attachedTo, newServer, reattach } from "./nodes";
import { addRoutesTo } from "./routing";
import { assignSeat } from "./seats";
import { addPending, discardCorrupt, recountAvailability } from "./swarm";
import { answerTimeout, canSend, createPacket, drop, sendFromEndpoint } from "./transport";
import type { Match, SimNode, World } from "./types";

export function applyHostIntent(match: Match, intent: HostIntent): void {
  switch (intent.type) {
    case "pause":
      match.paused = true;
      return;
    case "resume":
      match.paused = false;
      return;
    case "end":
      match.endTick = match.tick;
      return;
    case "add-time":
      match.endTick += intent.seconds * TICKS_PER_SECOND;
      return;
    case "trigger":
      match.hostFailures.push({ tick: match.tick, failure: intent.failure });
      startFailure(match, intent.failure, "host");
      return;
    case "assign":
      // A player takes over from the bot; an emptied seat goes back to the autopilot.
      assignSeat(match, intent.team, intent.node, intent.player);
      return;
  }
}

export function applyNodeIntent(match: Match, intent: NodeIntent): void {
  const world = worldOf(match, intent.team)!;
  const node = world.nodes[world.idIndex.get(intent.node)!]!;
  const byId = (id: string) => world.nodes[world.idIndex.get(id)!]!;
  const s = node.server;
  const p = node.peer;
  switch (intent.type) {
    case "route": {
      const rs = node.router!;
      const dest = byId(intent.dest).index;
      // No link: a null route, the router drops them at once ("no-route"), as the protocol does for
      // a destination it cannot reach, instead of carrying them to die at the edge of the outage.
      rs.table[dest] = intent.link === null ? -1 : linkIndexOf(world, intent.link);
      rs.synced = false;
      const alt = intent.alt === undefined || intent.link === null ? -1 : linkIndexOf(world, intent.alt);
      rs.splits += (alt !== -1 ? 1 : 0) - ((rs.split[dest] ?? -1) !== -1 ? 1 : 0);
      rs.split[dest] = alt;
      if (routeLoops(world, node.index, dest)) match.loopRoutes.add(intent);
      break;
    }
    case "block": {
      const src = byId(intent.source);
      if (node.blocked.size === 0) {
        if (node.router) world.blockingRouters++;
        else world.blockingEndpoints++;
      }
      node.blocked.add(src.index);
      if (isMalicious(src) && !node.caught.has(src.index)) {
        node.caught.add(src.index);
        node.points += POINTS.maliciousBlocked;
      }
      if (p) {
        dropAll(
          world,
          p.awaiting.filter((q) => q.src === src.index),
        );
        p.awaiting = p.awaiting.filter((q) => q.src !== src.index);
        p.pending = p.pending.filter((q) => q.from !== src.index);
      }
      break;
    }
    case "unblock":
      if (node.blocked.delete(byId(intent.source).index) && node.blocked.size === 0) {
        if (node.router) world.blockingRouters--;
        else world.blockingEndpoints--;
      }
      break;
    case "prioritise":
      node.router!.priority = intent.kind;
      break;
    case "upgrade":
      s!.upgrades++;
      s!.capacity += UPGRADE_CAPACITY;
      world.spent.upgrades += PRICES.upgrade;
      break;
    case "replica":
      addReplica(match, world, node, intent.region);
      break;
    case "cloud":
      moveToCloud(world, node, intent.on);
      break;
    case "stateless":
      s!.stateless = intent.on;
      break;
    case "backup":
      if (node.peer) {
        const p = node.peer;
        p.backup = intent.on ? p.have.map((m, i) => (m & ~p.corrupt[i]!) >>> 0) : null;
        break;
      }
      s!.backup = intent.on;
      if (intent.on) keepBackup(node);
      else if (!s!.cloud) s!.backupContent = null;
      break;
    case "encrypt":
      node.encrypt = intent.on;
      break;
    case "server":
      chooseServer(node, world.idIndex.get(intent.server)!);
      break;
    case "restart":
      node.downUntil = Math.min(node.downUntil, match.tick + RESTART_TICKS);
      node.crashed = false;
      break;
    case "restore":
      if (node.peer) node.peer.restoreAt = match.tick + RESTORE_TICKS;
      else s!.restoreAt = match.tick + RESTORE_TICKS;
      node.points += POINTS.restored;
      break;
    case "patch":
      // Isolate and patch: offline for a while, clean afterwards.
      takeDown(match, world, node, match.tick + PATCH_TICKS);
      s!.breached = false;
      node.points += POINTS.breachPatched;
      break;
    case "update":
      for (const n of updatesCovered(world, node)) {
        n.updates = world.holes;
        if (!n.infected) continue;
        // Cleaned: the attacker is out once the update is in and the machine has started again.
        n.infected = false;
        takeDown(match, world, n, match.tick + UPDATE_CLEAN_TICKS);
      }
      break;
    case "cache":
      if (canSend(world, node) && s!.jobs.length < SERVER_MAX_JOBS) {
        const missing = match.ctx.full & ~s!.content[intent.item]!;
        s!.fetching.set(intent.item, match.tick);
        sendFromEndpoint(
          match,
          world,
          node,
          createPacket(match, world, "request", node, s!.upstream, { item: intent.item, mask: missing }),
        );
      }
      break;
    case "request-chunk": {
      const from = byId(intent.from);
      if (canSend(world, node)) {
        sendFromEndpoint(
          match,
          world,
          node,
          createPacket(match, world, "chunk-request", node, from.index, {
            item: intent.item,
            chunk: intent.chunk,
          }),
        );
        addPending(
          p!,
          intent.item,
          intent.chunk,
          from.index,
          match.tick,
          answerTimeout(world, node.index, from.index, PEER_REQUEST_TIMEOUT),
        );
      }
      break;
    }
    case "strategy":
      p!.strategy = intent.strategy;
      break;
    case "access": {
      const other = byId(intent.peer).index;
      if (intent.allow) {
        p!.approved.add(other);
        p!.denied.delete(other);
        for (const q of p!.awaiting.filter((r) => r.src === other)) node.queue.push(q);
      } else {
        p!.denied.add(other);
        p!.approved.delete(other);
        dropAll(
          world,
          p!.awaiting.filter((r) => r.src === other),
          "refused",
        );
      }
      p!.awaiting = p!.awaiting.filter((r) => r.src !== other);
      break;
    }
    case "policy":
      p!.policy = intent.policy;
      break;
    case "verify":
      p!.verify = intent.on;
      if (intent.on) discardCorrupt(world, node);
      break;
    case "leave":
      takeDown(match, world, node, 0);
      node.gone = true;
      recountAvailability(world);
      break;
    case "autopilot":
      node.autopilot = intent.on;
      break;
  }
}

function dropAll(world: World, packets: SimNode["queue"], reason: "refused" | "blocked" = "blocked"): void {
  for (const q of packets) drop(world, q, reason);
}

function isMalicious(node: SimNode): boolean {
  return (
    node.kind === "botnet" ||
    node.peer?.malicious === true ||
    node.peer?.breached === true ||
    node.server?.breached === true
  );
}

/**
 * Into the cloud: the server moves to a data centre of its own region (CLOUD_REGION), so a power cut
 * in its old region no longer takes it down. The data centre is reached over the internet through a
 * router of another region of the map (the next one, as for a replica), farther away than the
 * school's own server room; its backups come with it. Back home, it stands where it stood before.
 */
function moveToCloud(world: World, node: SimNode, on: boolean): void {
  const s = node.server!;
  const link = world.links[node.links[0]!]!;
  s.cloud = on;
  const extra = on ? CLOUD_EXTRA_LATENCY : -CLOUD_EXTRA_LATENCY;
  link.baseLatency += extra;
  link.latency += extra;
  if (on) {
    s.home = { router: attachedTo(world, node), region: node.region, x: node.x, y: node.y };
    keepBackup(node);
    const router = replicaRouter(world, node);
    reattach(world, node, router);
    node.region = CLOUD_REGION;
    addRoutesTo(world, node, router);
    return;
  }
  const home = s.home!;
  s.home = null;
  reattach(world, node, home.router);
  node.region = home.region;
  node.x = home.x;
  node.y = home.y;
  addRoutesTo(world, node, home.router);
}

/** Backups copy the content as it is now and follow every change after. */
function keepBackup(node: SimNode): void {
  const s = node.server!;
  if (!s.backupContent) s.backupContent = s.content.slice();
}

/**
 * Where a replica goes: in the region asked for, or else in the next region after the server's own
 * (in the map's order), at the router there with the fewest servers (the lowest first on a tie).
 * A map with one region keeps it on the server's own router.
 */
function replicaRouter(world: World, node: SimNode, region?: string): number {
  const routers = world.nodes.filter((n) => n.router);
  const regions = [...new Set(routers.map((r) => r.region))];
  const own = node.region;
  const target = region ?? regions[(regions.indexOf(own) + 1) % regions.length] ?? own;
  if (target === own && region === undefined) return attachedTo(world, node);
  const servers = (r: SimNode) =>
    world.servers.filter((i) => attachedTo(world, world.nodes[i]!) === r.index).length;
  let best: SimNode | null = null;
  for (const r of routers) if (r.region === target && (!best || servers(r) < servers(best))) best = r;
  return best ? best.index : attachedTo(world, node);
}

/**
 * Scale out: a copy of the server, with its content, in another region (or the one asked for), so a
 * power cut or a cut link there does not take both down.
 */
function addReplica(match: Match, world: World, node: SimNode, region?: string): void {
  const s = node.server!;
  const router = replicaRouter(world, node, region);
  const count = world.nodes.filter((n) => n.server?.replica).length + 1;
  const where = world.nodes[router]!.region;
  const replica = addEndpoint(world, {
    id: `${node.id}r${count}`,
    kind: "server",
    label: `${node.label} copy ${count} (${where})`,
    router,
    bandwidth: world.links[node.links[0]!]!.baseBandwidth,
  });
  replica.server = newServer(false, s.content.slice(), s.upstream);
  replica.server.replica = true;
  replica.server.replicaOf = s.replicaOf >= 0 ? s.replicaOf : node.index;
  replica.server.stateless = s.stateless;
  replica.encrypt = node.encrypt;
  world.servers.push(replica.index);
  world.spent.setup += PRICES.replica;
  addRoutesTo(world, replica, router);
  match.log.push({
    tick: match.tick,
    team: world.team,
    event: gameEvent("replica-online", { node: replica.label }),
  });
}

/**
 * Whether packets for `dest` leaving router `from` come back to a router they passed: following each
 * router's table hop by hop, before they reach `dest` or leave the routers.
 */
function routeLoops(world: World, from: number, dest: number): boolean {
  const passed = new Set<number>();
  for (let at = from; ; ) {
    if (passed.has(at)) return true;
    passed.add(at);
    const li = world.nodes[at]!.router?.table[dest] ?? -1;
    if (li < 0) return false;
    const link = world.links[li]!;
    const next = link.a === at ? link.b : link.a;
    if (next === dest || !world.nodes[next]!.router) return false;
    at = next;
  }
}
