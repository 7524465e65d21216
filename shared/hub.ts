/**
 * Client-server mechanics. Clients ask a server for an item and wait; a server answers with chunks at
 * its capacity. A server without the item becomes a client of its upstream (the origin): a cache miss
 * that costs a long round trip. Messages between users go through the server.
 */
import {
  CLIENT_BACKOFF_DOUBLINGS,
  CLIENT_BACKOFF_TICKS,
  CLIENT_TIMEOUT,
  CLOUD_ELASTIC_THRESHOLD,
  ENCRYPTION_FACTOR,
  LOGIN_TICKS,
  PRICES,
  REFUSAL_WORK,
  SERVER_MAX_JOBS,
} from "./constants";
import { suspect } from "./nodes";
import { nextInt } from "./random";
import {
  answerTimeout,
  canSend,
  connectionEncrypted,
  createPacket,
  deliver,
  drop,
  enqueue,
  isDown,
  removeAt,
  sendFromEndpoint,
} from "./transport";
import type { Match, Packet, SimNode, UserState, World } from "./types";
import { completeWant, currentWant, messageTarget } from "./workload";

/**
 * A client's tick: send its next message, ask for its current item, try again after a timeout. On
 * autopilot a timed-out client moves on to the next server; a player's client asks the same server
 * again until the player picks another (the `server` decision).
 */
export function stepClient(match: Match, world: World, node: SimNode): void {
  const tick = match.tick;
  if (isDown(node, tick)) return;
  const u = node.user!;
  sendDueMessage(match, world, node, true);
  const item = currentWant(u, tick);
  if (item < 0 || tick < u.backoffUntil || tick < u.loginUntil) return;
  if (u.relogin) {
    // Logged out by a server that lost its sessions: sign in again before asking for anything.
    u.relogin = false;
    u.loginUntil = tick + LOGIN_TICKS;
    return;
  }
  const timedOut = u.requestedAt >= 0 && tick - Math.max(u.requestedAt, u.lastProgress) > u.waitFor;
  if (u.requestedAt >= 0 && !timedOut) return;
  // Each new item starts at the user's own server (DNS spreads users); a timeout tries the next one.
  if (u.requestedAt < 0) u.serverTurn = u.slot;
  if (timedOut && node.autopilot) {
    u.serverTurn++;
    u.chosen = -1;
  }
  const server = askedServer(world, node);
  if (server < 0 || !canSend(world, node)) return;
  const packet = createPacket(match, world, "request", node, server, { item, mask: match.ctx.full & ~u.got });
  sendFromEndpoint(match, world, node, packet);
  u.requestedAt = tick;
  u.waitFor = answerTimeout(world, node.index, server, CLIENT_TIMEOUT);
}

/**
 * The server a client asks: the one its player chose while it is still there, otherwise spread over
 * the servers by slot ("DNS"), or the next one after a timeout. -1 when no server is left.
 */
export function askedServer(world: World, node: SimNode): number {
  const u = node.user!;
  if (u.chosen >= 0 && !world.nodes[u.chosen]!.gone) return u.chosen;
  // The turn-th of the servers still there, counted without making their list: clients ask often,
  // and on a school network those lists were about 6 % of what the simulation allocated.
  const servers = world.servers;
  let live = 0;
  for (let i = 0; i < servers.length; i++) if (!world.nodes[servers[i]!]!.gone) live++;
  if (live === 0) return -1;
  let k = u.serverTurn % live;
  for (let i = 0; i < servers.length; i++)
    if (!world.nodes[servers[i]!]!.gone && k-- === 0) return servers[i]!;
  return -1;
}

/**
 * A server went down. A stateful one held its users' sessions in its own memory: every user of it is
 * logged out, signs in again (LOGIN_TICKS) before asking anything of any server, and a download it
 * was serving starts again. A stateless service keeps sessions in a shared store, and so does a
 * server with a live replica (they share it): its users carry on wherever they ask next. Returns how
 * many users were logged out.
 */
