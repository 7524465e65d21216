import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLevel, type MatchResult, type Refusal, refusalWords, starsFor } from "../../shared/index";
import { boot, type Harness, joinRefusal, nextMessage, quiet, stateOf, until } from "./harness";

let h: Harness;
beforeAll(async () => {
  // Whole levels are played here: ten game seconds a real second (the same ticks, sooner).
  h = await boot("memory://", 100, { timeScale: 10 });
});
afterAll(async () => {
  await h.server.close();
});

describe("a level in a solo room", () => {
  it("plays level 1 to the end on the level's node; the server counts the stars", async () => {
    const level = findLevel("ask-and-answer")!;
    const room = quiet(await h.client().create("solo", { level: "ask-and-answer", nickname: "Ada" }));
    await until(() => stateOf(room).players.size === 1, 3000, "seated");
    expect(stateOf(room).players.get(room.sessionId).node).toBe(level.scenario.level.node);
    expect(stateOf(room).teams.size).toBe(1);
    // A level plays as written: no failures of the player's making, no extra time.
    const refused = nextMessage<{ refusal: Refusal }>(room, "error");
    room.send("host", { type: "add-time", seconds: 60 });
    expect(refusalWords((await refused).refusal)).toMatch(/plays as written/);

    const results = nextMessage<MatchResult>(room, "results", 30_000);
    room.send("host", { type: "start" });
    await until(() => stateOf(room).phase === "playing", 10_000, "playing");
    // What the level's card asks for: two upgrades, through the same intents the panel sends.
    for (let k = 0; k < 2; k++) {
      const ok = nextMessage(room, "ok");
      room.send("intent", { type: "upgrade", team: "hub", node: "S1" });
      await ok;
    }
    const r = await results;
    const scores = r.teams[0]!.scores;
    expect(r.level).toBeDefined();
    expect(r.level!.id).toBe("ask-and-answer");
    expect(r.level!.stars).toEqual(starsFor(scores, level.scenario.level));
    expect(r.level!.passed).toBe(true);
    expect(r.seconds).toBe(level.scenario.duration);
    await room.leave();
  }, 45_000);

  it("refuses what a level does not allow, and an unknown level", async () => {
    const none = await joinRefusal(h.client().create("solo", { level: "nope" }));
    expect(none).toMatchObject({ code: "no-level", params: { level: "nope" } });
    expect(none.words).toMatch(/no level "nope"/);
    const node = await joinRefusal(h.client().create("solo", { level: "detour", node: "R1" }));
    expect(node.code).toBe("level-sets-node");
    expect(node.words).toMatch(/own node/);
    const other = await joinRefusal(h.client().create("solo", { level: "detour", topology: "swarm" }));
    expect(other.code).toBe("level-played-as");
    expect(other.words).toMatch(/played as hub/);
    const unpicked = await joinRefusal(h.client().create("solo", { level: "fifty" }));
    expect(unpicked.code).toBe("level-needs-choice");
    expect(unpicked.words).toMatch(/needs a choice/);
    // Options that break the schema: a code with the field and the rule, worded by the join screen.
    const both = await joinRefusal(h.client().create("solo", { level: "calm", scenario: "calm" }));
    expect(both).toMatchObject({
      code: "bad-solo-options",
      params: { field: "options", rule: "scenario-or-level" },
    });
    expect(both.words).toMatch(/one of the two/);
    const long = await joinRefusal(h.client().create("solo", { scenario: "calm", node: "N".repeat(30) }));
    expect(long).toMatchObject({
      code: "bad-solo-options",
      params: { field: "node", rule: "too_big", maximum: 24, of: "characters" },
    });
    expect(long.words).toBe(
      "That game could not be opened (node: must be at most 24 characters): reload the page and try again.",
    );
    const name = await joinRefusal(h.client().create("solo", { scenario: "calm", nickname: "x".repeat(20) }));
    expect(name).toMatchObject({ code: "nickname-too-long", params: { max: 16 } });
  });

  it("plays the architecture the player picks, and ending early earns no stars", async () => {
    const room = quiet(await h.client().create("solo", { level: "small-office", topology: "swarm" }));
    await until(() => stateOf(room).players.size === 1, 3000, "seated");
    expect([...stateOf(room).teams.keys()]).toEqual(["swarm"]);
    expect(stateOf(room).teams.get("swarm").nodes.get("S1").role).toBe("seed");
    const results = nextMessage<MatchResult>(room, "results", 10_000);
    room.send("host", { type: "start" });
    await until(() => stateOf(room).tick > 5, 3000, "ticking");
    room.send("host", { type: "end" });
    const r = await results;
    expect(r.level!.topology).toBe("swarm");
    expect(r.level!.passed).toBe(false);
    expect(r.level!.stars).toEqual({ speed: 0, cost: 0, survival: 0 });
    // The screen words why (the hint for a level played to the end), from this flag.
    expect(r.level!.gaveUp).toBe(true);
    await room.leave();
  });
});
