/**
 * Where the map puts computers. A student finds their own computer by its icon and name, so icons must
 * not sit on each other: on the projector a team's map is drawn at about 0.6 to 0.7 pixels a map unit
 * and an icon is about 50 pixels wide. Before, clients were fanned 0.7 radians apart at 88 units from
 * their router, 58 units from each other, and at the top of a ring pressed together against the map's
 * edge; the flash crowd's newcomers were drawn exactly on top of each other.
 */
import { describe, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS, createMatch, MAP_HEIGHT, MAP_WIDTH, submitIntent } from "../../shared/index";
import { attachedTo } from "../../shared/nodes";
import type { SimNode, World } from "../../shared/types";
import { runUntil, world } from "./helpers";

const endpoints = (w: World) => w.nodes.filter((n) => n.kind !== "router" && n.kind !== "botnet");
const apart = (a: SimNode, b: SimNode) => Math.hypot(a.x - b.x, a.y - b.y);

/** The two endpoints of a world nearest each other, and how far apart they are. */
function nearestPair(w: World): { ids: string; d: number } {
  const eps = endpoints(w);
  let best = { ids: "", d: Number.POSITIVE_INFINITY };
  for (let i = 0; i < eps.length; i++)
    for (let j = i + 1; j < eps.length; j++) {
      const d = apart(eps[i]!, eps[j]!);
      if (d < best.d) best = { ids: `${eps[i]!.id} and ${eps[j]!.id}`, d };
    }
  return best;
}

const classroom = Object.keys(BUILT_IN_SCENARIOS).filter((n) => n !== "district");

describe("where the map puts computers", () => {
  it.each(classroom)("%s: no two computers closer than an icon and a gap, all inside the map", (name) => {
    for (const w of createMatch({ ...BUILT_IN_SCENARIOS[name]!, seed: 1 }).worlds) {
      const near = nearestPair(w);
      expect(near.d, `${w.team}: ${near.ids}`).toBeGreaterThanOrEqual(80);
      for (const n of w.nodes) {
        expect(n.x).toBeGreaterThanOrEqual(20);
        expect(n.x).toBeLessThanOrEqual(MAP_WIDTH - 20);
        expect(n.y).toBeGreaterThanOrEqual(20);
        expect(n.y).toBeLessThanOrEqual(MAP_HEIGHT - 20);
      }
      // Each beside its own router: its line is short, so the map says who hangs off which router.
      for (const n of endpoints(w)) expect(apart(n, w.nodes[attachedTo(w, n)]!)).toBeLessThan(169);
    }
  });

  it("a flash crowd of sixty newcomers: none drawn on another", () => {
    const m = runUntil(createMatch({ ...BUILT_IN_SCENARIOS["flash-crowd"]!, seed: 1 }), 55);
    for (const w of m.worlds) {
      expect(endpoints(w).length).toBeGreaterThan(70);
      const near = nearestPair(w);
      expect(near.d, `${w.team}: ${near.ids}`).toBeGreaterThanOrEqual(40);
    }
  });

  it("a dense map (district's grid): each router's computers beside it, its first one straight out", () => {
    const w = createMatch({ ...BUILT_IN_SCENARIOS.district!, seed: 1 }).worlds[0]!;
    for (const n of endpoints(w)) expect(apart(n, w.nodes[attachedTo(w, n)]!)).toBeLessThan(169);
    // No room anywhere between its routers: each router's computers fan out away from the centre.
    const corner = w.nodes[0]!;
    const first = endpoints(w).find((n) => attachedTo(w, n) === corner.index)!;
    expect(first.x).toBeLessThan(corner.x);
    expect(first.y).toBeLessThan(corner.y);
  });

  it("a server moved into the cloud finds room beside its new router, and comes back to where it stood", () => {
    const m = createMatch({ ...BUILT_IN_SCENARIOS.calm!, seed: 1 });
    const hub = world(m, "hub");
    const server = hub.nodes.find((n) => n.kind === "server")!;
    const home = { x: server.x, y: server.y };
    const homeRouter = attachedTo(hub, server);
    submitIntent(m, { kind: "bot" }, { type: "cloud", team: "hub", node: server.id, on: true });
    runUntil(m, 1);
    expect(attachedTo(hub, server)).not.toBe(homeRouter);
    const others = endpoints(hub).filter((n) => n !== server);
    expect(Math.min(...others.map((n) => apart(n, server)))).toBeGreaterThanOrEqual(80);
    submitIntent(m, { kind: "bot" }, { type: "cloud", team: "hub", node: server.id, on: false });
    runUntil(m, 2);
    expect({ x: server.x, y: server.y }).toEqual(home);
  });
});
