/**
 * The solo ladder: every level is a valid scenario, plays its player's node, and its stars are earned
 * by doing what the level teaches. A scripted good player (the same intents a human sends) earns at
 * least one star in every part; an idle player does not pass — decisions must matter.
 */
import { describe, expect, it } from "vitest";
import {
  createMatch,
  findLevel,
  hintsFor,
  isSeat,
  isUnlocked,
  LEVELS,
  type Level,
  type LevelInfo,
  parseScenario,
  passed,
  STAR_PARTS,
  starsFor,
  TICKS_PER_SECOND,
  totalStars,
} from "../../shared/index";
import { GOOD, GOOD_PICK, idle, levelScenario, playLevel, type Strategy } from "./level-players";

const stars = (id: string, r: ReturnType<typeof playLevel>) =>
  starsFor(r.teams[0]!.scores, findLevel(id)!.scenario.level);

describe("the solo ladder", () => {
  it("has at least twelve levels, each a valid scenario document with a level block", () => {
    expect(LEVELS.length).toBeGreaterThanOrEqual(12);
    for (const { id, scenario } of LEVELS) {
      const r = parseScenario(JSON.parse(JSON.stringify(scenario)));
      expect(r.ok ? [] : r.errors, id).toEqual([]);
      expect(r.ok && r.value.level, id).toBeTruthy();
      // Short enough to replay: at most two minutes a level.
      expect(scenario.duration, id).toBeLessThanOrEqual(120);
    }
  });

  it("puts the player on a seat that exists in every architecture the level plays", () => {
    for (const { id, scenario } of LEVELS) {
      const picks = scenario.level.choose ? (["hub", "swarm"] as const) : [undefined];
      for (const pick of picks) {
        const m = createMatch(levelScenario(id, pick));
        const world = m.worlds[0]!;
        const i = world.idIndex.get(scenario.level.node);
        expect(i, `${id}: node ${scenario.level.node}`).toBeDefined();
        expect(isSeat(world.nodes[i!]!), `${id}: ${scenario.level.node} is a seat`).toBe(true);
      }
    }
  });

  it("level 1 keeps its clients downloading into the round's last ten seconds (no idle second half)", () => {
    const r = playLevel("ask-and-answer", GOOD["ask-and-answer"]!);
    const goodput = r.teams[0]!.goodputPerSecond;
    const lastBusy = goodput.reduce((last, g, second) => (g > 0 ? second : last), -1);
    expect(lastBusy).toBeGreaterThanOrEqual(goodput.length - 10);
  });

  it("has a good player for every level", () => {
    expect(Object.keys(GOOD).sort()).toEqual(LEVELS.map((l) => l.id).sort());
  });

  for (const { id, number, scenario } of LEVELS) {
    it(`level ${number} (${id}): the good player passes, the idle player does not`, () => {
      const pick = GOOD_PICK[id];
      const wrong = pick === "hub" ? "swarm" : pick === "swarm" ? "hub" : undefined;
      const good = stars(id, playLevel(id, GOOD[id]!, pick));
      // In a level with a choice, the idle player also picks the other architecture.
      const lazy = stars(id, playLevel(id, idle, wrong));
      // Every part the level tests earns a star; a part it does not test (survival without a failure)
      // earns none, for anyone.
      const tested = scenario.failures.length > 0;
      for (const part of STAR_PARTS)
        if (part === "survival" && !tested) {
          expect(good[part], `${id} good survival`).toBeNull();
          expect(lazy[part], `${id} idle survival`).toBeNull();
        } else expect(good[part], `${id} good ${part}`).toBeGreaterThanOrEqual(1);
      expect(passed(lazy), `${id} idle ${JSON.stringify(lazy)}`).toBe(false);
      expect(totalStars(lazy)).toBeLessThan(totalStars(good));
      // The failed attempt gets a hint for what it missed.
      expect(hintsFor(lazy, scenario.level).length, `${id} hint`).toBeGreaterThan(0);
    });
  }

  it("level 8: switching to rarest-first in the first 4 seconds keeps the file alive, around the seed's departure too", () => {
    const level = findLevel("rarest-first")!.scenario;
    // A student who reads the card, then finds the setting: rarest-first from 4 s into the round.
    const afterFour: Strategy = (m, _w, me, act) => {
      if (m.tick >= 4 * TICKS_PER_SECOND && me.peer!.strategy !== "rarest")
        act({ type: "strategy", strategy: "rarest" } as never);
    };
    for (const at of [27, 28, 29]) {
      const variant = { ...level, failures: level.failures.map((f) => ({ ...f, at })) };
      const quick = playLevel("rarest-first", GOOD["rarest-first"]!, undefined, variant).teams[0]!.scores;
      const student = playLevel("rarest-first", afterFour, undefined, variant).teams[0]!.scores;
      const lazy = playLevel("rarest-first", idle, undefined, variant).teams[0]!.scores;
      expect(quick.survival, `seed leaves at ${at} s, switched at once`).toBe(100);
      expect(student.survival, `seed leaves at ${at} s, switched at 4 s`).toBe(100);
      expect(lazy.survival, `seed leaves at ${at} s, in order`).toBeLessThan(50);
    }
  });

  it("in the levels with a choice, the result justifies the right architecture", () => {
    for (const { id, scenario } of LEVELS.filter((l) => l.scenario.level.choose)) {
      const pick = GOOD_PICK[id]!;
      const wrong = pick === "hub" ? "swarm" : "hub";
      const right = stars(id, playLevel(id, GOOD[id]!, pick));
      const other = stars(id, playLevel(id, GOOD[id]!, wrong));
      expect(passed(right), `${id} ${pick}`).toBe(true);
      expect(passed(other), `${id} played well on ${wrong}: ${JSON.stringify(other)}`).toBe(false);
      expect(scenario.topology).toBe("versus");
    }
  });
});

