/** The editor's rules on real maps: validation, file reading and failure targets. */
import { describe, expect, it } from "vitest";
import { blankScenario, EditorModel, mmss } from "../../game-client/src/ui/editor/model";
import { fileNameOf, readScenarioText } from "../../game-client/src/ui/editor/scenario-file";
import { targetChoices, targetWarning, worldsOf } from "../../game-client/src/ui/editor/targets";
import { BUILT_IN_SCENARIOS } from "../../shared/index";

describe("the editor's draft", () => {
  it("names the field and the reason of every mistake, and is valid again once fixed", () => {
    const model = new EditorModel(blankScenario(1), { kind: "new" });
    expect(model.valid).not.toBeNull();
    model.change((d) => {
      d.map = { ...d.map, routers: Number.NaN } as typeof d.map;
      d.failures.push({ kind: "crash", at: 999 });
    });
    expect(model.valid).toBeNull();
    expect(model.errors).toContainEqual({ path: "map.routers", reason: "must be a number" });
    expect(model.dirty).toBe(true);
    model.change((d) => {
      d.map = { ...d.map, routers: 4 } as typeof d.map;
    });
    expect(model.errors).toEqual([{ path: "failures[0].at", reason: "must be before the end of the round" }]);
    model.change((d) => {
      d.failures[0]!.at = 30;
    });
    expect(model.valid?.failures).toEqual([{ kind: "crash", at: 30 }]);
  });

  it("says a map's own checks by their reason, made from their codes", () => {
    const model = new EditorModel(blankScenario(1), { kind: "new" });
    model.change((d) => {
      d.map = {
        routers: [{ id: "R1", region: "north", x: 0, y: 0 }],
        links: [{ a: "R1", b: "R7", latency: 0, bandwidth: 4 }],
        servers: [{ id: "S1", router: "R1" }],
        users: [{ id: "U1", router: "R1" }],
      };
    });
    expect(model.errors).toEqual(
      expect.arrayContaining([
        { path: "map.links[0].b", reason: 'there is no router "R7"' },
        { path: "map.links[0].latency", reason: "must be at least 1 tick" },
      ]),
    );
  });

  it("shows seconds as the game's clock does", () => {
    expect(mmss(0)).toBe("0:00");
    expect(mmss(95)).toBe("1:35");
    expect(mmss(Number.NaN)).toBe("–:––");
  });
});

describe("scenario files", () => {
  const good = JSON.stringify(BUILT_IN_SCENARIOS["server-crash"]);

  it("reads a valid file", () => {
    const r = readScenarioText(good, "a.json");
    expect(r.ok && r.scenario.name).toBe("Server crash");
    expect(fileNameOf(BUILT_IN_SCENARIOS["server-crash"]!)).toBe("server-crash.json");
  });

  it("explains a file that is not JSON, or not a scenario", () => {
    const broken = readScenarioText("{ nope", "broken.json");
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/"broken.json" is not a JSON file/);
    const invalid = readScenarioText(JSON.stringify({ ...JSON.parse(good), budget: -1, extra: 1 }), "x.json");
    expect(!invalid.ok && invalid.errors).toEqual(
      expect.arrayContaining(['(scenario): unknown field "extra"', "budget: must be more than 0 coins"]),
    );
  });
});

describe("failure targets on the scenario's map", () => {
  const worlds = worldsOf(BUILT_IN_SCENARIOS.calm!)!;

  it("builds one world per team that plays", () => {
    expect(worlds.map((w) => w.team)).toEqual(["hub", "swarm"]);
    expect(worldsOf({ ...BUILT_IN_SCENARIOS.calm!, topology: "swarm" })!.map((w) => w.team)).toEqual([
      "swarm",
    ]);
    const broken = structuredClone(BUILT_IN_SCENARIOS.calm!);
    if ("shape" in broken.map) broken.map.routers = 0;
    expect(worldsOf(broken)).toBeNull();
  });

  it("offers only roles the kind can hit on this map", () => {
    const crash = targetChoices("crash", worlds).map(([v]) => v);
    expect(crash).toEqual([
      "role:source",
      "role:router",
      "role:server",
      "role:seed",
      "role:peer",
      "busiest",
      "random",
    ]);
    const hubOnly = worldsOf({ ...BUILT_IN_SCENARIOS.calm!, topology: "hub" })!;
    expect(targetChoices("crash", hubOnly).map(([v]) => v)).not.toContain("role:seed");
    expect(targetChoices("outage", worlds).map(([v]) => v)).toEqual(["random", "North", "East", "South"]);
    expect(targetChoices("flash-crowd", worlds)).toEqual([]);
  });

  it("warns where a picked target hits nothing", () => {
    expect(targetWarning("crash", "R2", worlds)).toBeNull();
    expect(targetWarning("crash", "U1", worlds)).toBe(
      "This hits only one team. In Team Hub U1 is a client: crash cannot hit it.",
    );
    expect(targetWarning("link-cut", "R2-R1", worlds)).toBeNull();
    expect(targetWarning("link-cut", "R1-R4", worlds)).toMatch(/Team Hub has no link R1-R4/);
    expect(targetWarning("outage", "Atlantis", worlds)).toMatch(/no region "Atlantis"/);
    expect(targetWarning("wiretap", "random", worlds)).toBeNull();
  });
});
