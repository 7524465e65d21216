/**
 * What a screen offers is what the simulation allows: the rules over the view (view-rules.ts) give
 * the refusal validateIntent gives, for a node projected from the same match.
 */
import { describe, expect, it } from "vitest";
import {
  assignSeat,
  computePar,
  initTeams,
  isIntruder,
  MAX_UPGRADES,
  type Match,
  type NodeIntent,
  type NodeView,
  newProjection,
  PLAIN_VIEWS,
  patchRefusal,
  plainNetworkView,
  projectMatch,
  type Refusal,
  restoreRefusal,
  type SimNode,
  stepMatch,
  updateRefusal,
  updatesCovered,
  updatesCoveredView,
  upgradeRefusal,
  validateIntent,
} from "../../shared/index";
import { match, runUntil } from "./helpers";

/** A match with player "p" on a node of the first team, and a way to see that node as a screen does. */
function seated(name: string, topology: "hub" | "swarm", pick: (n: SimNode) => boolean) {
  const m = match(name, { topology });
  const world = m.worlds[0]!;
  const node = world.nodes.find(pick)!;
  assignSeat(m, world.team, node.id, "p");
  stepMatch(m);
  const view = plainNetworkView();
  initTeams(view, m, PLAIN_VIEWS);
  const proj = newProjection(PLAIN_VIEWS);
  const par = computePar(m.scenario);
  const seen = (): NodeView => {
    projectMatch(view, m, proj, () => "p", par);
    return view.teams.get(world.team)!.nodes.get(node.id)!;
  };
  const allowed = (intent: Omit<NodeIntent, "team" | "node">): Refusal | null => {
    const r = validateIntent(m, { kind: "player", id: "p" }, {
      ...intent,
      team: world.team,
      node: node.id,
    } as NodeIntent);
    return r.ok ? null : r.refusal;
  };
  return { m, node, seen, allowed, view };
}

const codeOf = (r: Refusal | null) => r?.code ?? "ok";

describe("rules over the view agree with the simulation", () => {
  it("installing the update: from a hub server (every server and client), a peer, a router", () => {
    const cases = [
      ["hub", (n: SimNode) => !!n.server && !n.server.origin],
      ["hub", (n: SimNode) => n.kind === "client"],
      ["swarm", (n: SimNode) => n.kind === "peer"],
      ["swarm", (n: SimNode) => n.kind === "router"],
    ] as const;
    for (const [topology, pick] of cases) {
      const { m, node, seen, allowed, view } = seated("calm", topology, pick);
      const world = m.worlds[0]!;
      const words = `${topology} ${node.kind}`;
      const check = () => {
        const me = seen();
        const covered = updatesCoveredView(view.teams.get(world.team)!.nodes.values(), world.team, me);
        expect(codeOf(updateRefusal(me, covered)), words).toBe(codeOf(allowed({ type: "update" })));
        return covered;
      };
      expect(check().length, words).toBeGreaterThan(0); // nothing published: "up-to-date" both ways
      world.holes = 1; // a hole is out: now it does something
      const covered = check();
      // The same machines the simulation's decision covers: many from a hub server, else itself.
      expect(covered.map((n) => n.id).sort(), words).toEqual(
        updatesCovered(world, node)
          .map((n) => n.id)
          .sort(),
      );
      expect(covered.length > 1, words).toBe(node.kind === "server");
      for (const n of world.nodes) n.updates = 1;
      check();
    }
  });

  it("a server's restore, upgrade and patch", () => {
    const { node, seen, allowed } = seated("calm", "hub", (n) => !!n.server && !n.server.origin);
    const s = node.server!;
    for (const diskFailed of [false, true])
      for (const backup of [false, true])
        for (const restoreAt of [0, 500]) {
          s.diskFailed = diskFailed;
          s.backup = backup;
          s.backupContent = backup ? s.content.slice() : null;
          s.restoreAt = restoreAt;
          const what = JSON.stringify({ diskFailed, backup, restoreAt });
          expect(codeOf(restoreRefusal(seen())), what).toBe(codeOf(allowed({ type: "restore" })));
        }
    for (let upgrades = 0; upgrades <= MAX_UPGRADES; upgrades++) {
      s.upgrades = upgrades;
      expect(codeOf(upgradeRefusal(seen())), `upgrades ${upgrades}`).toBe(
        codeOf(allowed({ type: "upgrade" })),
      );
    }
    for (const breached of [false, true]) {
      s.breached = breached;
      expect(codeOf(patchRefusal(seen())), `breached ${breached}`).toBe(codeOf(allowed({ type: "patch" })));
    }
  });

  it("a peer's restore", () => {
    const { node, seen, allowed } = seated("calm", "swarm", (n) => !!n.peer && !n.id.startsWith("X"));
    const p = node.peer!;
    for (const diskFailed of [false, true])
      for (const backup of [false, true])
        for (const restoreAt of [0, 500]) {
          p.diskFailed = diskFailed;
          p.backup = backup ? p.have.slice() : null;
          p.restoreAt = restoreAt;
          const what = JSON.stringify({ diskFailed, backup, restoreAt });
          expect(codeOf(restoreRefusal(seen())), what).toBe(codeOf(allowed({ type: "restore" })));
        }
  });

  it("an intruder is a peer a malicious-peer failure brought in, and no one's seat", () => {
    const first = new Set(match("malicious-peer", { topology: "swarm" }).worlds[0]!.nodes.map((n) => n.id));
    const m: Match = runUntil(match("malicious-peer", { topology: "swarm" }), 60);
    const world = m.worlds[0]!;
    const joined = world.nodes.filter((n) => !first.has(n.id));
    expect(joined.length).toBeGreaterThan(0);
    expect(joined.every((n) => n.peer?.malicious)).toBe(true);
    for (const n of world.nodes) expect(isIntruder(n), n.id).toBe(!first.has(n.id));
  });
});
