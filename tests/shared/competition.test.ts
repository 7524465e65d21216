/**
 * The teams competition: each team against its autopilot twin (same scenario, seed and failures, bots
 * in every seat), so the architecture a team was given cancels out and only play moves the score.
 */
import { describe, expect, it } from "vitest";
import { askedServer } from "../../shared/hub";
import {
  autopilotTwin,
  BUILT_IN_SCENARIOS,
  competitionWinner,
  createMatch,
  LIVE_STANDING_NODES,
  LiveStanding,
  matchResult,
  parOf,
  runMatch,
  type Scenario,
  scoreTeam,
  stateHash,
  stepMatch,
  submitIntent,
  TICKS_PER_SECOND,
  TOO_CLOSE_TO_CALL,
} from "../../shared/index";
import { playClassMatch } from "./classes";
import { idleSeats, match, runUntil } from "./helpers";

const compare = (m: ReturnType<typeof createMatch>, par = parOf(runMatch(createMatch(m.scenario)))) =>
  matchResult(m, par, runMatch(autopilotTwin(m)));

describe("the teams competition", () => {
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    if (name === "district") continue; // 400 nodes a side: the same code path, at ten times the cost
    it(`${name}: with bots in every seat both teams score exactly their autopilot, and nobody wins`, () => {
      for (const seed of [1, 2]) {
        // Bots in every seat: the match is its own par match (the same scenario and seed, played again).
        const bots = runMatch(createMatch({ ...sc, seed }));
        const r = compare(bots, parOf(bots));
        for (const t of r.teams) {
          expect(t.autopilotTotal, `${name} ${t.team}`).toBe(t.scores.total);
          expect(t.againstAutopilot, `${name} ${t.team}`).toBe(100);
        }
        expect(competitionWinner(r.teams)).toBeNull();
      }
    });
  }

  it("a team wins only by more than the luck of one click: 4 points or less apart is a draw", () => {
    const standing = (hub: number, swarm: number) => [
      { team: "hub" as const, againstAutopilot: hub },
      { team: "swarm" as const, againstAutopilot: swarm },
    ];
    expect(TOO_CLOSE_TO_CALL).toBe(4);
    expect(competitionWinner(standing(101, 100))).toBeNull();
    expect(competitionWinner(standing(96, 100))).toBeNull();
    expect(competitionWinner(standing(105, 100))).toBe("hub");
    expect(competitionWinner(standing(80, 94))).toBe("swarm");
    expect(competitionWinner([{ team: "hub", againstAutopilot: 130 }])).toBeNull();
  });

  it("one click with next to no effect moves a team's standing by up to a few points", () => {
    // Why the draw band: a client asks its own server again, 10 s into a server crash (hub, seed 5).
    const sc = { ...BUILT_IN_SCENARIOS["server-crash"]!, seed: 5, topology: "hub" as const };
    const bots = runMatch(createMatch(sc));
    const m = createMatch(sc);
    runUntil(m, 10);
    const hub = m.worlds[0]!;
    const client = hub.nodes.find((n) => n.kind === "client")!;
    const server = hub.nodes[askedServer(hub, client)]!;
    expect(
      submitIntent(m, { kind: "bot" }, { type: "server", team: "hub", node: client.id, server: server.id })
        .ok,
    ).toBe(true);
    const moved = compare(runMatch(m), parOf(bots)).teams[0]!.againstAutopilot!;
    expect(Math.abs(moved - 100)).toBeGreaterThanOrEqual(3);
    expect(Math.abs(moved - 100)).toBeLessThanOrEqual(TOO_CLOSE_TO_CALL);
  });

  it("the twin plays the host's live failures, added time and early end too", () => {
    const m = match("calm");
    runUntil(m, 30);
    const crash = { kind: "crash", target: "role:source", at: 0 } as const;
    expect(submitIntent(m, { kind: "host" }, { type: "trigger", failure: crash }).ok).toBe(true);
    expect(submitIntent(m, { kind: "host" }, { type: "add-time", seconds: 30 }).ok).toBe(true);
    runUntil(m, 95);
    submitIntent(m, { kind: "host" }, { type: "end" });
    stepMatch(m);
    expect(m.ended).toBe(true);
    const twin = runMatch(autopilotTwin(m));
    expect(twin.tick).toBe(m.tick);
    const log = (x: typeof m) => x.failureLog.map((f) => [f.kind, f.startTick]);
    expect(log(m)).toEqual([["crash", 300]]);
    expect(log(twin)).toEqual(log(m));
    const r = matchResult(m, parOf(runMatch(createMatch(m.scenario))), twin);
    for (const t of r.teams) expect(t.againstAutopilot, t.team).toBe(100);
  });

  it("the live standing is the verdict: an engaged class pulls ahead during the round, and ends where the results say", () => {
    const sc = { ...BUILT_IN_SCENARIOS["link-cut"]!, seed: 2 };
    const par = parOf(runMatch(createMatch(sc)));
    let live: LiveStanding | undefined;
    const seen: [number, number][] = [];
    const m = playClassMatch(sc, { hub: "engaged", swarm: "idle" }, undefined, (x) => {
      live ??= new LiveStanding(x);
      expect(live.follow()).toBe(true);
      const s = live.standing(par)!;
      if (x.tick % (30 * TICKS_PER_SECOND) === 0) seen.push([s.get("hub")!, s.get("swarm")!]);
    });
    // Level until the cut at 50 s, then the engaged hub ahead and the idle swarm behind.
    expect(seen[0]).toEqual([100, 100]);
    expect(seen.at(-1)![0]).toBeGreaterThan(100 + TOO_CLOSE_TO_CALL);
    expect(seen.at(-1)![1]).toBeLessThan(100);
    const r = compare(m, par);
    const end = live!.standing(par)!;
    for (const t of r.teams) expect(end.get(t.team), t.team).toBe(t.againstAutopilot);
    expect(competitionWinner(r.teams)).toBe("hub");
  });

  it("the live twin starts the host's failure at its tick, follows added time and an early end, and ends on the verdict", () => {
    const m = idleSeats(match("server-crash"));
    const par = parOf(runMatch(createMatch(m.scenario)));
    const live = new LiveStanding(m);
    const play = (seconds: number) => {
      while (!m.ended && m.tick < seconds * TICKS_PER_SECOND) {
        stepMatch(m);
        expect(
          live.follow(() => true),
          `level at ${m.tick}`,
        ).toBe(true);
      }
    };
    play(30);
    const crash = { kind: "crash", target: "role:router", at: 0, duration: 40 } as const;
    expect(submitIntent(m, { kind: "host" }, { type: "trigger", failure: crash }).ok).toBe(true);
    play(31);
    expect(live.standing(par)).not.toBeNull();
    expect(live.levelTwin()!.failureLog.map((f) => [f.kind, f.startTick])).toContainEqual(["crash", 300]);
    // Time added later: the twin's round grows with the class's.
    play(100);
    expect(submitIntent(m, { kind: "host" }, { type: "add-time", seconds: 20 }).ok).toBe(true);
    // Then the host ends it early, 3.7 s after the round's first end: both stop at that tick.
    play(183.7);
    submitIntent(m, { kind: "host" }, { type: "end" });
    play(1000);
    expect(m.ended).toBe(true);
    expect(m.tick).toBe(1838);
    const end = live.standing(par)!;
    const r = compare(m, par);
    for (const t of r.teams) expect(end.get(t.team), t.team).toBe(t.againstAutopilot);
    expect(end.get("hub")).toBeLessThan(100);
    // The twin alongside and the one made at the end are the same match (the one made at the end
    // notes the round's end as the tick it reached, one after the tick the host ended it in).
    const atEnd = runMatch(autopilotTwin(m));
    expect(atEnd.tick).toBe(live.levelTwin()!.tick);
    atEnd.endTick = live.levelTwin()!.endTick;
    expect(stateHash(live.levelTwin()!)).toBe(stateHash(atEnd));
  });

  it("a twin made mid-round catches up a slice at a time, the host's failures included", () => {
    const m = idleSeats(match("link-cut"));
    runUntil(m, 20);
    const cut = { kind: "link-cut", target: "busiest", at: 0, duration: 10 } as const;
    expect(submitIntent(m, { kind: "host" }, { type: "trigger", failure: cut }).ok).toBe(true);
    runUntil(m, 90);
    const live = new LiveStanding(m);
    // Two ticks a call while the budget says enough, so it is behind, and has no standing yet.
    expect(live.follow(() => true)).toBe(false);
    expect(live.standing(parOf(runMatch(createMatch(m.scenario))))).toBeNull();
    let calls = 1;
    while (!live.follow(() => true)) calls++;
    expect(calls).toBeGreaterThan(400);
    runMatch(m);
    live.follow();
    expect(stateHash(live.levelTwin()!)).toBe(stateHash(runMatch(autopilotTwin(m))));
  });

  it("a class of bots is its twin exactly, whatever the host starts and whenever", () => {
    for (const name of ["calm", "flash-crowd", "malicious-peer", "big-school"]) {
      const m = match(name);
      runUntil(m, 12.3);
      for (const failure of [
        { kind: "crash", target: "random", at: 0, duration: 15 },
        { kind: "link-cut", target: "busiest", at: 0, duration: 10 },
      ] as const) {
        expect(submitIntent(m, { kind: "host" }, { type: "trigger", failure }).ok, name).toBe(true);
        runUntil(m, m.tick / TICKS_PER_SECOND + 17.1);
      }
      runMatch(m);
      expect(stateHash(runMatch(autopilotTwin(m))), name).toBe(stateHash(m));
    }
  });

  it("the twin alongside never touches the class's match: the same state, step by step", () => {
    for (const name of ["flash-crowd", "big-school"]) {
      const alone = idleSeats(match(name));
      const followed = idleSeats(match(name));
      const live = new LiveStanding(followed);
      while (!alone.ended) {
        stepMatch(alone);
        stepMatch(followed);
        live.follow();
        if (alone.tick % 300 === 0)
          expect(stateHash(followed), `${name} at ${alone.tick}`).toBe(stateHash(alone));
      }
      expect(stateHash(followed), name).toBe(stateHash(alone));
    }
  });

  it("a twin stepped after the tick (a school-sized room's) gives each second's standing a second late", () => {
    const m = idleSeats(match("link-cut"));
    const par = parOf(runMatch(createMatch(m.scenario)));
    const inTick = new LiveStanding(m);
    const after = new LiveStanding(m);
    const totals = () => m.worlds.map((w) => scoreTeam(m, w, par).total);
    const seen: { tick: number; now: string; late: string }[] = [];
    const words = (s: Map<string, number> | null) => JSON.stringify(s && [...s]);
    while (!m.ended) {
      stepMatch(m);
      inTick.follow();
      if (m.tick % TICKS_PER_SECOND === 0) {
        inTick.note(totals(), par);
        after.note(totals(), par);
        seen.push({ tick: m.tick, now: words(inTick.latest), late: words(after.latest) });
      }
      after.follow();
    }
    // The cut at 50 s moves the idle hub's standing; the late one shows each second's a second on.
    expect(
      seen.some(
        (s) =>
          s.now !==
          words(
            new Map([
              ["hub", 100],
              ["swarm", 100],
            ]),
          ),
      ),
    ).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.late, `at ${seen[i]!.tick}`).toBe(seen[i - 1]!.now);
  });

  it("the live standing follows classroom networks and district, not a network of thousands", () => {
    expect(LiveStanding.fits(match("big-school"))).toBe(true);
    expect(LiveStanding.fits(match("district"))).toBe(true);
    const district = BUILT_IN_SCENARIOS.district!;
    const school = match("district", {
      map: { ...district.map, routers: 400, servers: 100, users: 1500 } as Scenario["map"],
    });
    expect(LiveStanding.nodes(school)).toBeGreaterThan(LIVE_STANDING_NODES);
    expect(LiveStanding.nodes(match("district"))).toBe(402);
    expect(LiveStanding.fits(school)).toBe(false);
  });

  it("a class that never acts falls short of its autopilot where decisions matter", () => {
    const r = compare(runMatch(idleSeats(match("server-breach"))));
    const hub = r.teams.find((t) => t.team === "hub")!;
    expect(hub.againstAutopilot!).toBeLessThan(100);
  });
});
