/**
 * The view a screen gets: each link's lost packets, found by the projection (the simulation counts drops
 * by reason only). A router player reads them on their links; they must match what the simulation lost.
 */
import { describe, expect, it } from "vitest";
import {
  computePar,
  initTeams,
  isDown,
  type Match,
  type NetworkView,
  newProjection,
  PLAIN_VIEWS,
  plainNetworkView,
  projectMatch,
  stepMatch,
  TICKS_PER_SECOND,
} from "../../shared/index";
import { match, world } from "./helpers";

/** A screen's view of a match and its projection, as a room keeps them: `project()` after a tick. */
function projector(m: Match, names: (player: string) => string = () => "") {
  const par = computePar(m.scenario);
  const view = plainNetworkView();
  initTeams(view, m, PLAIN_VIEWS);
  const proj = newProjection(PLAIN_VIEWS);
  return { view, project: () => projectMatch(view, m, proj, names, par) };
}

/** Plays a match to its end, projecting after every `every`-th tick (1: each tick, as a room does). */
function played(m: Match, every = 1): NetworkView {
  const { view, project } = projector(m);
  while (!m.ended) {
    stepMatch(m);
    if (m.tick % every === 0 || m.ended) project();
  }
  // A second projection of the same tick (seats changing between two ticks) counts nothing twice.
  project();
  return view;
}

const droppedBy = (view: NetworkView) =>
  Object.fromEntries(
    [...view.teams.get("hub")!.links.values()].filter((l) => l.dropped).map((l) => [l.id, l.dropped]),
  );

describe("each link's dropped packets", () => {
  const m = match("link-cut", { topology: "hub" });
  const view = played(m);

  it("a cut link: what was on it and what waited for it too long, on that link only", () => {
    const lost = world(m, "hub").stats.dropped["link-down"];
    expect(lost).toBeGreaterThan(0);
    const cut = m.failureLog.find((f) => f.kind === "link-cut")!.effects[0]!.target;
    expect(droppedBy(view)).toEqual({ [cut]: lost });
  });

  it("a lossy line and a crashed router: every loss on the lossy link, the crash's on the router's links", () => {
    const m = match("stormy-day", { topology: "hub" });
    const view = played(m);
    const stats = world(m, "hub").stats.dropped;
    const lossy = m.failureLog.find((f) => f.kind === "packet-loss")!.effects[0]!.target;
    const counts = droppedBy(view);
    expect(counts[lossy]).toBe(stats.loss);
    const crashed = m.failureLog.find((f) => f.kind === "crash")!.effects[0]!.target;
    const atCrashed = Object.entries(counts)
      .filter(([id]) => id !== lossy && id.split("-").includes(crashed))
      .reduce((a, [, n]) => a + n, 0);
    expect(atCrashed).toBeGreaterThan(0);
    expect(atCrashed).toBeLessThanOrEqual(stats["node-down"] + stats["no-route"]);
  });

  it("a firewall's blocks are the player's choice, not losses: a flood's blocked junk is not counted", () => {
    const m = match("ddos", { topology: "hub" });
    const view = played(m);
    const stats = world(m, "hub").stats.dropped;
    expect(stats.blocked).toBeGreaterThan(1000);
    const sum = Object.values(droppedBy(view)).reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(0); // the flood fills the access router's queue
    expect(sum).toBeLessThanOrEqual(stats["queue-full"]);
  });

  it("a view that skips ticks (a replay jumping) invents no losses; a calm round loses nothing", () => {
    expect(droppedBy(played(match("calm", { topology: "hub" }), TICKS_PER_SECOND))).toEqual({});
    expect(droppedBy(played(match("calm", { topology: "hub" })))).toEqual({});
    const cut = played(match("link-cut", { topology: "hub" }), TICKS_PER_SECOND);
    const total = Object.values(droppedBy(cut)).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(world(m, "hub").stats.dropped["link-down"]);
  });
});

