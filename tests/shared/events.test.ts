/**
 * What happened in a match travels as a code and parameters (shared/events.ts): the log, the failure
 * records and the views hold no sentences, and the words a screen makes from them read as before.
 */
import { describe, expect, it } from "vitest";
import { refusedEvent } from "../../shared/events";
import {
  BUILT_IN_SCENARIOS,
  createMatch,
  EVENT_CODES,
  effectWords,
  eventWords,
  FAILURE_KINDS,
  failureWords,
  gameEvent,
  loggedWords,
  matchResult,
  PLAIN_VIEWS,
  parOf,
  plainNetworkView,
  refusal,
  runMatch,
} from "../../shared/index";
import { initTeams, newProjection, projectMatch } from "../../shared/projection";

const EVERY_KIND = FAILURE_KINDS.map((kind, i) => ({ kind, at: 2 + 2 * i }));

describe("events", () => {
  it("every failure kind logs an event per team, worded without holes, and views hold the same event", () => {
    const m = runMatch(
      createMatch({ ...BUILT_IN_SCENARIOS.calm!, topology: "versus", duration: 40, failures: EVERY_KIND }),
    );
    const logged = m.log.filter((e) => e.team !== null);
    expect(logged.length).toBe(2 * FAILURE_KINDS.length);
    for (const e of logged) {
      expect(EVENT_CODES).toContain(e.event.code);
      for (const v of Object.values(e.event.params))
        expect(typeof v === "string" || typeof v === "number").toBe(true);
      expect(eventWords(e.event)).not.toMatch(/undefined|NaN|\[object/);
    }
    // A screen's view of each failure words the same effects as the log.
    const view = plainNetworkView();
    initTeams(view, m, PLAIN_VIEWS);
    projectMatch(view, m, newProjection(PLAIN_VIEWS), (p) => p, parOf(m));
    for (const [i, f] of [...view.failures.values()].entries()) {
      const words = m.failureLog[i]!.effects.map((e) => eventWords(e.event));
      expect(effectWords(f)).toEqual([...new Set(words)]);
    }
    // The results carry the events; their words are the log's.
    for (const t of matchResult(m).teams)
      for (const f of t.failures) expect(logged.map((e) => eventWords(e.event))).toContain(failureWords(f));
  });

  it("words each event as the match log always did", () => {
    expect(eventWords(gameEvent("crashed", { node: "Server 2" }))).toBe("Server 2 crashed");
    expect(eventWords(gameEvent("link-losing", { link: "R1-R2", percent: 30 }))).toBe(
      "Link R1-R2 is losing 30% of packets",
    );
    expect(eventWords(gameEvent("left-for-good", { count: 2, node1: "Peer 3", node2: "Peer 5" }))).toBe(
      "Peer 3, Peer 5 left the network for good",
    );
    expect(eventWords(gameEvent("no-target", { team: "hub", target: "S9" }))).toBe(
      'Team Hub: nothing matches "S9" (no effect)',
    );
    expect(eventWords(refusedEvent(refusal("fully-upgraded", { node: "Server 1" })))).toBe(
      "refused: Server 1 is fully upgraded",
    );
  });

  it("reads a stored entry leniently: words stored before codes, an unknown code by its name", () => {
    expect(loggedWords({ text: "Server 1 crashed" })).toBe("Server 1 crashed");
    expect(loggedWords({ event: { code: "crashed", params: { node: "Seed 1" } }, text: "old" })).toBe(
      "Seed 1 crashed",
    );
    expect(loggedWords({ event: { code: "constructor", params: {} } })).toBe("constructor");
    expect(failureWords({ kind: "crash", note: "Server 1 crashed" })).toBe("Server 1 crashed");
    expect(failureWords({ kind: "crash" })).toBe("crash");
  });
});
