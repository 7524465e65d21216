/**
 * The teacher tools' HTTP API over a real server and database: saving and sharing scenarios, the
 * edit key, every kind of bad body, the preview, classes hosted from a saved scenario, stored results,
 * the history and its CSV files, and a restart that loses nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSecret } from "../../game-server/src/secrets/codes";
import {
  type Banner,
  BUILT_IN_SCENARIOS,
  loggedWords,
  type MatchSummary,
  type Preview,
  type SavedScenario,
  type Scenario,
  type StoredMatch,
} from "../../shared/index";
import { boot, type Harness, nextMessage, quiet, stateOf, until } from "./harness";

let dir = "";
let h: Harness;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hub-swarm-api-"));
  h = await boot(join(dir, "db"));
});
afterAll(async () => {
  await h?.server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A teacher's own scenario: the calm built-in, shorter, with two scheduled failures. */
const mine: Scenario = {
  ...BUILT_IN_SCENARIOS.calm!,
  name: "Our network on Friday",
  duration: 40,
  failures: [
    { kind: "crash", at: 5, duration: 10, target: "role:source" },
    { kind: "link-cut", at: 12, duration: 8, target: "random" },
  ],
};

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function history(path: string, hostKey: string) {
  return fetch(`${h.server.url}/api/history${path}`, { headers: { "x-host-key": hostKey } });
}

/** Counted in the database the API writes to: "writes nothing" is checked, not assumed. */
const savedCount = () => h.server.store.scenarios.count();

