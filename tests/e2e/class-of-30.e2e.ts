/**
 * A class of thirty: the teacher's page on the projector and thirty students on the game's own network
 * client (colyseus.js, no browser each). Every student gets a node, the teams are within one of each
 * other, and every student makes one decision of their role that the server's state then shows:
 * routers a new route (in their private view), everyone else encryption switched.
 */
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchState } from "../../game-server/src/rooms/schema";
import type { RouteView } from "../../shared/index";
import { hostClass, launch, type World } from "./browser";
import { expectNoLabelOverlap, maps, overlap } from "./screen-checks";

const CLASS = 30;

let w: World;
const rooms: Room<MatchState>[] = [];
beforeAll(async () => {
  w = await launch();
});
afterAll(async () => {
  for (const r of rooms) await r.leave().catch(() => {});
  await w?.close();
});

interface You {
  team: "hub" | "swarm";
  node: string;
  routes?: RouteView;
}

/** Resolves once `holds` is true of the room's state, checked at every patch. */
function whenState(room: Room<MatchState>, holds: (s: MatchState) => boolean, what: string): Promise<void> {
  return new Promise((done, fail) => {
    if (holds(room.state)) return done();
    const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), 30_000);
    room.onStateChange((s) => {
      if (!holds(s)) return;
      clearTimeout(timer);
      done();
    });
  });
}

/** Resolves with the first private view (already received or next) that `holds` is true of. */
function whenYou(
  room: Room<MatchState>,
  views: Map<Room, You>,
  holds: (v: You) => boolean,
  what: string,
): Promise<You> {
  return new Promise((done, fail) => {
    const now = views.get(room);
    if (now && holds(now)) return done(now);
    const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), 30_000);
    const off = room.onMessage("you", (v: You) => {
      if (!holds(v)) return;
      clearTimeout(timer);
      off();
      done(v);
    });
  });
}

describe("a class of thirty", () => {
  it("seats everyone, balances the teams, and every student's decision takes effect", {
    timeout: 240_000,
  }, async () => {
    const host = await w.open("host", { width: 1920, height: 1080 });
    const code = await hostClass(host, "server-crash");

    const client = new Client(w.server.url);
    const views = new Map<Room, You>();
    const refused: string[] = [];
    for (let i = 1; i <= CLASS; i++) {
      const room = await client.joinById<MatchState>(code, { nickname: `Student ${i}` });
      for (const t of ["banner", "ok", "pong", "results", "room-error"]) room.onMessage(t, () => {});
      room.onMessage("error", (e: { message: string }) => refused.push(`Student ${i}: ${e.message}`));
      room.onMessage("you", (v: You) => views.set(room, v));
      rooms.push(room);
    }
    await host.waitForFunction(
      (n) => document.querySelector("#lobby-count")?.textContent === `${n} students joined`,
      CLASS,
    );
    await host.click("#start");
    await host.waitForSelector("#console");

    // Everyone is seated on a node of their own, and the teams are within one student of each other.
    const seats = await Promise.all(
      rooms.map(async (room) => {
        await whenState(
          room,
          (s) => s.phase === "playing" && !!s.players.get(room.sessionId)?.node,
          "a seat",
        );
        return room.state.players.get(room.sessionId)!;
      }),
    );
    expect(new Set(seats.map((p) => `${p.team}/${p.node}`)).size).toBe(CLASS);
    const hub = seats.filter((p) => p.team === "hub").length;
    expect(Math.abs(hub - (CLASS - hub))).toBeLessThanOrEqual(1);

    // One decision each, and the state the server sends back shows it.
    const roles = new Map<string, number>();
    await Promise.all(
      rooms.map(async (room, i) => {
        const me = seats[i]!;
        const team = me.team as "hub" | "swarm";
        const node = room.state.teams.get(team)!.nodes.get(me.node)!;
        roles.set(node.role, (roles.get(node.role) ?? 0) + 1);
        if (node.kind === "router") {
          const before = await whenYou(room, views, (v) => !!v.routes?.dests.length, "a router's routes");
          const routes = before.routes!;
          // Some destination now sent over another of the router's links.
          const dest =
            routes.dests.find((d) => routes.links.some((l) => l.link !== d.link)) ?? routes.dests[0]!;
          const link = routes.links.find((l) => l.link !== dest.link)!.link;
          room.send("intent", { type: "route", team, node: me.node, dest: dest.dest, link });
          await whenYou(
            room,
            views,
            (v) => v.routes?.dests.some((d) => d.dest === dest.dest && d.link === link) ?? false,
            `${me.node}'s route to ${dest.dest} over ${link}`,
          );
          return;
        }
        const on = !node.encrypt;
        room.send("intent", { type: "encrypt", team, node: me.node, on });
        await whenState(
          room,
          (s) => s.teams.get(team)?.nodes.get(me.node)?.encrypt === on,
          `${me.node} encryption ${on ? "on" : "off"}`,
        );
      }),
    );
    // Routers, servers and peers all played (the proof above covers each role's own decision).
    expect(roles.get("router") ?? 0).toBeGreaterThan(0);
    expect([...roles.keys()].length).toBeGreaterThanOrEqual(3);
    expect(refused).toEqual([]);

    // The teacher aims a crash at Router 1 from the keyboard: the target list names every node.
    await host.focus("#failure-kind");
    await host.selectOption("#failure-kind", "crash");
    await host.focus("#failure-target");
    expect(
      await host.$eval(
        "#failure-target optgroup[label='On the map'] option[value='R1']",
        (o) => o.textContent,
      ),
    ).toBe("Router 1");
    await host.selectOption("#failure-target", "R1");
    await host.focus("#trigger");
    await host.keyboard.press("Enter");
    await whenState(
      rooms[0]!,
      (s) => [...s.failures.values()].some((f) => f.kind === "crash" && f.hubTarget === "R1"),
      "the crash on Router 1",
    );
    await w.shot(host, "50-class-of-30-host");
    // Thirty names on the projector's two maps: none prints over another, and none over a router,
    // server, seed, origin or tracker (a name with no room clear of them takes a smaller size, or sits
    // over a user's small icon).
    const layout = await maps(host);
    expectNoLabelOverlap(layout, "projector");
    const hidden: string[] = [];
    for (const m of layout)
      for (const n of m.nodes)
        for (const o of m.nodes)
          if (n.label && o !== n && /^[RSOT]\d/.test(o.id) && overlap(n.label, o.icon))
            hidden.push(`${m.team}: ${n.id}'s label over ${o.id}`);
    expect(hidden).toEqual([]);
    // A name over a computer's icon sits on a plate, so it reads whole; a name clear of icons has none.
    const unplated: string[] = [];
    let plated = 0;
    for (const m of layout)
      for (const n of m.nodes) {
        if (!n.label) continue;
        const over = m.nodes.some((o) => o !== n && overlap(n.label!, o.icon));
        if (over && !n.label.plated) unplated.push(`${m.team}: ${n.id}`);
        if (!over) expect(n.label.plated, `${m.team}: ${n.id}'s label clear of icons`).toBe(false);
        if (over) plated++;
      }
    expect(unplated).toEqual([]);
    expect(plated, "a class of 30 crowds some names over computers' icons").toBeGreaterThan(0);
    expect(w.errors.join("\n")).toBe("");
  });
});
