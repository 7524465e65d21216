/**
 * The edge's own refusals (a body it cannot read, a missing key, another site, a busy server, a bad
 * address, options a solo game refuses) and a scenario's own checks arrive as codes; the screens make
 * the words, with the field, the limit or the subject the code carries.
 */
import { afterEach, expect, it, vi } from "vitest";
import { loadMatch, previewScenario, saveScenario } from "../../game-client/src/net/api";
import { errorWords, fieldWords, joinErrorWords } from "../../game-client/src/net/error-words";
import {
  BUILT_IN_SCENARIOS,
  parseScenario,
  type RefusalCode,
  type RefusalParams,
  refusal,
  refusalText,
} from "../../shared/index";

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown): void {
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify(body), { status }));
}

const words = (code: RefusalCode, params: RefusalParams = {}) =>
  errorWords({ refusal: refusal(code, params), message: "(the server's words)" }).message;

it("says why a body could not be read: its type, its size with the limit, its JSON, a field", () => {
  expect(words("send-json")).toBe("send JSON (content-type: application/json)");
  expect(words("body-too-large", { max: 262144 })).toBe("the body is larger than 262144 bytes");
  expect(words("body-not-json")).toBe("the body is not valid JSON");
  expect(words("bad-body", { field: "scenario", rule: "required" })).toBe("scenario: is required");
  expect(words("bad-body", { field: "scenario", rule: "invalid_type", expected: "string" })).toBe(
    "scenario: must be text",
  );
  expect(words("bad-body", { field: "body", rule: "unrecognized_keys", keys: "extra" })).toBe(
    'body: unknown field "extra"',
  );
});

it("says a missing key, another site, a busy server, a bad address and metrics that are off", async () => {
  expect(words("host-key-needed")).toBe(
    "The results history needs the host key of your classes (x-host-key).",
  );
  expect(words("edit-key-needed")).toMatch(/needs its edit key .*save a copy instead/);
  expect(words("cross-site")).toBe("Requests from other sites are not accepted.");
  expect(words("server-busy")).toBe("The server is busy: try again in a moment.");
  expect(words("too-many-requests")).toBe("Too many requests from your network: wait a few minutes.");
  expect(words("bad-address")).toMatch(/^The address is not valid/);
  expect(words("metrics-not-enabled")).toBe("Metrics are not enabled on this server.");
  expect(words("server-failed")).toBe("the server could not do that");
  // Through the teacher's API client, as a page meets them.
  answer(401, { error: "(words)", refusal: { code: "host-key-needed", params: {} } });
  await expect(loadMatch("", "m1")).rejects.toMatchObject({ status: 401, message: /host key/ });
  answer(413, { error: "(words)", refusal: { code: "body-too-large", params: { max: 262144 } } });
  await expect(saveScenario(BUILT_IN_SCENARIOS.calm!)).rejects.toThrow(
    "the body is larger than 262144 bytes",
  );
  answer(403, { code: 403, error: "(words)", refusal: { code: "cross-site", params: {} } });
  await expect(saveScenario(BUILT_IN_SCENARIOS.calm!)).rejects.toThrow(/other sites/);
});

it("says why a solo game or a join was refused at the edge, from the code packed in the error", () => {
  const solo = refusal("bad-solo-options", { field: "node", rule: "too_big", maximum: 24, of: "characters" });
  expect(joinErrorWords(new Error(refusalText(solo)))).toBe(
    "That game could not be opened (node: must be at most 24 characters): reload the page and try again.",
  );
  const both = refusal("bad-solo-options", { field: "options", rule: "scenario-or-level" });
  expect(joinErrorWords(new Error(refusalText(both)))).toMatch(
    /\(options: name a scenario or a level \(one of the two\)\)/,
  );
  expect(joinErrorWords(new Error(refusalText(refusal("cross-site"))))).toBe(
    "Requests from other sites are not accepted.",
  );
  expect(joinErrorWords(new Error(refusalText(refusal("server-busy"))))).toMatch(/busy/);
});

it("says a scenario's own checks by their reason and subject, not 'is not valid'", async () => {
  const calm = BUILT_IN_SCENARIOS.calm!;
  const broken = {
    ...calm,
    budget: 0,
    name: "",
    weights: { speed: 0, cost: 0, survival: 0 },
    failures: [{ kind: "crash", at: 999 }],
    map: {
      routers: [{ id: "R1", region: "north", x: 0, y: 0 }],
      links: [{ a: "R1", b: "R9", latency: 1, bandwidth: 4 }],
      servers: [{ id: "S1", router: "R1" }],
      users: [{ id: "R1", router: "R1" }],
    },
  };
  const parsed = parseScenario(broken);
  if (parsed.ok) throw new Error("the broken scenario passed");
  const said = fieldWords(parsed.issues);
  expect(said).toEqual(
    expect.arrayContaining([
      'map.links[0].b: there is no router "R9"',
      'map: the id "R1" is used twice',
      "budget: must be more than 0 coins",
      "name: must not be empty",
      "weights: must not all be 0",
      "failures[0].at: must be before the end of the round",
    ]),
  );
  expect(said!.join("\n")).not.toMatch(/is not valid/);
  // Each check's English line for a person reading JSON is still there, the same reasons.
  expect(parsed.errors).toEqual(expect.arrayContaining(['map.links[0].b: no router "R9"']));
  // The same, as a preview's refusal arrives.
  answer(400, {
    error: "(words)",
    errors: parsed.errors,
    refusal: { code: "scenario-not-valid", params: parsed.issues[0]! },
    issues: parsed.issues,
  });
  await expect(previewScenario(calm)).rejects.toMatchObject({
    errors: expect.arrayContaining(['map.links[0].b: there is no router "R9"']),
  });
});

it("says star thresholds that do not go up, crowds over the cap, and counts past their limit", () => {
  const say = (params: RefusalParams) => fieldWords([params])![0];
  expect(say({ field: "level.stars.speed", rule: "stars-go-up" })).toBe(
    "level.stars.speed: must go up: one star, two stars, three stars",
  );
  expect(say({ field: "level.stars.cost", rule: "between", minimum: 0, maximum: 100 })).toBe(
    "level.stars.cost: must be between 0 and 100",
  );
  expect(say({ field: "failures", rule: "too-many-people", people: 450, maximum: 400 })).toMatch(
    /^failures: the flash crowds would bring the network to 450 users: at most 400/,
  );
  expect(say({ field: "failures[0].magnitude", rule: "whole-up-to", maximum: 100 })).toBe(
    "failures[0].magnitude: must be a whole number up to 100",
  );
  expect(say({ field: "level.goals", rule: "too_small", minimum: 1, of: "items" })).toBe(
    "level.goals: needs at least one",
  );
  expect(say({ field: "level.hints", rule: "no-hint" })).toBe("level.hints: needs at least one hint");
  // A number's limit keeps its unit, one or many; an id says its form.
  expect(say({ field: "duration", rule: "too_small", minimum: 10, unit: "seconds" })).toBe(
    "duration: must be at least 10 seconds",
  );
  expect(say({ field: "map.latency", rule: "too_small", minimum: 1, unit: "ticks" })).toBe(
    "map.latency: must be at least 1 tick",
  );
  expect(say({ field: "budget", rule: "too_small", above: 0, unit: "coins" })).toBe(
    "budget: must be more than 0 coins",
  );
  expect(say({ field: "map.routers[0].id", rule: "id-form", maximum: 16 })).toBe(
    "map.routers[0].id: must start with a letter and use at most 16 letters, digits or '_'",
  );
});
