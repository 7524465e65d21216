/** Refusals are codes with parameters; words are made from them where they are shown. */
import { describe, expect, it } from "vitest";
import {
  createMatch,
  isRefusalCode,
  REFUSAL_CODES,
  refusalWords,
  stepMatch,
  submitIntent,
} from "../../shared/index";
import { scenario } from "./helpers";

describe("refusals", () => {
  it("a refused decision names its code and parameters, and its words come from them", () => {
    const m = createMatch(scenario("calm", { topology: "hub" }));
    submitIntent(m, { kind: "host" }, { type: "assign", team: "hub", node: "S1", player: "p" });
    stepMatch(m);
    const r = submitIntent(m, { kind: "player", id: "p" }, { type: "restore", team: "hub", node: "S1" });
    expect(r).toEqual({
      ok: false,
      refusal: { code: "disk-fine", params: {} },
      reason: "nothing to restore: the disk is fine",
    });
    const other = submitIntent(m, { kind: "player", id: "p" }, { type: "upgrade", team: "hub", node: "S2" });
    expect(other.ok).toBe(false);
    if (!other.ok) {
      expect(other.refusal).toEqual({ code: "not-yours", params: { node: "Server 2" } });
      expect(refusalWords(other.refusal)).toBe("you do not hold Server 2");
    }
  });

  it("every code has words, and only known codes are codes", () => {
    for (const code of REFUSAL_CODES) expect(refusalWords({ code, params: {} }).length).toBeGreaterThan(3);
    expect(isRefusalCode("disk-fine")).toBe(true);
    expect(isRefusalCode("toString")).toBe(false);
    expect(isRefusalCode("made-up")).toBe(false);
  });
});
