/**
 * Intents: the decisions players, the host and bots make, one tap each (DESIGN.md's decision table).
 * `intentSchema` checks shape at the edge; `validateIntent` checks that the actor may do it and that
 * it is possible now, and returns the reason when not. A refused intent changes nothing.
 */
import { PEER_DOWNLOAD_SLOTS, PRICES } from "./constants";
import {
  type HostIntent,
  type Intent,
  type IntentResult,
  isHostIntent,
  type NodeIntent,
} from "./intent-schema";
import { takesUpdates } from "./nodes";
import { type Refusal, type RefusalCode, type RefusalParams, refusalWords } from "./refusals";
import { isDown } from "./transport";
import type { Actor, Architecture, Match, SimNode, World } from "./types";
import {
  centrallyUpdated,
  isSeatKind,
  patchRefusal,
  restoreRefusal,
  updateRefusal,
  updatesAll,
  upgradeRefusal,
} from "./view-rules";

export {
  type HostIntent,
  hostIntentSchema,
  type Intent,
  type IntentResult,
  intentSchema,
  isHostIntent,
  type NodeIntent,
  nodeIntentSchema,
} from "./intent-schema";

/** Which node kinds each decision belongs to. */
const ROLE_OF: Record<NodeIntent["type"], readonly SimNode["kind"][]> = {
  route: ["router"],
  block: ["router", "server", "peer"],
  unblock: ["router", "server", "peer"],
  prioritise: ["router"],
  upgrade: ["server"],
  replica: ["server"],
  cloud: ["server"],
  backup: ["server", "peer"],
  stateless: ["server"],
  encrypt: ["server", "peer", "client"],
  restore: ["server", "peer"],
  patch: ["server"],
  cache: ["server"],
  "request-chunk": ["peer"],
  strategy: ["peer"],
  access: ["peer"],
  policy: ["peer"],
  verify: ["peer"],
  leave: ["peer"],
  autopilot: ["router", "server", "peer", "client"],
  server: ["client"],
  restart: ["router", "server", "peer", "client"],
  update: ["server", "peer", "client", "router"],
};

/**
 * Decisions a node may take while it is down: restarting after a crash, installing the update that
 * cleans an infected machine, handing over to the autopilot.
 */
const WHILE_DOWN: ReadonlySet<string> = new Set(["autopilot", "restart", "update"]);

export function worldOf(match: Match, team: Architecture): World | undefined {
  return match.worlds.find((w) => w.team === team);
}

/** Coins a team has left of its budget. */
export function coinsLeft(match: Match, world: World): number {
  const s = world.spent;
  return match.scenario.budget - (s.setup + s.running + s.upgrades + s.bandwidth + s.upkeep);
}

/** Price of a decision in coins (0 for free ones). */
export function priceOf(intent: NodeIntent): number {
  if (intent.type === "upgrade") return PRICES.upgrade;
  if (intent.type === "replica") return PRICES.replica;
  return 0;
}

const fail = (code: RefusalCode, params: RefusalParams = {}): IntentResult => {
  const refusal = { code, params };
  return { ok: false, refusal, reason: refusalWords(refusal) };
};
const OK: IntentResult = { ok: true };
/** A rule's answer (view-rules.ts: written once, for the simulation and the screen) as a result. */
const refused = (why: Refusal | null): IntentResult => (why ? fail(why.code, why.params) : OK);

/** Whether `actor` may make `intent` now. Reads the match, changes nothing. */
export function validateIntent(match: Match, actor: Actor, intent: Intent): IntentResult {
  if (match.ended) return fail("round-over");
  if (isHostIntent(intent)) return validateHostIntent(match, actor, intent);
  const world = worldOf(match, intent.team);
  if (!world) return fail("no-team", { team: intent.team });
  const index = world.idIndex.get(intent.node);
  if (index === undefined) return fail("no-node-on-team", { node: intent.node, team: intent.team });
  const node = world.nodes[index]!;
  if (actor.kind === "host") return fail("host-holds-no-node");
  if (actor.kind === "player" && node.holder !== actor.id) return fail("not-yours", { node: node.label });
  if (actor.kind === "bot" && !node.autopilot) return fail("not-on-autopilot", { node: node.label });
  if (!ROLE_OF[intent.type].includes(node.kind))
    return fail("not-your-role", { decision: intent.type, kind: node.kind });
  if (node.gone) return fail("node-gone", { node: node.label });
  if (isDown(node, match.tick) && !WHILE_DOWN.has(intent.type))
    return fail("node-down", { node: node.label });
  return validateNodeIntent(match, world, node, intent);
}

