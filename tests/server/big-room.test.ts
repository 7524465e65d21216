/**
 * A school-sized class: hundreds of students in one room, every one of them decoding the same state
 * as the server holds. Colyseus's decoder does not throw on a patch it cannot read: it logs
 * "@colyseus/schema: field not defined" / "definition mismatch", skips the rest of the structure and
 * carries on with a state that silently differs. So these tests listen for those lines and compare
 * what each client shows.
 */
import { matchMaker } from "@colyseus/core";
import { getStateCallbacks, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BUILT_IN_SCENARIOS, unpackTransits } from "../../shared/index";
import { boot, type Harness, nextMessage, quiet, stateOf, until } from "./harness";

/** Students in the big class: the size at which every client showed decoding failures. */
const STUDENTS = 400;
/** Students joining at the same moment (a class arrives over a few seconds, not in one instant). */
const WAVE = 25;

let h: Harness;
/** What Colyseus's decoder said while these tests ran (it reports through console.warn/error). */
const decoderComplaints: string[] = [];
beforeAll(async () => {
  // Four hundred joins from one address, quickly: the per-address join budget is for one class.
  h = await boot("memory://", 1000);
  for (const level of ["warn", "error"] as const) {
    const original = console[level];
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const text = args.map(String).join(" ");
      if (text.includes("@colyseus/schema") || text.includes("refId")) decoderComplaints.push(text);
      else original(...args);
    });
  }
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await h.server.close();
});

/** What a student's screen is drawn from, in a form two clients (and the server) can be compared by. */
// biome-ignore lint/suspicious/noExplicitAny: a client's decoded state and the server's schema state alike
function screenOf(s: any) {
  const teams: Record<string, unknown> = {};
  s.teams.forEach(
    (
      t: {
        total: number;
        dropped: number;
        nodes: Map<string, { holder: string; queue: number; down: boolean; progress: number }>;
        links: Map<string, { up: boolean; utilisation: number }>;
      },
      id: string,
    ) => {
      const nodes: string[] = [];
      t.nodes.forEach((n, nid) => {
        nodes.push(`${nid}:${n.holder}:${n.queue}:${n.down}:${n.progress}`);
      });
      const links: string[] = [];
      t.links.forEach((l, lid) => {
        links.push(`${lid}:${l.up}:${l.utilisation}`);
      });
      teams[id] = { total: t.total, dropped: t.dropped, nodes: nodes.sort(), links: links.sort() };
    },
  );
  return { tick: s.tick, phase: s.phase, description: s.description, players: s.players.size, teams };
}

const nodeCount = (room: Room, team: string) => stateOf(room).teams.get(team)?.nodes.size ?? 0;

