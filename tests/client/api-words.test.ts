/** A teacher's screen words the HTTP API's refusals from their code; other answers keep the server's words. */
import { afterEach, expect, it, vi } from "vitest";
import { loadMatch, loadScenario, previewScenario } from "../../game-client/src/net/api";
import { BUILT_IN_SCENARIOS } from "../../shared/index";

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown): void {
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify(body), { status }));
}

it("says a refused request from its code and parameters, not the server's words", async () => {
  answer(404, {
    error: "(the server's words)",
    refusal: { code: "no-saved-scenario", params: { code: "AB12CD" } },
  });
  await expect(loadScenario("AB12CD")).rejects.toThrow("No saved scenario with code AB12CD.");
  answer(404, { error: "(the server's words)", refusal: { code: "no-match-in-history", params: {} } });
  await expect(loadMatch("key", "m1")).rejects.toMatchObject({
    status: 404,
    message: "No such match in your history.",
  });
});

it("keeps the server's words for an answer without a code, or with one this page does not know", async () => {
  answer(400, { error: "mode: must be versus or coop", errors: ["mode: must be versus or coop"] });
  await expect(loadScenario("calm")).rejects.toThrow("mode: must be versus or coop");
  answer(503, { error: "Try later.", refusal: { code: "constructor", params: {} } });
  await expect(loadScenario("calm")).rejects.toThrow("Try later.");
});

it("lists a scenario's wrong fields from their codes: the field, the rule broken and its limit", async () => {
  answer(400, {
    error: "the scenario is not valid: duration: must be at least 10 seconds",
    errors: ["duration: must be at least 10 seconds", "budget: (the server's words)"],
    refusal: { code: "scenario-not-valid", params: { field: "duration", rule: "too_small", minimum: 10 } },
    issues: [
      { field: "duration", rule: "too_small", minimum: 10 },
      { field: "topology", rule: "invalid_value", values: "hub, swarm, versus" },
      { field: "name", rule: "required" },
      { field: "map.links[0].b", rule: "custom" },
    ],
  });
  await expect(previewScenario(BUILT_IN_SCENARIOS.calm!)).rejects.toMatchObject({
    status: 400,
    message: "The scenario is not valid: duration: must be at least 10.",
    errors: [
      "duration: must be at least 10",
      "topology: must be one of hub, swarm, versus",
      "name: is required",
      "map.links[0].b: is not valid",
    ],
  });
  // Without issues (or with ones it cannot read), the server's English list is kept.
  answer(400, { error: "x", errors: ["budget: (the server's words)"], issues: [{ rule: 1 }] });
  await expect(previewScenario(BUILT_IN_SCENARIOS.calm!)).rejects.toMatchObject({
    errors: ["budget: (the server's words)"],
  });
});

it("says the API's own refusals from their codes: an unknown endpoint or file, the metrics key", async () => {
  answer(404, { error: "(words)", refusal: { code: "no-file", params: { file: "x.csv" } } });
  await expect(loadMatch("key", "m1")).rejects.toThrow("no such file: x.csv");
  answer(404, {
    error: "(words)",
    refusal: { code: "no-endpoint", params: { method: "GET", path: "/api/x" } },
  });
  await expect(loadMatch("key", "m1")).rejects.toThrow("no such endpoint: GET /api/x");
  answer(401, { error: "(words)", refusal: { code: "metrics-key-needed", params: {} } });
  await expect(loadMatch("key", "m1")).rejects.toThrow(/operator's key/);
});