function validateNodeIntent(match: Match, world: World, node: SimNode, intent: NodeIntent): IntentResult {
  const price = priceOf(intent);
  if (price > 0 && coinsLeft(match, world) < price)
    return fail("not-enough-coins", { price, left: Math.floor(coinsLeft(match, world)) });
  const s = node.server;
  const p = node.peer;
  const other = (id: string) => {
    const i = world.idIndex.get(id);
    return i === undefined ? undefined : world.nodes[i];
  };
  switch (intent.type) {
    case "route": {
      const dest = other(intent.dest);
      if (!dest) return fail("no-node", { node: intent.dest });
      if (dest.index === node.index) return fail("route-to-self");
      if (intent.link === null) return intent.alt === undefined ? OK : fail("drop-no-split");
      const ids = intent.alt === undefined ? [intent.link] : [intent.link, intent.alt];
      const links = ids.map((id) => linkIndexOf(world, id));
      for (const [k, li] of links.entries()) {
        if (li < 0 || !node.links.includes(li))
          return fail("not-my-link", { link: ids[k]!, node: node.label });
      }
      if (links.length === 2 && links[0] === links[1]) return fail("split-needs-two-links");
      return OK;
    }
    case "block":
    case "unblock": {
      const src = other(intent.source);
      if (!src) return fail("no-node", { node: intent.source });
      if (src.index === node.index) return fail("block-self");
      const blocked = node.blocked.has(src.index);
      if (intent.type === "block" && blocked) return fail("already-blocked", { node: src.label });
      if (intent.type === "unblock" && !blocked) return fail("not-blocked", { node: src.label });
      return OK;
    }
    case "prioritise":
      return node.router!.priority === intent.kind ? fail("already-priority") : OK;
    case "upgrade":
      if (s!.origin) return fail("origin-not-yours-upgrade");
      return refused(upgradeRefusal({ label: node.label, upgrades: s!.upgrades }));
    case "replica":
      if (s!.origin) return fail("origin-not-yours-copy");
      if (intent.region !== undefined && !world.nodes.some((n) => n.router && n.region === intent.region))
        return fail("no-region", { region: intent.region });
      return OK;
    case "cloud":
      return s!.cloud === intent.on ? fail(intent.on ? "already-in-cloud" : "not-in-cloud") : OK;
    case "backup":
      if (node.peer)
        return (node.peer.backup !== null) === intent.on
          ? fail(intent.on ? "already-backed-up" : "no-backup-to-stop")
          : OK;
      return s!.backup === intent.on ? fail(intent.on ? "backups-already-on" : "backups-already-off") : OK;
    case "stateless":
      return s!.stateless === intent.on
        ? fail(intent.on ? "sessions-already-shared" : "sessions-already-local")
        : OK;
    case "encrypt":
      return node.encrypt === intent.on
        ? fail(intent.on ? "already-encrypting" : "already-not-encrypting")
        : OK;
    case "restore": {
      // a server's backup is there once backups are on and one has been taken
      const { diskFailed, restoreAt } = p ?? s!;
      const backup = p ? p.backup !== null : s!.backup && !!s!.backupContent;
      return refused(restoreRefusal({ diskFailed, backup, restoring: restoreAt > 0 }));
    }
    case "patch":
      return refused(patchRefusal({ label: node.label, breached: s!.breached }));
    case "cache":
      if (s!.upstream < 0) return fail("no-upstream", { node: node.label });
      if (intent.item >= match.ctx.items) return fail("no-item", { item: intent.item });
      return s!.content[intent.item] === match.ctx.full ? fail("already-cached") : OK;
    case "request-chunk": {
      if (intent.item >= match.ctx.items) return fail("no-item", { item: intent.item });
      if (intent.chunk >= match.ctx.chunks) return fail("no-chunk", { chunk: intent.chunk });
      if (p!.have[intent.item]! & (1 << intent.chunk)) return fail("have-chunk");
      const from = other(intent.from);
      if (!from?.peer || from.gone) return fail("not-a-swarm-peer", { node: intent.from });
      if (from.index === node.index) return fail("download-from-self");
      if (node.blocked.has(from.index)) return fail("you-blocked", { node: from.label });
      if (!(from.peer.have[intent.item]! & (1 << intent.chunk)))
        return fail("peer-lacks-chunk", { node: from.label });
      return p!.pending.length >= PEER_DOWNLOAD_SLOTS ? fail("slots-busy") : OK;
    }
    case "strategy":
      return p!.strategy === intent.strategy ? fail("already-strategy", { strategy: intent.strategy }) : OK;
    case "access": {
      const from = other(intent.peer);
      if (!from?.peer) return fail("not-a-peer", { node: intent.peer });
      if (from.index === node.index) return fail("that-is-you");
      return OK;
    }
    case "policy":
      return p!.policy === intent.policy ? fail("already-policy", { policy: intent.policy }) : OK;
    case "verify":
      return p!.verify === intent.on ? fail(intent.on ? "already-verifying" : "already-not-verifying") : OK;
    case "leave":
      return OK;
    case "autopilot":
      return node.autopilot === intent.on
        ? fail(intent.on ? "already-autopilot" : "already-off-autopilot")
        : OK;
    case "restart":
      return node.crashed && isDown(node, match.tick)
        ? OK
        : fail(isDown(node, match.tick) ? "not-crashed" : "running", { node: node.label });
    case "update":
      return refused(
        updateRefusal(
          node,
          updatesCovered(world, node).map((n) => ({
            updateDue: n.updates < world.holes,
            infected: n.infected,
          })),
        ),
      );
    case "server": {
      const to = other(intent.server);
      if (!to || !world.servers.includes(to.index)) return fail("not-our-server", { node: intent.server });
      if (to.gone) return fail("node-gone", { node: to.label });
      if (isDown(to, match.tick)) return fail("server-down", { node: to.label });
      return OK;
    }
  }
}