describe("a school-sized class", () => {
  it("a scenario description of exactly 255 bytes reaches every student intact", async () => {
    // 255 bytes is the one string length @colyseus/schema 3.0 wrote with a wrong header.
    decoderComplaints.length = 0;
    const description = `${"A network for the whole school. ".repeat(8)}`.slice(0, 255);
    expect(Buffer.byteLength(description)).toBe(255);
    const saved = await h.post("/api/scenarios", {
      scenario: { ...BUILT_IN_SCENARIOS.calm!, name: "Exactly 255", description },
    });
    expect(saved.status).toBe(201);
    const { code, hostKey } = await h.createClass({ scenario: saved.json.id });
    const c = h.client();
    const host = quiet(await c.joinById(code, { hostKey }));
    const students = [
      quiet(await c.joinById(code, { nickname: "Ann" })),
      quiet(await c.joinById(code, { nickname: "Bob" })),
    ];
    await until(() => stateOf(host).players.size === 2, 5000, "two students seated");
    // Each client decodes its first full state on its own time: wait for every one to have it.
    await until(
      () => [host, ...students].every((r) => stateOf(r).mode === "versus"),
      5000,
      "every client's first state",
    );
    for (const room of [host, ...students]) {
      expect(stateOf(room).description).toBe(description);
      expect(stateOf(room).mode).toBe("versus"); // a field written after the description
      expect(nodeCount(room, "hub")).toBeGreaterThan(0);
    }
    expect(decoderComplaints).toEqual([]);
    for (const room of [host, ...students]) await room.leave();
  });

  it("a student is sent their own team's packets, the host every team's", async () => {
    const { code, hostKey } = await h.createClass({ scenario: "district" });
    const c = h.client();
    const host = quiet(await c.joinById(code, { hostKey }));
    const ann = quiet(await c.joinById(code, { nickname: "Ann" }));
    const bob = quiet(await c.joinById(code, { nickname: "Bob" }));
    await until(() => stateOf(host).players.size === 2, 5000, "two students seated");
    const teamOf = (room: Room) => stateOf(host).players.get(room.sessionId).team as string;
    expect(new Set([teamOf(ann), teamOf(bob)])).toEqual(new Set(["hub", "swarm"]));
    // Packet crossings each client was sent, by team.
    const seen = new Map<Room, Record<string, number>>();
    for (const room of [host, ann, bob]) {
      const counts: Record<string, number> = { hub: 0, swarm: 0 };
      seen.set(room, counts);
      const $ = getStateCallbacks(room);
      // biome-ignore lint/suspicious/noExplicitAny: decoded schema state
      $(room.state as any).teams.onAdd((team: any, key: string) => {
        $(team).listen("transits", (v: string) => {
          counts[key]! += unpackTransits(v).length;
        });
      });
    }
    host.send("host", { type: "start" });
    await until(() => stateOf(host).tick >= 30, 20_000, "three seconds of play");
    const hostSaw = seen.get(host)!;
    expect(hostSaw.hub).toBeGreaterThan(100);
    expect(hostSaw.swarm).toBeGreaterThan(100);
    for (const student of [ann, bob]) {
      const own = teamOf(student);
      const other = own === "hub" ? "swarm" : "hub";
      expect(seen.get(student)![own]).toBeGreaterThan(100);
      expect(seen.get(student)![other]).toBe(0);
    }
    // The other network still shows its load: its links' utilisation reaches the student.
    const otherOfAnn = teamOf(ann) === "hub" ? "swarm" : "hub";
    let busy = 0;
    stateOf(ann)
      .teams.get(otherOfAnn)
      .links.forEach((l: { utilisation: number }) => {
        if (l.utilisation > 0) busy++;
      });
    expect(busy).toBeGreaterThan(0);
    expect(decoderComplaints).toEqual([]);
    for (const room of [host, ann, bob]) await room.leave();
  });

  it(`${STUDENTS} students on the district network: every join succeeds and every client decodes every patch`, async () => {
    decoderComplaints.length = 0;
    const { code, hostKey } = await h.createClass({ scenario: "district" });
    const c = h.client();
    const host = quiet(await c.joinById(code, { hostKey }));
    const fullness: string[] = [];
    const results: PromiseSettledResult<Room>[] = [];
    // Fifty at a time: the server and all the students' decoders share this one process.
    for (let wave = 0; wave < STUDENTS; wave += WAVE) {
      const joins = Array.from({ length: Math.min(WAVE, STUDENTS - wave) }, async (_, i) => {
        const room = await c.joinById(code, { nickname: `Pupil ${wave + i + 1}` });
        quiet(room);
        // A student without a seat would be told so and watch.
        room.onMessage("error", (m: { code: string }) => fullness.push(m.code));
        return room;
      });
      results.push(...(await Promise.allSettled(joins)));
    }
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const students = results.map((r) => (r as PromiseFulfilledResult<Room>).value);
    const everyone = [host, ...students];
    const seated = () => stateOf(host).players.size;
    await until(() => seated() + fullness.length === STUDENTS, 30_000, "every student seated or told");
    // Every student has a node (a hub's clients are seats too), two teams of 200.
    expect(fullness).toEqual([]);
    const teams = [...stateOf(host).players.values()].map((p) => (p as { team: string }).team);
    expect(teams.filter((t) => t === "hub")).toHaveLength(STUDENTS / 2);
    expect(teams.filter((t) => t === "swarm")).toHaveLength(STUDENTS / 2);

    host.send("host", { type: "start" });
    // Enough play for thousands of packet crossings to reach every client (each patch packs them).
    await until(() => stateOf(host).tick >= 80, 60_000, "eight seconds of play");
    host.send("host", { type: "pause" });
    await nextMessage(host, "ok", 10_000, (m) => m.type === "pause");
    const pausedAt = () => stateOf(host).tick;
    await until(
      () => everyone.every((r) => stateOf(r).phase === "paused" && stateOf(r).tick === pausedAt()),
      30_000,
      "every client at the paused tick",
    );

    expect(decoderComplaints.slice(0, 4)).toEqual([]);
    // The server's own state, as the room holds it: what every screen must show.
    const truth = screenOf(matchMaker.getLocalRoomById(code)!.state);
    expect(nodeCount(host, "hub")).toBeGreaterThanOrEqual(201);
    expect(nodeCount(host, "swarm")).toBeGreaterThanOrEqual(200);
    expect(screenOf(stateOf(host))).toEqual(truth);
    const expected = JSON.stringify(truth);
    const differing = students.filter((r) => JSON.stringify(screenOf(stateOf(r))) !== expected).length;
    expect(differing).toBe(0);
    await Promise.all(everyone.map((r) => r.leave()));
  }, 180_000);
});
