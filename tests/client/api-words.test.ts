/** A teacher's screen words the HTTP API's refusals from their code; other answers keep the server's words. */
import { afterEach, expect, it, vi } from "vitest";
import { loadMatch, loadScenario } from "../../game-client/src/net/api";

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