function validateHostIntent(match: Match, actor: Actor, intent: HostIntent): IntentResult {
  if (actor.kind !== "host") return fail("host-only", { decision: intent.type });
  switch (intent.type) {
    case "pause":
      return match.paused ? fail("already-paused") : OK;
    case "resume":
      return match.paused ? OK : fail("not-paused");
    case "end":
    case "add-time":
    case "trigger":
      return OK;
    case "assign": {
      const world = worldOf(match, intent.team);
      const i = world?.idIndex.get(intent.node);
      if (!world || i === undefined) return fail("no-node-on-team", { node: intent.node, team: intent.team });
      const node = world.nodes[i]!;
      if (!isSeat(node)) return fail("not-a-seat", { node: node.label });
      return OK;
    }
  }
}

/** Nodes a player can hold: routers, servers, clients and peers of the team (not attackers). */
export function isSeat(node: SimNode): boolean {
  return !node.gone && isSeatKind(node.kind, node.id);
}

/**
 * The machines one "install the update" covers: a hub's server updates every server and client of
 * its network (central management), anyone else only their own machine.
 */
export function updatesCovered(world: World, node: SimNode): SimNode[] {
  if (!updatesAll(world.team, node.kind)) return takesUpdates(node) ? [node] : [];
  return world.nodes.filter((n) => centrallyUpdated(n.kind) && takesUpdates(n));
}

/** The link id a route intent names, in either direction. */
export function linkIndexOf(world: World, id: string): number {
  return world.linkIndex.get(id) ?? world.linkIndex.get(id.split("-").reverse().join("-")) ?? -1;
}
