/**
 * Failures that bring newcomers: a flash crowd of users, a botnet's sources, malicious strangers. They
 * join at the same routers in every world (draws from the match seed and the event's number), and
 * every router learns a route to them at once.
 */
import { BOTNET_RATE, BOTNET_SOURCES, TICKS_PER_SECOND } from "./constants";
import { addEndpoint, addUser, newPeer } from "./nodes";
import { createRng, nextInt } from "./random";
import { addRoutesTo } from "./routing";
import { recountAvailability } from "./swarm";
import type { Match, SimNode, World } from "./types";
import { INTRUDER_ID_PREFIX } from "./view-rules";
import { assignWants } from "./workload";

/** New users join at the same routers, with the same wants, in every world. */
export function addFlashCrowd(match: Match, world: World, count: number, log: number): void {
  const routers = world.nodes.filter((n) => n.kind === "router");
  const rng = createRng(match.scenario.seed, `crowd:${log}`);
  // A crowd comes for one thing: the same hot item for everyone (the viral video, the new game patch).
  const hot = nextInt(rng, match.ctx.items);
  for (let k = 0; k < count; k++) {
    const router = routers[nextInt(rng, routers.length)]!;
    const slot = world.users.length;
    const node = addUser(world, `U${slot + 1}`, router.index, match.ctx.items);
    assignWants(
      node.user!,
      [hot],
      match.tick + nextInt(rng, 2 * TICKS_PER_SECOND),
      match.ctx.messageEvery,
      slot,
    );
    addRoutesTo(world, node, router.index);
  }
}

export function launchBotnet(
  match: Match,
  world: World,
  victim: SimNode,
  rate: number,
  until: number,
  log: number,
): SimNode[] {
  const routers = world.nodes.filter((n) => n.kind === "router");
  const rng = createRng(match.scenario.seed, `botnet:${log}`);
  const sources: SimNode[] = [];
  const perSource = Math.max(1, Math.min(BOTNET_RATE * 4, Math.round(rate / BOTNET_SOURCES)));
  for (let k = 0; k < BOTNET_SOURCES; k++) {
    const router = routers[nextInt(rng, routers.length)]!;
    const id = `B${world.nodes.filter((n) => n.kind === "botnet").length + 1}`;
    const node = addEndpoint(world, {
      id,
      kind: "botnet",
      label: `Botnet ${id.slice(1)}`,
      router: router.index,
      bandwidth: perSource,
    });
    node.botnet = { target: victim.index, rate: perSource, until };
    addRoutesTo(world, node, router.index);
    sources.push(node);
  }
  return sources;
}

export function addMaliciousPeers(world: World, count: number, log: number, match: Match): string[] {
  const routers = world.nodes.filter((n) => n.kind === "router");
  const rng = createRng(match.scenario.seed, `malicious:${log}`);
  const ids: string[] = [];
  for (let k = 0; k < count; k++) {
    const router = routers[nextInt(rng, routers.length)]!;
    const id = `${INTRUDER_ID_PREFIX}${world.nodes.filter((n) => n.id.startsWith(INTRUDER_ID_PREFIX)).length + 1}`;
    const node = addEndpoint(world, {
      id,
      kind: "peer",
      label: `Peer ${id}`,
      router: router.index,
      bandwidth: 6,
    });
    node.peer = newPeer(match.ctx.items, match.ctx.full, false);
    node.peer.malicious = true;
    node.peer.uploadSlots = 2;
    world.peers.push(node.index);
    addRoutesTo(world, node, router.index);
    ids.push(id);
  }
  recountAvailability(world);
  return ids;
}
