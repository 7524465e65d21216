import { describe, expect, it } from "vitest";
import {
  type Architecture,
  BUILT_IN_SCENARIOS,
  createMatch,
  debrief,
  FELL_BELOW,
  failureWords,
  matchResult,
  type Par,
  parOf,
  runMatch,
  type Scenario,
  teamName,
} from "../../shared/index";
import { idleSeats, match } from "./helpers";

describe("the debrief", () => {
  it("tells what a crash did to each team, in this match's own numbers", () => {
    const lessons = debrief(matchResult(runMatch(match("server-crash"))));
    const crash = lessons.find((l) => /crashed/.test(l.text))!;
    expect(crash.text).toMatch(/^At 1:00: Server 1 crashed/);
    const hubKept = Number(/Team Hub kept (\d+) %/.exec(crash.text)![1]);
    // Nothing while it is down (the autopilot restarts it after 15 s, and it boots for 8).
    expect(hubKept).toBeLessThan(30);
    const swarmKept = Number(/Team Swarm kept (\d+) %/.exec(crash.text)![1]);
    expect(swarmKept).toBeGreaterThan(50);
    expect(crash.concept).toMatch(/single point of failure/);
    expect(lessons.some((l) => /spent/.test(l.text) && /expensive/.test(l.concept))).toBe(true);
  });

  it("blames the network that spent more for its bill: the hub in a small network, a crowded swarm", () => {
    // Every built-in on 20 seeds holds the coins line to its figures (below); here both of its
    // concepts are seen.
    const line = (name: string) =>
      debrief(matchResult(runMatch(match(name)))).find((l) => / spent \d+ coins/.test(l.text))!;
    expect(line("calm").text).toMatch(/^Team Hub spent/);
    expect(line("calm").concept).toMatch(/Client-server is expensive/);
    expect(line("flash-crowd").text).toMatch(/^Team Swarm spent/);
    expect(line("flash-crowd").concept).toMatch(/another way in/);
  });

  it("names lost data and corrupt chunks when they happened, and only then", () => {
    const lost = debrief(matchResult(runMatch(match("seeds-leave"))));
    expect(lost.some((l) => /Team Swarm lost (1 item|\d+ items) for good/.test(l.text))).toBe(true);
    const calm = debrief(matchResult(runMatch(match("calm"))));
    expect(calm.some((l) => /lost|corrupt|wiretap/.test(l.text))).toBe(false);
    // A hacked seed's tampered chunks: the peers' hash checks caught them, never told as reaching users.
    const hacked = debrief(matchResult(runMatch(match("server-breach"))));
    const caught = hacked.find((l) => /corrupt chunks? reached Team Swarm's peers/.test(l.text));
    expect(caught?.text).toMatch(/hash checks caught every one/);
    expect(hacked.some((l) => /reached Team Swarm's users/.test(l.text))).toBe(false);
    // A cheat's harmful file has hashes to match: it reaches users and is found only when opened.
    const cheat = debrief(matchResult(runMatch(match("malicious-peer"))));
    const harmful = cheat.find((l) => /corrupt chunks? reached Team Swarm's users/.test(l.text));
    expect(harmful?.text).toMatch(/broken or harmful when opened/);
    expect(cheat.some((l) => /reached Team Swarm's peers/.test(l.text))).toBe(false);
  });

  it("explains a router crash as a routing lesson, not a server one", () => {
    const m = match("calm", { failures: [{ kind: "crash", at: 30, duration: 20, target: "R2" }] });
    const crash = debrief(matchResult(runMatch(m))).find((l) => /Router 2 crashed/.test(l.text))!;
    expect(crash.concept).toMatch(/another path/);
  });
});

/**
 * What the sweep below found with bots in every seat, by "scenario seed": par and each team's total.
 * The autopilot's check after it compares the same matches with their seats left idle.
 */
const botRuns = new Map<string, { par: Par; totals: [Architecture, number][] }>();

/** Mean totals per team over seeds 1..seeds: bots in every seat (from the sweep), and the same seats left idle. */
function botsAndIdle(name: string, sc: Scenario, seeds: number) {
  const sum = { bots: { hub: 0, swarm: 0 }, idle: { hub: 0, swarm: 0 } };
  for (let seed = 1; seed <= seeds; seed++) {
    let bots = botRuns.get(`${name} ${seed}`);
    if (!bots) {
      const m = runMatch(createMatch({ ...sc, seed }));
      const par = parOf(m);
      bots = { par, totals: matchResult(m, par).teams.map((t) => [t.team, t.scores.total]) };
    }
    for (const [team, total] of bots.totals) sum.bots[team] += total / seeds;
    // Scored against the same par as the bots.
    const still = runMatch(idleSeats(createMatch({ ...sc, seed })));
    for (const t of matchResult(still, bots.par).teams) sum.idle[t.team] += t.scores.total / seeds;
  }
  return sum;
}

/**
 * The debrief never contradicts the numbers: on every built-in scenario and 20 seeds (district 5),
 * each figure a line quotes is the result's own, and a concept that claims an outcome appears only
 * when the result shows it.
 */
describe("the debrief agrees with the result", () => {
  const SEEDS = 20;
  /**
   * District (400 nodes a side) costs as much as all the others together: it plays fewer seeds, as its
   * debrief is written by the same code from the same kind of result.
   */
  const DISTRICT_SEEDS = 5;
  const LONG = 120_000;
  const kept = (text: string, name: string) => {
    const m = new RegExp(`${name} kept (\\d+) %`).exec(text);
    return m ? Number(m[1]) / 100 : null;
  };
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    const seeds = name === "district" ? DISTRICT_SEEDS : SEEDS;
    it(
      `${name}, seeds 1..${seeds}`,
      () => {
        for (let seed = 1; seed <= seeds; seed++) {
          const m = runMatch(createMatch({ ...sc, seed }));
          const par = parOf(m);
          const r = matchResult(m, par);
          botRuns.set(`${name} ${seed}`, { par, totals: r.teams.map((t) => [t.team, t.scores.total]) });
          const lessons = debrief(r);
          const at = `${name} seed ${seed}`;
          for (const t of r.teams) {
            for (const f of t.failures) {
              const line = lessons.find((l) => l.text.includes(failureWords(f)) && l.text.includes(`At `));
              expect(line, `${at}: a line for ${failureWords(f)}`).toBeDefined();
              const quoted = kept(line!.text, teamName(t.team));
              if (f.kept === null) expect(quoted, at).toBeNull();
              else expect(quoted, `${at}: ${line!.text}`).toBeCloseTo(f.kept, 2);
            }
          }
          for (const l of lessons) {
            // Counts agree with their nouns, as a student reads them: "1 computer", "7 computers".
            expect(l.text, at).not.toMatch(/\(s\)/);
            expect(l.text, at).not.toMatch(
              /\b1 (computers|users|items|packets|corrupt chunks|finished downloads)\b/,
            );
            expect(l.text, at).not.toMatch(
              /\b(0|[2-9]|\d\d+) (computer|user|item|packet|corrupt chunk|finished download)\b/,
            );
            const hubKept = kept(l.text, "Team Hub");
            const swarmKept = kept(l.text, "Team Swarm");
            const quotes = [hubKept, swarmKept].filter((x): x is number => x !== null);
            if (/single point of failure;/.test(l.concept))
              expect(Math.min(...quotes), `${at}: ${l.text}`).toBeLessThan(FELL_BELOW);
            if (/no single point of failure/.test(l.concept))
              expect(Math.min(...quotes), `${at}: ${l.text}`).toBeGreaterThanOrEqual(FELL_BELOW);
            if (/a swarm scales with its crowd/.test(l.concept))
              expect(swarmKept!, `${at}: ${l.text}`).toBeGreaterThan(hubKept!);
            const lost = /(Team \w+) lost (\d+) item/.exec(l.text);
            if (lost) {
              const team = r.teams.find((t) => teamName(t.team) === lost[1])!;
              expect(team.lostItems.length, at).toBe(Number(lost[2]));
            }
            if (/nothing was lost/.test(l.concept))
              expect(
                r.teams.every((t) => !t.contentLost),
                at,
              ).toBe(true);
            const coins = /^(Team \w+) spent (\d+) coins \((.*)\); (Team \w+) spent (\d+)\.$/.exec(l.text);
            if (coins) {
              // The dearer network first, every part it spent on named, and the concept its own.
              const [dear, other] = [coins[1], coins[4]].map(
                (n) => r.teams.find((t) => teamName(t.team) === n)!,
              );
              expect(dear!.coinsSpent, at).toBe(Number(coins[2]));
              expect(other!.coinsSpent, at).toBe(Number(coins[5]));
              expect(dear!.coinsSpent, at).toBeGreaterThanOrEqual(other!.coinsSpent);
              // Five parts, each rounded on its own: within 3 coins of the bill.
              const parts = [...coins[3]!.matchAll(/[a-z ]+ (\d+)/g)].map((m) => Number(m[1]));
              const sum = parts.reduce((x, y) => x + y, 0);
              expect(Math.abs(sum - dear!.coinsSpent), `${at}: ${l.text}`).toBeLessThanOrEqual(3);
              expect(l.concept, at).toMatch(
                dear!.team === "hub" ? /Client-server is expensive/ : /another way in/,
              );
            }
            const corrupt = /(\d+) corrupt chunks? reached (Team \w+)'s (users|peers)/.exec(l.text);
            if (corrupt) {
              const t = r.teams.find((t) => teamName(t.team) === corrupt[2])!;
              const kept = corrupt[3] === "users";
              expect(kept ? t.corruptDeliveries : t.corruptDiscarded, at).toBe(Number(corrupt[1]));
            }
          }
        }
      },
      LONG,
    );
  }

  it("a flash crowd the servers cannot serve is told as such; one that fits says both kept up", () => {
    const r = matchResult(runMatch(match("flash-crowd")));
    const line = debrief(r).find((l) => /flash|users arrive|joined/i.test(l.text));
    expect(line).toBeDefined();
    expect(line!.text).toMatch(/Team Hub kept \d+ %/);
    expect(line!.concept).not.toBe("");
  });
});

/**
 * Two equally short paths round a ring are chosen differently by the first tables and by the routing
 * protocol, which moves a team's total by up to a point either way (the speed score's typical wait is
 * each user's median, so a crowded path shows): that much is not play.
 */
const TIE_NOISE = 1;

/**
 * On every built-in scenario a team of bots does at least as well as the same team left idle (every
 * seat held by a player who never acts, routers keeping their first tables). The bots' matches are the
 * sweep's above.
 */
describe("the autopilot against idle seats", () => {
  for (const [name, sc] of Object.entries(BUILT_IN_SCENARIOS)) {
    const seeds = name === "district" ? 2 : 4;
    // District plays four matches of 400 nodes a side: 20 s on a busy 2-core machine.
    const timeout = name === "district" ? 90_000 : undefined;
    it(`${name}: bots do at least as well as idle seats (mean of ${seeds} seeds)`, { timeout }, () => {
      const r = botsAndIdle(name, sc, seeds);
      for (const team of ["hub", "swarm"] as Architecture[])
        expect(r.bots[team], `${team}: bots ${r.bots[team]} vs idle ${r.idle[team]}`).toBeGreaterThanOrEqual(
          r.idle[team] - TIE_NOISE,
        );
    });
  }
});
