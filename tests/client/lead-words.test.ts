/**
 * The top bar's leader line: in a classroom, each team against its autopilot so far, judged by the
 * results' own rule; in a level with two networks, the networks' totals.
 */
import { describe, expect, it } from "vitest";
import { isCompetition, leadOf, standingWords } from "../../game-client/src/ui/lead-words";

const teams = (hub: [number, number], swarm: [number, number]) => [
  { team: "hub", name: "Team Hub", total: hub[0], standing: hub[1] },
  { team: "swarm", name: "Team Swarm", total: swarm[0], standing: swarm[1] },
];

describe("who leads", () => {
  it("in a classroom, the team further ahead of its autopilot, not the network with the higher total", () => {
    // The hub's network scores higher; the swarm played its own network better.
    const lead = leadOf(teams([77, 98], [67, 106]))!;
    expect(lead.text).toBe("Swarm leads");
    expect(lead.team).toBe("swarm");
    expect(lead.title).toMatch(/autopilot/);
  });

  it("within 4 % of each other is too close to call, and equal is level", () => {
    expect(leadOf(teams([77, 103], [67, 99]))).toMatchObject({ text: "Too close to call", team: null });
    expect(leadOf(teams([77, 100], [67, 100]))).toMatchObject({ text: "Level pegging", team: null });
    expect(leadOf(teams([77, 105], [67, 100]))).toMatchObject({ text: "Hub leads", team: "hub" });
  });

  it("without a live standing (a level, the school network), the networks' totals", () => {
    expect(isCompetition(teams([77, -1], [67, -1]))).toBe(false);
    expect(leadOf(teams([77, -1], [67, -1]))).toMatchObject({ text: "Hub leads by 10", team: "hub" });
    expect(leadOf(teams([70, -1], [70, -1]))).toMatchObject({ text: "Level pegging", team: null });
    // A co-op class: one network against its autopilot, nobody to lead.
    const coop = [{ team: "hub", name: "Team Hub", total: 50, standing: 120 }];
    expect(isCompetition(coop)).toBe(true);
    expect(leadOf(coop, true)).toBeNull();
  });

  it("a classroom on a network too large to follow live names the leading network, not a winner", () => {
    const lead = leadOf(teams([77, -1], [67, -1]), true)!;
    expect(lead).toMatchObject({ text: "Hub's network ahead by 10", team: "hub" });
    expect(lead.title).toMatch(/decided at the end/);
    expect(leadOf(teams([70, -1], [70, -1]), true)).toMatchObject({ text: "Networks level", team: null });
    // Followed live, the classroom's line is the competition's.
    expect(leadOf(teams([77, 98], [67, 106]), true)).toMatchObject({ text: "Swarm leads" });
  });

  it("a standing in words: what the team gained on its autopilot", () => {
    expect(standingWords(107)).toBe("+7 %");
    expect(standingWords(95)).toBe("\u22125 %");
    expect(standingWords(100)).toBe("\u00b10 %");
  });
});