export function loseSessions(match: Match, world: World, server: SimNode): number {
  const s = server.server;
  if (!s || s.origin || s.stateless) return 0;
  const twin = world.nodes.some(
    (n) =>
      n !== server &&
      n.server &&
      !isDown(n, match.tick) &&
      (n.server.replicaOf === server.index ||
        (s.replicaOf >= 0 && (n.index === s.replicaOf || n.server.replicaOf === s.replicaOf))),
  );
  if (twin) return 0;
  let lost = 0;
  for (const ui of world.users) {
    const client = world.nodes[ui]!;
    const u = client.user!;
    if (client.kind !== "client" || client.gone || askedServer(world, client) !== server.index) continue;
    if (u.current >= u.wants.length) continue; // done for the day: nothing to lose
    u.relogin = true;
    if (u.got !== match.ctx.full) {
      u.redo |= u.got;
      u.got = 0;
      u.gotCorrupt = 0;
    }
    lost++;
  }
  world.stats.sessionsLost += lost;
  return lost;
}

/** A player picked the server to ask: ask it at once for what is still missing. */
export function chooseServer(node: SimNode, server: number): void {
  const u = node.user!;
  u.chosen = server;
  u.requestedAt = -1;
  u.backoffUntil = 0;
  u.refusals = 0;
}

/**
 * A user's due direct message. In the hub it goes to the user's server, which relays it; in the swarm
 * it goes straight to the other peer.
 */
export function sendDueMessage(match: Match, world: World, node: SimNode, viaServer: boolean): void {
  const u = node.user!;
  if (u.nextMessageAt < 0 || match.tick < u.nextMessageAt || !canSend(world, node)) return;
  const target = messageTarget(u.slot, u.messagesSent, world.users.length);
  u.messagesSent++;
  u.nextMessageAt = match.tick + match.ctx.messageEvery;
  if (target < 0) return;
  const to = world.users[target]!;
  const dst = viaServer ? askedServer(world, node) : to;
  if (dst < 0) return;
  sendFromEndpoint(match, world, node, createPacket(match, world, "message", node, dst, { to }));
}

/**
 * A chunk or message reached a client. A client trusts its server: it cannot check the data until it
 * opens the finished file, and then a harmful one is thrown away and asked for again.
 */
export function arriveAtClient(match: Match, world: World, node: SimNode, packet: Packet): void {
  deliver(world);
  if (packet.kind === "message") return recordMessage(match, world, packet);
  const u = node.user!;
  if (packet.kind === "control") return backOff(match, world, u);
  if (packet.kind !== "chunk") return;
  world.stats.chunksDelivered++;
  if (packet.corrupt) world.stats.corruptDelivered++;
  const bit = 1 << packet.chunk;
  if (currentWant(u, match.tick) !== packet.item || u.got & bit) return;
  u.got |= bit;
  if (packet.corrupt) u.gotCorrupt |= bit;
  u.lastProgress = match.tick;
  u.refusals = 0;
  const again = (u.redo & bit) !== 0; // had it once, before the server lost the session
  u.redo &= ~bit;
  if (!packet.corrupt && !again) world.stats.usefulChunks++;
  if (u.got !== match.ctx.full) return;
  if (u.gotCorrupt !== 0) {
    // Opened and found broken or harmful: not a finished item. Keep the good chunks, ask for the rest.
    world.stats.itemsCorrupt++;
    u.got &= ~u.gotCorrupt;
    u.gotCorrupt = 0;
    u.requestedAt = -1;
    return;
  }
  completeWant(u, match.tick, match.ctx.thinkTicks);
  world.stats.itemsCompleted++;
}

/**
 * A server said "busy": wait, longer after each refusal in a row and by a random share, then ask the
 * next server (the wait ends with the request timed out, which moves on to the next server).
 */
