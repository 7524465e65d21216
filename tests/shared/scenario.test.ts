import { describe, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS, createMatch, matchResult, parseScenario, runMatch } from "../../shared/index";

const valid = () => JSON.parse(JSON.stringify(BUILT_IN_SCENARIOS.calm)) as Record<string, unknown>;

function errorsFor(doc: unknown): string[] {
  const r = parseScenario(doc);
  if (r.ok) throw new Error("expected the scenario to be refused");
  return r.errors;
}

describe("scenario documents", () => {
  it("has at least 8 built-in scenarios and every one validates", () => {
    expect(Object.keys(BUILT_IN_SCENARIOS).length).toBeGreaterThanOrEqual(8);
    for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
      const r = parseScenario(JSON.parse(JSON.stringify(sc)));
      expect(r.ok ? [] : r.errors, name).toEqual([]);
    }
  });

  it("every built-in plays as hub, swarm and versus", () => {
    for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
      if (name === "district") continue;
      for (const topology of ["hub", "swarm", "versus"] as const) {
        const m = createMatch({
          ...sc,
          topology,
          duration: 30,
          failures: sc.failures.filter((f) => f.at < 30),
        });
        const r = matchResult(runMatch(m), {
          goodput: 1,
          completionSeconds: 5,
        });
        expect(
          r.teams.map((t) => t.team),
          `${name} ${topology}`,
        ).toEqual(topology === "versus" ? ["hub", "swarm"] : [topology]);
        expect(
          r.teams.every((t) => t.packets.created > 0),
          `${name} ${topology}`,
        ).toBe(true);
      }
    }
  });

  it("names the field and the reason when a value is wrong", () => {
    const doc = valid();
    (doc.failures as unknown[]) = [{ kind: "crash", at: -5 }];
    expect(errorsFor(doc)).toEqual(["failures[0].at: must be 0 or more seconds"]);
  });

  it("refuses an unknown failure kind, naming the kinds it knows", () => {
    const doc = valid();
    (doc.failures as unknown[]) = [{ kind: "meteor", at: 5 }];
    const [e] = errorsFor(doc);
    expect(e).toMatch(/^failures\[0\]\.kind: must be one of crash, disk-failure/);
  });

  it("refuses missing and misspelt fields", () => {
    const doc = valid();
    delete doc.duration;
    delete doc.topology;
    doc.durration = 90;
    const errors = errorsFor(doc);
    expect(errors).toContain("duration: is required");
    expect(errors).toContain("topology: is required");
    expect(errors).toContain('(scenario): unknown field "durration"');
  });

  it("bounds the network at its busiest: the map's users plus everyone a flash crowd brings", () => {
    const doc = valid();
    const map = doc.map as Record<string, unknown>;
    map.users = 380;
    doc.failures = [
      { kind: "flash-crowd", at: 10, magnitude: 15 },
      { kind: "flash-crowd", at: 20 }, // 10 by default
    ];
    expect(errorsFor(doc)).toEqual([
      "failures: the flash crowds would bring the network to 405 users: at most 400 in all, counting everyone who joins",
    ]);
    doc.failures = [{ kind: "flash-crowd", at: 10, magnitude: 20 }];
    expect(parseScenario(doc).ok).toBe(true); // exactly 400
  });

  it("refuses an event after the end of the round", () => {
    const doc = valid();
    (doc.failures as unknown[]) = [{ kind: "crash", at: 500 }];
    expect(errorsFor(doc)).toEqual(["failures[0].at: must be before the end of the round"]);
  });

  it("refuses magnitudes outside a kind's range", () => {
    const doc = valid();
    (doc.failures as unknown[]) = [
      { kind: "packet-loss", at: 5, magnitude: 3 },
      { kind: "churn", at: 5, magnitude: 2.5 },
    ];
    expect(errorsFor(doc)).toEqual([
      "failures[0].magnitude: must be at most 1",
      "failures[1].magnitude: must be a whole number up to 100",
    ]);
  });

  it("refuses wrong types and impossible workloads", () => {
    const doc = valid();
    doc.seed = "forty-two";
    (doc.workload as Record<string, unknown>).itemsPerUser = 99;
    const errors = errorsFor(doc);
    expect(errors).toContain("seed: must be a number");
    expect(errors).toContain("workload.itemsPerUser: must be at most 20");
  });

  it("names the map field that is wrong, even when its type is", () => {
    const doc = valid();
    (doc.map as Record<string, unknown>).routers = "six";
    expect(errorsFor(doc)).toEqual(["map.routers: must be a number"]);
    doc.map = { routers: [{ id: "A", region: "North", x: 1, y: 1 }], links: [], servers: [] };
    expect(errorsFor(doc)).toEqual(expect.arrayContaining(["map.users: is required"]));
    doc.map = "ring";
    expect(errorsFor(doc)).toEqual(["map: must be a generated map or an explicit map"]);
  });

  it("checks an explicit map's references", () => {
    const doc = valid();
    doc.map = {
      routers: [
        { id: "A", region: "North", x: 100, y: 100 },
        { id: "B", region: "South", x: 300, y: 100 },
      ],
      links: [{ a: "A", b: "C", latency: 2, bandwidth: 8 }],
      servers: [{ id: "S1", router: "A" }],
      users: [{ id: "U1", router: "Z" }],
    };
    const errors = errorsFor(doc);
    expect(errors).toContain('map.links[0].b: no router "C"');
    expect(errors).toContain('map.users[0].router: no router "Z"');
  });

  it("plays an explicit map", () => {
    const doc = valid();
    doc.map = {
      routers: [
        { id: "A", region: "North", x: 300, y: 300 },
        { id: "B", region: "South", x: 700, y: 300 },
      ],
      links: [{ a: "A", b: "B", latency: 3, bandwidth: 8 }],
      servers: [{ id: "S1", router: "A" }],
      users: [
        { id: "U1", router: "B" },
        { id: "U2", router: "B" },
      ],
      origin: { router: "A" },
    };
    doc.failures = [];
    const r = parseScenario(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const result = matchResult(runMatch(createMatch(r.value)));
    for (const t of result.teams) expect(t.itemsCompleted).toBeGreaterThan(0);
  });

  it("refuses things that are not scenarios at all", () => {
    expect(errorsFor(null)).toEqual(["(scenario): must be an object"]);
    expect(errorsFor([])[0]).toMatch(/^\(scenario\)/);
  });
});
