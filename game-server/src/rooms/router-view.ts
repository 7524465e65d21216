/**
 * A router player's own routes, for their private view: which link each destination leaves by, and how
 * many packets wait in the router's queue for each link. Users (clients and peers) are many, so they
 * are counted per link rather than named; servers, origins, seeds and routers are named. Reads the
 * simulation; changes nothing.
 */
import type { RouteView, SimNode, World } from "../../../shared/index";

const isUser = (n: SimNode) => n.kind === "client" || (n.kind === "peer" && !n.peer?.seed);

export function routeView(world: World, router: SimNode): RouteView {
  const rs = router.router!;
  const linkId = (i: number | undefined) => (i === undefined || i < 0 ? "" : (world.links[i]?.id ?? ""));
  const links = new Map<number, RouteView["links"][number]>();
  // The router's own links, in the network's order (not every link of the network: a school network's
  // eighty router players each looked at all thousand of them every second).
  for (const i of [...router.links].sort((a, b) => a - b)) {
    const l = world.links[i]!;
    const other = world.nodes[l.a === router.index ? l.b : l.a]!;
    if (other.gone) continue;
    links.set(i, { link: l.id, to: other.id, waiting: 0, users: 0 });
  }
  for (const p of router.queue) {
    const out = links.get(rs.table[p.dst] ?? -1);
    if (out) out.waiting++;
  }
  const dests: RouteView["dests"] = [];
  for (const n of world.nodes) {
    if (n.index === router.index || n.gone || n.kind === "botnet") continue;
    const via = rs.table[n.index] ?? -1;
    if (isUser(n)) {
      const out = links.get(via);
      if (out) out.users++;
      continue;
    }
    const alt = rs.split[n.index] ?? -1;
    const dest: RouteView["dests"][number] = { dest: n.id, link: linkId(via) };
    if (alt >= 0) dest.alt = linkId(alt);
    dests.push(dest);
  }
  return { links: [...links.values()], dests };
}