function backOff(match: Match, world: World, u: UserState): void {
  // Shifted, not raised to a power: a power is a boxed number even when whole, and so would make
  // every client's `backoffUntil` one.
  const wait = CLIENT_BACKOFF_TICKS << Math.min(u.refusals, CLIENT_BACKOFF_DOUBLINGS);
  u.refusals++;
  u.backoffUntil = match.tick + wait + nextInt(world.rng, wait);
  u.requestedAt = Math.min(u.requestedAt, u.backoffUntil - u.waitFor - 1);
}

export function recordMessage(match: Match, world: World, packet: Packet): void {
  world.stats.messagesDelivered++;
  world.stats.messageLatencyTicks.push(match.tick - packet.created);
}

/** A packet reached a server (or the origin). Replies to its own fetches are stored at once. */
export function arriveAtServer(match: Match, world: World, node: SimNode, packet: Packet): void {
  const s = node.server!;
  if (packet.kind === "chunk") {
    deliver(world);
    if (packet.corrupt) world.stats.corruptDelivered++;
    const content = (s.content[packet.item]! | (1 << packet.chunk)) >>> 0;
    s.content[packet.item] = content;
    // A backup only ever gains chunks: refetching after a disk failure must not shrink it.
    if (s.backup && s.backupContent)
      s.backupContent[packet.item] = (s.backupContent[packet.item]! | content) >>> 0;
    if (content === match.ctx.full) s.fetching.delete(packet.item);
    return;
  }
  if (node.blocked.has(packet.src)) return drop(world, packet, "blocked");
  if (packet.kind === "junk") {
    node.counters.junkSeen++;
    suspect(node, packet.src);
  }
  enqueue(world, node, packet, match.tick);
}

/**
 * Work units a server spends sending one packet to `to`. Encryption belongs to the connection
 * (transport.ts): a server that encrypts pays for all of it through a lower rate (serverRate); one that
 * does not still runs the cipher on a connection the other end encrypts, so each packet to it costs as
 * much more. From rules 2 that is a client's own connection (before, it was free); from rules 3 also a
 * cache server's connection to the origin, when the cache server encrypts and the origin does not.
 */
function sendCost(match: Match, world: World, node: SimNode, to: number): number {
  if (node.encrypt || match.ctx.rules < 2) return 1;
  const other = world.nodes[to];
  if (!other?.encrypt) return 1;
  const ciphered = other.kind === "client" || (match.ctx.rules >= 3 && other.kind === "server");
  return ciphered ? 1 / ENCRYPTION_FACTOR : 1;
}

/** A server's work rate this tick: capacity, less for encryption, doubled in the cloud when busy. */
function serverRate(node: SimNode): number {
  const s = node.server!;
  let rate = s.capacity * (node.encrypt ? ENCRYPTION_FACTOR : 1);
  const busy = (node.queue.length + s.jobs.length) / (node.queueLimit + SERVER_MAX_JOBS);
  if (s.cloud && busy >= CLOUD_ELASTIC_THRESHOLD) rate *= 2;
  return rate;
}

/**
 * A server's tick: restore from backup when due, handle queued packets, then send chunks of open jobs
 * round-robin, one work unit each. Junk costs a unit like a real request: that is why a DDoS hurts.
 */
export function stepServer(match: Match, world: World, node: SimNode): void {
  const tick = match.tick;
  const s = node.server!;
  if (isDown(node, tick)) return;
  if (s.restoreAt > 0 && tick >= s.restoreAt) {
    s.restoreAt = 0;
    s.diskFailed = false;
    if (s.backupContent) s.content = s.backupContent.slice();
  }
  const rate = serverRate(node);
  node.credit = Math.min(node.credit + rate, rate + 1);
  const full = match.ctx.full;
  while (node.credit >= 1 && node.queue.length > 0) {
    const packet = node.queue[0]!;
    if (packet.kind === "message") {
      if (!canSend(world, node)) break;
      node.queue.shift();
      packet.dst = packet.to;
      packet.encrypted = connectionEncrypted(world, node.index, packet.to);
      sendFromEndpoint(match, world, node, packet);
      node.credit -= sendCost(match, world, node, packet.to);
    } else {
      node.queue.shift();
      // Junk (or a stray packet) costs a full unit like a real request: that is why a DDoS hurts.
      if (packet.kind === "request") node.credit -= acceptRequest(match, world, node, packet, full);
      else {
        deliver(world);
        node.credit--;
      }
    }
    node.counters.work++;
  }
  sendJobChunks(match, world, node, full);
}

