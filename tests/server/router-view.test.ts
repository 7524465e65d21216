/** A router player's view of their routes: where each destination leaves by, what waits for each link. */
import { describe, expect, it } from "vitest";
import { routeView } from "../../game-server/src/rooms/router-view";
import { applyNow, createMatch, findLevel, type NodeIntent, stepMatch } from "../../shared/index";

describe("routeView", () => {
  it("names servers and routers, counts users per link, and follows a route change", () => {
    const match = createMatch(findLevel("detour")!.scenario);
    const world = match.worlds[0]!;
    const r3 = world.nodes[world.idIndex.get("R3")!]!;
    for (let t = 0; t < 30; t++) stepMatch(match);
    const before = routeView(world, r3);
    expect(before.links.map((l) => l.link).sort()).toEqual(
      expect.arrayContaining(["R2-R3", "R3-R4", "R3-S1"]),
    );
    expect(before.dests.find((d) => d.dest === "S1")).toEqual({ dest: "S1", link: "R3-S1" });
    // Users are counted on the link they leave by, never named.
    expect(before.dests.some((d) => world.nodes[world.idIndex.get(d.dest)!]!.kind === "client")).toBe(false);
    const users = before.links.reduce((n, l) => n + l.users, 0);
    expect(users).toBe(world.nodes.filter((n) => n.kind === "client").length);

    const ok = applyNow(match, { kind: "bot" }, {
      type: "route",
      team: "hub",
      node: "R3",
      dest: "S1",
      link: "R3-R4",
      alt: "R2-R3",
    } satisfies NodeIntent);
    expect(ok.ok).toBe(true);
    const after = routeView(world, r3);
    expect(after.dests.find((d) => d.dest === "S1")).toEqual({ dest: "S1", link: "R3-R4", alt: "R2-R3" });
  });
});