describe("each link's load", () => {
  it("is shown in steps of 5 %, and a link that carried anything in its last second shows it", () => {
    const m = match("flash-crowd");
    const { view, project } = projector(m);
    const hub = world(m, "hub");
    const shownOf = (i: number) =>
      [...view.teams.get("hub")!.links.values()].find((x) => x.index === i)!.utilisation;
    // Each link's load is written on its own tick of the second: what it carried a second before.
    const history: number[][] = [];
    let checked = 0;
    while (m.tick < 30 * TICKS_PER_SECOND) {
      stepMatch(m);
      project();
      history[m.tick] = hub.links.map((l) => l.carried);
      const before = history[m.tick - TICKS_PER_SECOND];
      if (!before) continue;
      for (const [i, l] of hub.links.entries()) {
        if (i % TICKS_PER_SECOND !== m.tick % TICKS_PER_SECOND) continue;
        const shown = shownOf(i);
        expect(shown % 5, l.id).toBe(0);
        if (l.carried > before[i]!) {
          expect(shown, l.id).toBeGreaterThan(0);
          checked++;
        } else expect(shown, l.id).toBe(0);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("and the team's figures stay as they were when a tick is projected again (someone joined)", () => {
    const m = match("flash-crowd");
    const par = computePar(m.scenario);
    const once = plainNetworkView();
    const twice = plainNetworkView();
    initTeams(once, m, PLAIN_VIEWS);
    initTeams(twice, m, PLAIN_VIEWS);
    const p1 = newProjection(PLAIN_VIEWS);
    const p2 = newProjection(PLAIN_VIEWS);
    const seen = (v: NetworkView) =>
      [...v.teams.values()].map((t) => ({
        links: [...t.links.values()].map((l) => `${l.id}:${l.utilisation}:${l.dropped}`),
        goodput: t.goodput,
        total: t.total,
        transits: t.transits,
      }));
    let busy = 0;
    while (m.tick < 25 * TICKS_PER_SECOND) {
      stepMatch(m);
      projectMatch(once, m, p1, () => "", par);
      projectMatch(twice, m, p2, () => "", par);
      if (m.tick % 3 === 0) projectMatch(twice, m, p2, () => "", par);
      expect(seen(twice), `tick ${m.tick}`).toEqual(seen(once));
      busy += [...twice.teams.values()].filter((t) => t.goodput > 0).length;
      for (const v of [once, twice]) for (const t of v.teams.values()) t.transits = "";
    }
    expect(busy).toBeGreaterThan(20);
  });

  it("is written a tenth of the links a tick, never every link in one tick", () => {
    const m = match("district");
    const par = computePar(m.scenario);
    const written = new Map<number, number>();
    const make = {
      ...PLAIN_VIEWS,
      link: () => {
        const link = PLAIN_VIEWS.link();
        return new Proxy(link, {
          set(target, key, value) {
            if (key === "utilisation") written.set(m.tick, (written.get(m.tick) ?? 0) + 1);
            return Reflect.set(target, key, value);
          },
        });
      },
    };
    const view = plainNetworkView();
    initTeams(view, m, make);
    const proj = newProjection(make);
    const links = m.worlds.reduce((a, w) => a + w.links.length, 0);
    while (m.tick < 20 * TICKS_PER_SECOND) {
      stepMatch(m);
      projectMatch(view, m, proj, () => "", par);
    }
    const most = Math.max(...[...written].filter(([t]) => t > TICKS_PER_SECOND).map(([, n]) => n));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(Math.ceil(links / TICKS_PER_SECOND) + 2);
  });
});

describe("each node's view", () => {
  it("shows its own node through a flash crowd: its queue, whether it is down or gone, who holds it", () => {
    const m = match("flash-crowd");
    const { view, project } = projector(m, (p) => `name of ${p}`);
    m.worlds[0]!.nodes.find((n) => n.kind === "router")!.holder = "p1";
    let checked = 0;
    while (!m.ended) {
      stepMatch(m);
      project();
      if (m.tick % 7 !== 0) continue;
      for (const w of m.worlds)
        for (const n of w.nodes) {
          const s = view.teams.get(w.team)!.nodes.get(n.id)!;
          const shown = { id: s.id, queue: s.queue, down: s.down, holder: s.holder, gone: s.gone };
          const truth = {
            id: n.id,
            queue: n.queue.length,
            down: isDown(n, m.tick) && !n.gone,
            holder: n.holder ? `name of ${n.holder}` : "",
            gone: n.gone,
          };
          expect(shown, `${w.team} ${n.id} at tick ${m.tick}`).toEqual(truth);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(10_000);
    // The crowd's newcomers have views of their own too.
    for (const w of m.worlds) expect(view.teams.get(w.team)!.nodes.size).toBe(w.nodes.length);
    expect(m.worlds[0]!.nodes.length).toBeGreaterThan(match("flash-crowd").worlds[0]!.nodes.length);
  });
});