/** Takes a request on as a job, or refuses it cheaply. Returns the work units it cost. */
function acceptRequest(match: Match, world: World, node: SimNode, packet: Packet, full: number): number {
  const s = node.server!;
  const holds = s.content[packet.item] === full;
  if (!holds && (s.upstream < 0 || s.restoreAt > 0)) {
    drop(world, packet, "not-found");
    return REFUSAL_WORK;
  }
  const existing = s.jobs.find((j) => j.to === packet.src && j.item === packet.item);
  if (!existing && s.jobs.length >= SERVER_MAX_JOBS) {
    drop(world, packet, "server-busy");
    // "Busy, come back later": a tiny reply, so the client backs off instead of waiting for a timeout.
    if (world.nodes[packet.src]!.user && canSend(world, node))
      sendFromEndpoint(match, world, node, createPacket(match, world, "control", node, packet.src));
    return REFUSAL_WORK;
  }
  deliver(world);
  if (holds) node.counters.cacheHits++;
  else node.counters.cacheMisses++;
  const forServer = world.nodes[packet.src]!.server !== null;
  if (existing) existing.mask = (existing.mask | packet.mask) >>> 0;
  else
    s.jobs.push({ to: packet.src, item: packet.item, mask: packet.mask, encrypted: node.encrypt, forServer });
  return 1;
}

/** Sends chunks of open jobs; a job waiting for content the server lacks triggers one upstream fetch. */
function sendJobChunks(match: Match, world: World, node: SimNode, full: number): void {
  const s = node.server!;
  let stuck = 0;
  while (node.credit >= 1 && s.jobs.length > 0 && stuck < s.jobs.length && canSend(world, node)) {
    const turn = s.jobTurn % s.jobs.length;
    const job = s.jobs[turn]!;
    const sendable = job.mask & s.content[job.item]!;
    if (sendable === 0) {
      if (s.upstream < 0) {
        removeAt(s.jobs, turn); // nothing to send and nowhere to fetch it: the client will retry elsewhere
        continue;
      }
      fetchFromUpstream(match, world, node, job.item, full);
      s.jobTurn++;
      stuck++;
      continue;
    }
    const chunk = 31 - Math.clz32(sendable & -sendable);
    job.mask &= ~(1 << chunk);
    const packet = createPacket(match, world, "chunk", node, job.to, {
      item: job.item,
      chunk,
      corrupt: s.breached,
    });
    sendFromEndpoint(match, world, node, packet);
    node.credit -= sendCost(match, world, node, job.to);
    node.counters.chunksServed++;
    if (!s.breached) node.counters.cleanServed++;
    node.counters.work++;
    if (!s.origin) world.spent.bandwidth += PRICES.bandwidthPer100Chunks / 100;
    if (job.mask === 0) removeAt(s.jobs, turn);
    else s.jobTurn++;
    stuck = 0;
  }
}

function fetchFromUpstream(match: Match, world: World, node: SimNode, item: number, full: number): void {
  const s = node.server!;
  const sentAt = s.fetching.get(item);
  if (
    sentAt !== undefined &&
    match.tick - sentAt < answerTimeout(world, node.index, s.upstream, 2 * CLIENT_TIMEOUT)
  )
    return;
  if (!canSend(world, node) || node.credit < 1) return;
  node.credit--;
  s.fetching.set(item, match.tick);
  const missing = full & ~s.content[item]!;
  sendFromEndpoint(
    match,
    world,
    node,
    createPacket(match, world, "request", node, s.upstream, { item, mask: missing }),
  );
}
