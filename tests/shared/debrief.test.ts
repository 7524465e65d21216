import { describe, expect, it } from "vitest";
import { debrief, matchResult, runMatch } from "../../shared/index";
import { match } from "./helpers";

describe("the debrief", () => {
  it("tells what a crash did to each team, in this match's own numbers", () => {
    const lessons = debrief(matchResult(runMatch(match("server-crash"))));
    const crash = lessons.find((l) => /crashed/.test(l.text))!;
    expect(crash.text).toMatch(/^At 1:00: Server 1 crashed/);
    const hubKept = Number(/Team Hub kept (\d+) %/.exec(crash.text)![1]);
    expect(hubKept).toBeLessThan(5); // only chunks already on the wire still land
    const swarmKept = Number(/Team Swarm kept (\d+) %/.exec(crash.text)![1]);
    expect(swarmKept).toBeGreaterThan(50);
    expect(crash.concept).toMatch(/single point of failure/);
    expect(lessons.some((l) => /spent/.test(l.text) && /expensive/.test(l.concept))).toBe(true);
  });

  it("names lost data and corrupt chunks when they happened, and only then", () => {
    const lost = debrief(matchResult(runMatch(match("seeds-leave"))));
    expect(lost.some((l) => /Team Swarm lost \d+ item\(s\) for good/.test(l.text))).toBe(true);
    const calm = debrief(matchResult(runMatch(match("calm"))));
    expect(calm.some((l) => /lost|corrupt|wiretap/.test(l.text))).toBe(false);
    const cheat = debrief(matchResult(runMatch(match("malicious-peer"))));
    expect(cheat.some((l) => /corrupt chunks reached Team Swarm/.test(l.text))).toBe(true);
  });

  it("explains a router crash as a routing lesson, not a server one", () => {
    const m = match("calm", { failures: [{ kind: "crash", at: 30, duration: 20, target: "R2" }] });
    const crash = debrief(matchResult(runMatch(m))).find((l) => /Router 2 crashed/.test(l.text))!;
    expect(crash.concept).toMatch(/another path/);
  });
});