describe("saved scenarios", () => {
  it("saves a scenario, hands out a share code and an edit key, and anyone can load it by code", async () => {
    const saved = await send("POST", "/api/scenarios", { scenario: mine });
    expect(saved.status).toBe(201);
    const { id, editKey } = saved.json as { id: string; editKey: string };
    expect(id).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(editKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const loaded = await h.get(`/api/scenarios/${id.toLowerCase()}`);
    expect(loaded.status).toBe(200);
    expect((loaded.json as unknown as SavedScenario).scenario).toEqual(mine);
    expect(loaded.json).not.toHaveProperty("editKey");
    const builtIn = await h.get("/api/scenarios/server-crash");
    expect(builtIn.json).toMatchObject({ id: "server-crash", builtIn: true });
    expect((await h.get("/api/scenarios/QQQQQQ")).status).toBe(404);
    const bad = (await h.get("/api/scenarios/nope!")).json;
    expect(bad.error).toMatch(/6 letters and digits/);
    expect(bad.refusal).toEqual({ code: "bad-scenario-code", params: {} });
  });

  it("changes a saved scenario only with its edit key", async () => {
    const { id, editKey } = (await send("POST", "/api/scenarios", { scenario: mine })).json as {
      id: string;
      editKey: string;
    };
    const changed = { ...mine, name: "Changed" };
    const noKey = await send("PUT", `/api/scenarios/${id}`, { scenario: changed });
    expect(noKey.status).toBe(401);
    expect(noKey.json.error).toMatch(/edit key/);
    expect(noKey.json.refusal).toEqual({ code: "edit-key-needed", params: {} });
    const wrongKey = await send(
      "PUT",
      `/api/scenarios/${id}`,
      { scenario: changed },
      { "x-edit-key": newSecret() },
    );
    expect(wrongKey.status).toBe(403);
    expect((await h.get(`/api/scenarios/${id}`)).json.scenario).toMatchObject({ name: mine.name });
    const ok = await send("PUT", `/api/scenarios/${id}`, { scenario: changed }, { "x-edit-key": editKey });
    expect(ok.status).toBe(200);
    expect((await h.get(`/api/scenarios/${id}`)).json.scenario).toMatchObject({ name: "Changed" });
    const missing = await send(
      "PUT",
      "/api/scenarios/QQQQQQ",
      { scenario: changed },
      { "x-edit-key": editKey },
    );
    expect(missing.status).toBe(404);
  });

  it("refuses every kind of bad body with a 4xx and a message, and writes nothing", async () => {
    const before = await savedCount();
    const cases: [unknown, number, RegExp][] = [
      ["{oops", 400, /not valid JSON/],
      [{ scenario: { ...mine, duration: 5 } }, 400, /duration: must be at least 10 seconds/],
      [
        { scenario: { ...mine, failures: [{ kind: "meteor", at: 1 }] } },
        400,
        /failures\[0\]\.kind: must be one of/,
      ],
      [
        { scenario: { ...mine, failures: [{ kind: "crash", at: 99 }] } },
        400,
        /failures\[0\]\.at: must be before the end/,
      ],
      [{ scenario: { ...mine, name: "" } }, 400, /name: must not be empty/],
      [{ scenario: { ...mine, hacker: true } }, 400, /unknown field "hacker"/],
      [{ scenario: "a string" }, 400, /must be an object/],
      [{ scenario: mine, extra: 1 }, 400, /unknown|Unrecognized/i],
      [{}, 400, /scenario/],
      [null, 400, /body/],
      [[mine], 400, /body/],
    ];
    for (const [body, status, message] of cases) {
      const r = await send("POST", "/api/scenarios", body);
      expect(r.status, JSON.stringify(body)?.slice(0, 80)).toBe(status);
      expect(r.json.error, JSON.stringify(r.json)).toMatch(message);
      expect(r.json.refusal, JSON.stringify(r.json)).toEqual(
        expect.objectContaining({ code: expect.any(String) }),
      );
    }
    // The same refusals as codes: the JSON, a body's field, the scenario's own checks with their subject.
    expect((await send("POST", "/api/scenarios", "{oops")).json.refusal).toEqual({
      code: "body-not-json",
      params: {},
    });
    expect((await send("POST", "/api/scenarios", {})).json.refusal).toEqual({
      code: "bad-body",
      params: { field: "scenario", rule: "required" },
    });
    expect((await send("POST", "/api/scenarios", { scenario: mine, extra: 1 })).json.refusal).toEqual({
      code: "bad-body",
      params: { field: "body", rule: "unrecognized_keys", keys: "extra" },
    });
    const late = await send("POST", "/api/scenarios", {
      scenario: { ...mine, failures: [{ kind: "crash", at: 99 }] },
    });
    expect(late.json.refusal).toEqual({
      code: "scenario-not-valid",
      params: { field: "failures[0].at", rule: "after-the-end" },
    });
    const nowhere = {
      ...mine,
      map: {
        routers: [{ id: "R1", region: "north", x: 0, y: 0 }],
        links: [{ a: "R1", b: "R9", latency: 1, bandwidth: 4 }],
        servers: [{ id: "S1", router: "R1" }],
        users: [{ id: "U1", router: "R1" }],
      },
    };
    const unknownRouter = await send("POST", "/api/scenarios", { scenario: nowhere });
    expect(unknownRouter.json.errors).toContain('map.links[0].b: no router "R9"');
    expect(unknownRouter.json.issues).toContainEqual({
      field: "map.links[0].b",
      rule: "unknown-router",
      router: "R9",
    });
    // Every field that is wrong is listed, not just the first.
    const several = await send("POST", "/api/scenarios", { scenario: { ...mine, duration: 5, budget: -1 } });
    expect(several.json.errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^duration:/), expect.stringMatching(/^budget:/)]),
    );
    // The same fields as codes for a screen to word: the field, the rule broken and its limit.
    expect(several.json.issues).toEqual(
      expect.arrayContaining([
        { field: "duration", rule: "too_small", minimum: 10, unit: "seconds" },
        expect.objectContaining({ field: "budget", rule: "too_small" }),
      ]),
    );
    expect(several.json.refusal).toMatchObject({ code: "scenario-not-valid", params: { field: "duration" } });
    const notJson = await fetch(`${h.server.url}/api/scenarios`, {
      method: "POST",
      body: JSON.stringify({ scenario: mine }),
    });
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toEqual({
      error: "send JSON (content-type: application/json)",
      refusal: { code: "send-json", params: {} },
    });
    const huge = await send("POST", "/api/scenarios", {
      scenario: { ...mine, description: "x".repeat(400_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json).toEqual({
      error: `the body is larger than ${256 * 1024} bytes`,
      refusal: { code: "body-too-large", params: { max: 256 * 1024 } },
    });
    expect(await savedCount()).toBe(before);
  });
});

describe("preview", () => {
  it("runs the scenario headless with bots: scores for both teams and goodput with the failures marked", async () => {
    const r = await send("POST", "/api/preview", { scenario: { ...mine, topology: "versus" } });
    expect(r.status).toBe(200);
    const p = r.json as unknown as Preview;
    expect(p.teams.map((t) => t.team)).toEqual(["hub", "swarm"]);
    for (const t of p.teams) {
      expect(t.goodputPerSecond).toHaveLength(40);
      expect(t.scores.total).toBeGreaterThan(0);
      expect(t.failures.map((f) => f.kind)).toEqual(["crash", "link-cut"]);
      expect(t.failures[0]!.startSecond).toBe(5);
    }
    // The failures are felt: the same network without them scores higher for the hub.
    const calmer = (
      await send("POST", "/api/preview", { scenario: { ...mine, topology: "versus", failures: [] } })
    ).json as unknown as Preview;
    expect(calmer.teams[0]!.scores.total).toBeGreaterThan(p.teams[0]!.scores.total);
    const hubOnly = (await send("POST", "/api/preview", { scenario: { ...mine, topology: "hub" } }))
      .json as unknown as Preview;
    expect(hubOnly.teams.map((t) => t.team)).toEqual(["hub"]);
    const bad = await send("POST", "/api/preview", {
      scenario: { ...mine, weights: { speed: 0, cost: 0, survival: 0 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/weights: must not all be 0/);
  });
});

describe("classes from saved scenarios, stored results and the history", () => {
  it("hosts a saved scenario by code, stores the finished match once, and lists it by host key", async () => {
    const { id: shareCode } = (await send("POST", "/api/scenarios", { scenario: mine })).json as {
      id: string;
    };
    const made = await h.createClass({ scenario: shareCode, mode: "versus" });
    const c = h.client();
    const host = quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
    const ann = quiet(await c.joinById(made.code, { nickname: "Ann" }));
    await until(() => stateOf(host).players.size === 1, 5000, "Ann seated");
    expect(stateOf(host).scenario).toBe(mine.name);
    host.send("host", { type: "start" });
    await until(() => stateOf(host).phase === "playing", 10_000, "playing");
    const crashed = nextMessage(ann, "banner", 5000, (b: Banner) => b.event.code === "crashed");
    host.send("host", { type: "trigger", failure: { kind: "crash", target: "role:router" } });
    await crashed;
    const results = nextMessage(ann, "results", 5000);
    host.send("host", { type: "end" });
    await results;

    // The teacher's next class reuses the key: one history.
    const again = await h.createClass({ scenario: "calm", hostKey: made.hostKey });
    expect(again.hostKey).toBe(made.hostKey);

    let list: MatchSummary[] = [];
    for (let i = 0; i < 50 && list.length === 0; i++) {
      list = ((await (await history("", made.hostKey)).json()) as { matches: MatchSummary[] }).matches;
      if (!list.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(list).toHaveLength(1);
    const summary = list[0]!;
    expect(summary).toMatchObject({
      scenario: mine.name,
      scenarioCode: shareCode,
      roomCode: made.code,
      status: "finished",
      players: 1,
    });
    expect(summary.teams.map((t) => t.team)).toEqual(["hub", "swarm"]);

    const full = (await (await history(`/${summary.id}`, made.hostKey)).json()) as StoredMatch;
    expect(full.scenarioDocument.failures).toHaveLength(2);
    expect(full.result.players.find((p) => p.holder === "Ann")).toBeDefined();
    expect(full.events.some((e) => /crashed/i.test(loggedWords(e)))).toBe(true);

    const players = await history(`/${summary.id}/players.csv`, made.hostKey);
    expect(players.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await players.text()).trim().split("\r\n");
    expect(lines[0]).toBe("nickname,team,role,node,points,packets_forwarded,chunks_served");
    expect(lines).toHaveLength(full.result.players.length + 1);
    const annRow = lines.find((l) => l.startsWith("Ann,"))!;
    const annResult = full.result.players.find((p) => p.holder === "Ann")!;
    expect(annRow.split(",")).toEqual([
      "Ann",
      annResult.team,
      annResult.role,
      annResult.node,
      String(annResult.points),
      String(annResult.forwarded),
      String(annResult.chunksServed),
    ]);
    const teams = (await (await history(`/${summary.id}/teams.csv`, made.hostKey)).text())
      .trim()
      .split("\r\n");
    expect(teams[0]).toBe(
      "team,name,speed,cost,survival,total,items_completed,coins_spent,autopilot_total,against_autopilot_percent",
    );
    expect(teams.slice(1).map((l) => l.split(",")[0])).toEqual(["hub", "swarm"]);
    const hub = full.result.teams.find((t) => t.team === "hub")!;
    const hubRow = teams[1]!.split(",");
    expect(Number(hubRow[5])).toBe(Math.round(hub.scores.total));
    expect(hubRow[1]).toBe("Team Hub"); // a spreadsheet reads the team's name in words
    // The teams competition: the class against its autopilot twin, as on the results screen.
    expect(hub.againstAutopilot).not.toBeNull();
    expect(hubRow.slice(8).map(Number)).toEqual([hub.autopilotTotal, hub.againstAutopilot]);

    // Another key sees nothing; no key is told what is needed.
    const other = newSecret();
    expect(((await (await history("", other)).json()) as { matches: unknown[] }).matches).toEqual([]);
    const notYours = await history(`/${summary.id}`, other);
    expect(notYours.status).toBe(404);
    expect(((await notYours.json()) as { refusal: unknown }).refusal).toEqual({
      code: "no-match-in-history",
      params: {},
    });
    expect((await history(`/${summary.id}/players.csv`, other)).status).toBe(404);
    const noFile = await history(`/${summary.id}/scores.csv`, made.hostKey);
    expect(noFile.status).toBe(404);
    expect(await noFile.json()).toEqual({
      error: "no such file: scores.csv",
      refusal: { code: "no-file", params: { file: "scores.csv" } },
    });
    const noKey = await fetch(`${h.server.url}/api/history`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({
      error: expect.stringMatching(/host key/),
      refusal: { code: "host-key-needed", params: {} },
    });
    expect((await history("/not-an-id", made.hostKey)).status).toBe(404);
    expect((await h.post("/api/classes", { scenario: "calm", hostKey: "short" })).status).toBe(400);
    expect((await h.post("/api/classes", { scenario: "QQQQQQ" })).status).toBe(404);

    // A share link: nothing until the teacher shares the match, then its replay without a key, with
    // Ann numbered rather than named; another key cannot share it; stopping closes the link again.
    const watch = () => fetch(`${h.server.url}/api/watch/${summary.id}`);
    const share = (shared: unknown, key = made.hostKey) =>
      send("PUT", `/api/history/${summary.id}/share`, { shared }, { "x-host-key": key });
    const notShared = await watch();
    expect(notShared.status).toBe(404);
    expect((await share(true, other)).status).toBe(404);
    expect((await send("PUT", `/api/history/${summary.id}/share`, { shared: true })).status).toBe(401);
    expect((await share("yes")).status).toBe(400);
    expect((await watch()).status).toBe(404);
    expect((await share(true)).json).toEqual({ shared: true });
    const open = await watch();
    expect(open.status).toBe(200);
    const shown = (await open.json()) as StoredMatch;
    expect(JSON.stringify(shown)).not.toContain("Ann");
    expect(shown.result.players.filter((p) => p.holder !== null).map((p) => p.holder)).toEqual(["Player 1"]);
    expect(Object.values(shown.result.names!)).toEqual(["Player 1"]);
    expect(shown.result.intents).toEqual(full.result.intents);
    expect(((await (await history(`/${summary.id}`, made.hostKey)).json()) as StoredMatch).shared).toBe(true);
    expect((await share(false)).json).toEqual({ shared: false });
    const closed = await watch();
    expect(closed.status).toBe(404);
    expect(await closed.json()).toEqual(await notShared.json());
    host.leave();
    ann.leave();
  });

  it("keeps saved scenarios and results across a server restart", async () => {
    const { id } = (await send("POST", "/api/scenarios", { scenario: { ...mine, name: "Kept" } })).json as {
      id: string;
    };
    const made = await h.createClass({ scenario: "calm" });
    const c = h.client();
    const host = quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
    host.send("host", { type: "start" });
    await until(() => stateOf(host).phase === "playing", 10_000, "playing");
    host.send("host", { type: "end" });
    await until(() => stateOf(host).phase === "results", 3000, "results");
    let stored = 0;
    for (let i = 0; i < 50 && stored === 0; i++) {
      stored = ((await (await history("", made.hostKey)).json()) as { matches: unknown[] }).matches.length;
      if (!stored) await new Promise((r) => setTimeout(r, 100));
    }
    expect(stored).toBe(1);
    host.leave();
    await h.server.close();
    h = await boot(join(dir, "db"));
    expect((await h.get(`/api/scenarios/${id}`)).json.scenario).toMatchObject({ name: "Kept" });
    const list = ((await (await history("", made.hostKey)).json()) as { matches: MatchSummary[] }).matches;
    expect(list).toHaveLength(1);
    expect(list[0]!.scenario).toBe(BUILT_IN_SCENARIOS.calm!.name);
  });
});
