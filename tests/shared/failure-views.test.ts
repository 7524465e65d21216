/** The failures a screen sees: typed fields, each team's own words, the schedule as records. */
import { describe, expect, it } from "vitest";
import {
  createMatch,
  effectWords,
  PLAIN_VIEWS,
  parOf,
  plainNetworkView,
  runMatch,
  stepMatch,
} from "../../shared/index";
import { initTeams, newProjection, projectMatch } from "../../shared/projection";
import { scenario } from "./helpers";

describe("failure views", () => {
  it("lists what is still scheduled, and each team's own note once a failure starts", () => {
    const sc = scenario("calm", {
      topology: "versus",
      duration: 30,
      failures: [
        { kind: "crash", at: 2, duration: 5, target: "role:source" },
        { kind: "link-cut", at: 4, target: "R1-R2" },
      ],
    });
    const par = parOf(runMatch(createMatch(sc)));
    const m = createMatch(sc);
    const view = plainNetworkView();
    initTeams(view, m, PLAIN_VIEWS);
    const proj = newProjection(PLAIN_VIEWS);
    const project = () => projectMatch(view, m, proj, (p) => p, par);
    project();
    expect([...view.upcoming.values()]).toEqual([
      { kind: "crash", at: 2, target: "role:source", duration: 5 },
      { kind: "link-cut", at: 4, target: "R1-R2", duration: 0 },
    ]);
    while (m.tick < 25) stepMatch(m);
    project();
    expect([...view.upcoming.values()].map((u) => u.kind)).toEqual(["link-cut"]);
    const [crash] = [...view.failures.values()];
    expect(crash).toMatchObject({ kind: "crash", hubTarget: "S2", swarmTarget: "S2" });
    expect(crash!.hubEvent.code).toBe("crashed");
    expect(effectWords(crash!)).toEqual(["Server 2 crashed", "Seed 2 crashed"]);
    while (m.tick < 45) stepMatch(m);
    project();
    expect(view.upcoming.size).toBe(0);
    expect(view.failures.size).toBe(2);
  });
});
