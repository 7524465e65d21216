/**
 * A crowded class on one server: students join in waves, the round plays, pauses, and every client's
 * decoded state is compared with the server's. Colyseus's decoder does not throw on a patch it cannot
 * read: it logs "@colyseus/schema: field not defined" / "definition mismatch", skips the rest of the
 * structure and carries on with a state that silently differs. So this listens for those lines and
 * compares what each client shows. Used by tests/server/big-room.test.ts (a class) and
 * tests/services/school-room.test.ts (a school).
 */
import { matchMaker } from "@colyseus/core";
import { getStateCallbacks, type Room } from "colyseus.js";
import { expect, vi } from "vitest";
import { type Harness, nextMessage, quiet, stateOf, until } from "./harness";

/** What Colyseus's decoder said since `listenToDecoders` (it reports through console.warn/error). */
export const decoderComplaints: string[] = [];

/** Collects the decoder's complaints instead of printing them; other console output passes. */
export function listenToDecoders(): void {
  for (const level of ["warn", "error"] as const) {
    const original = console[level];
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const text = args.map(String).join(" ");
      if (text.includes("@colyseus/schema") || text.includes("refId")) decoderComplaints.push(text);
      else original(...args);
    });
  }
}

/** What a student's screen is drawn from, in a form two clients (and the server) can be compared by. */
// biome-ignore lint/suspicious/noExplicitAny: a client's decoded state and the server's schema state alike
export function screenOf(s: any) {
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

export const nodeCount = (room: Room, team: string) => stateOf(room).teams.get(team)?.nodes.size ?? 0;

/** The one string length @colyseus/schema 3.0 wrote with a wrong header (string-encoding.ts). */
const MISWRITTEN = 255;

/**
 * `students` join a `district` class `wave` at a time (a class arrives over a few seconds, not in one
 * instant); the round plays at least `ticks`, and on until the host's client has been sent a packed
 * packet crossings string of exactly 255 bytes (the length that broke every client's patches), so the
 * comparison cannot pass without the case it is about. Then the host pauses and every client must show
 * the server's state at the paused tick, with no decoder complaint on the way.
 */
export async function crowdedClass(h: Harness, students: number, wave: number, ticks: number) {
  decoderComplaints.length = 0;
  const { code, hostKey } = await h.createClass({ scenario: "district" });
  const c = h.client();
  const host = quiet(await c.joinById(code, { hostKey }));
  // Packed crossings the host's client was sent at the miswritten length, on either team.
  let miswrittenLengthSent = 0;
  const $ = getStateCallbacks(host);
  // biome-ignore lint/suspicious/noExplicitAny: decoded schema state
  $(host.state as any).teams.onAdd((team: any) => {
    $(team).listen("transits", (v: string) => {
      if (Buffer.byteLength(v) === MISWRITTEN) miswrittenLengthSent++;
    });
  });
  const fullness: string[] = [];
  const results: PromiseSettledResult<Room>[] = [];
  for (let from = 0; from < students; from += wave) {
    const joins = Array.from({ length: Math.min(wave, students - from) }, async (_, i) => {
      const room = await c.joinById(code, { nickname: `Pupil ${from + i + 1}` });
      quiet(room);
      // A student without a seat would be told so and watch.
      room.onMessage("error", (m: { code: string }) => fullness.push(m.code));
      return room;
    });
    results.push(...(await Promise.allSettled(joins)));
  }
  const failed = results.filter((r) => r.status === "rejected");
  expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
  const pupils = results.map((r) => (r as PromiseFulfilledResult<Room>).value);
  const everyone = [host, ...pupils];
  const seated = () => stateOf(host).players.size;
  await until(() => seated() + fullness.length === students, 30_000, "every student seated or told");
  // Every student has a node (a hub's clients are seats too), half on each team.
  expect(fullness).toEqual([]);
  const teams = [...stateOf(host).players.values()].map((p) => (p as { team: string }).team);
  expect(teams.filter((t) => t === "hub")).toHaveLength(students / 2);
  expect(teams.filter((t) => t === "swarm")).toHaveLength(students / 2);

  host.send("host", { type: "start" });
  // A client that cannot read that string says so (and never sees it): stop there, the checks below name it.
  await until(
    () => (stateOf(host).tick >= ticks && miswrittenLengthSent > 0) || decoderComplaints.length > 0,
    90_000,
    `${ticks} ticks of play and a 255-byte string sent`,
  );
  host.send("host", { type: "pause" });
  await nextMessage(host, "ok", 10_000, (m) => m.type === "pause");
  const pausedAt = () => stateOf(host).tick;
  await until(
    () => everyone.every((r) => stateOf(r).phase === "paused" && stateOf(r).tick === pausedAt()),
    30_000,
    "every client at the paused tick",
  );

  expect(miswrittenLengthSent).toBeGreaterThan(0);
  expect(decoderComplaints.slice(0, 4)).toEqual([]);
  // The server's own state, as the room holds it: what every screen must show.
  const truth = screenOf(matchMaker.getLocalRoomById(code)!.state);
  expect(nodeCount(host, "hub")).toBeGreaterThanOrEqual(201);
  expect(nodeCount(host, "swarm")).toBeGreaterThanOrEqual(200);
  expect(screenOf(stateOf(host))).toEqual(truth);
  const expected = JSON.stringify(truth);
  const differing = pupils.filter((r) => JSON.stringify(screenOf(stateOf(r))) !== expected).length;
  expect(differing).toBe(0);
  await Promise.all(everyone.map((r) => r.leave()));
}
