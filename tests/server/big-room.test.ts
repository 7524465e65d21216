/**
 * A big network in one room: every student decoding the same state as the server holds, on the
 * district network whose packed packet crossings reach the string length @colyseus/schema 3.0 miswrote
 * (tests/server/crowd.ts). The encoder's header itself is checked in string-encoding.test.ts; the room
 * of 400 students, a school, is tests/services/school-room.test.ts (`npm run test:services`).
 */
import { getStateCallbacks, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BUILT_IN_SCENARIOS, unpackTransits } from "../../shared/index";
import { crowdedClass, decoderComplaints, listenToDecoders, nodeCount } from "./crowd";
import { boot, type Harness, quiet, stateOf, until } from "./harness";

/** A class of students on the district network: enough to fill both teams' seats with people. */
const STUDENTS = 40;

let h: Harness;
beforeAll(async () => {
  // A class's joins from one address, quickly, in every test: the per-address budget is for one class.
  // Forty clients join at once: on a busy machine a join can take longer than a classroom's 10 s seat.
  h = await boot("memory://", 1000, { timeScale: 2, seatReservationSeconds: 30 });
  listenToDecoders();
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await h.server.close();
});

describe("a big network in one room", () => {
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
    await crowdedClass(h, STUDENTS, 20, 40);
  }, 120_000);
});