describe("the star rule", () => {
  const level: Level = {
    ...findLevel("ask-and-answer")!.scenario.level,
    stars: { speed: [75, 82, 88], cost: [30, 40, 55], survival: [50, 80, 95] },
  };

  it("counts one star per threshold reached, per part", () => {
    expect(starsFor({ speed: 74, cost: 100, survival: 0 }, level)).toEqual({
      speed: 0,
      cost: 3,
      survival: 0,
    });
    expect(starsFor({ speed: 75, cost: 40, survival: 80 }, level)).toEqual({
      speed: 1,
      cost: 2,
      survival: 2,
    });
    expect(starsFor({ speed: 88, cost: 29, survival: 95 }, level)).toEqual({
      speed: 3,
      cost: 0,
      survival: 3,
    });
  });

  it("passes a level with a star in every part, and hints at each part without one", () => {
    expect(passed({ speed: 1, cost: 1, survival: 1 })).toBe(true);
    expect(passed({ speed: 3, cost: 0, survival: 3 })).toBe(false);
    expect(hintsFor({ speed: 0, cost: 0, survival: 2 }, level)).toEqual([
      level.hints.speed,
      level.hints.cost,
    ]);
  });
});

describe("the level block of a scenario document", () => {
  // biome-ignore lint/suspicious/noExplicitAny: a document edited freely to break it on purpose
  const doc = () => JSON.parse(JSON.stringify(findLevel("backups")!.scenario)) as Record<string, any>;
  const errors = (d: unknown) => {
    const r = parseScenario(d);
    return r.ok ? [] : r.errors;
  };

  it("names the field and the reason", () => {
    const d = doc();
    d.level.stars.speed = [70, 60, 80];
    d.level.goals = [];
    delete d.level.intro.idea;
    d.level.colour = "red";
    expect(errors(d).sort()).toEqual([
      "level.goals: needs at least one goal",
      "level.intro.idea: is required",
      "level.stars.speed: must go up: one star, two stars, three stars",
      'level: unknown field "colour"',
    ]);
  });

  it("keeps thresholds on the 0–100 scale and a level on one architecture unless it asks for a choice", () => {
    const d = doc();
    d.level.stars.cost = [10, 50, 120];
    d.topology = "versus";
    expect(errors(d).sort()).toEqual([
      "level.stars.cost: must be between 0 and 100",
      "topology: a level plays hub or swarm (or sets level.choose)",
    ]);
    const c = doc();
    c.level.choose = true;
    expect(errors(c)).toEqual([
      "level.choose: a level where the player picks the architecture must be versus",
    ]);
  });

  it("is optional: every scenario without one means what it meant before", () => {
    const d = doc();
    delete d.level;
    expect(errors(d)).toEqual([]);
  });
});

describe("the unlock rule", () => {
  it("opens level 1 always and each next level once the one before is passed", () => {
    const [first, second, third] = LEVELS as [LevelInfo, LevelInfo, LevelInfo];
    expect(isUnlocked(first, new Set())).toBe(true);
    expect(isUnlocked(second, new Set())).toBe(false);
    expect(isUnlocked(second, new Set([first.id]))).toBe(true);
    expect(isUnlocked(third, new Set([first.id]))).toBe(false);
  });
});
