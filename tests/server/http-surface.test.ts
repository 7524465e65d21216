/**
 * The HTTP surface (game-server/THREATS.md, T16–T19): addresses that do not decode, files outside the
 * built client or not meant for browsers, the security headers, the operator-only metrics, and bodies
 * that miss a field. The server serves a client folder made here, with a sibling folder next to it
 * whose name starts the same way, so an escape from the folder has something to find.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECURITY_HEADERS } from "../../game-server/src/http/headers";
import { boot, type Harness } from "./harness";

const SECRET = "the sibling folder's secret";
let h: Harness;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "hub-swarm-static-"));
  const dist = join(root, "dist");
  mkdirSync(join(dist, "assets"), { recursive: true });
  mkdirSync(join(root, "dist-old"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>the client</title>");
  writeFileSync(join(dist, "assets", "app.js"), "console.log('app');");
  writeFileSync(join(dist, "assets", "app.js.map"), '{"version":3,"sources":["../src/app.ts"]}');
  writeFileSync(join(dist, "README.md"), "# notes not meant for browsers");
  writeFileSync(join(dist, ".hidden.json"), "{}");
  writeFileSync(join(root, "dist-old", "secret.txt"), SECRET);
  h = await boot("memory://", 100, { clientDir: dist });
});
afterAll(async () => {
  await h.server.close();
  rmSync(root, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as written (fetch would normalise some of these). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: h.server.port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const json = (a: Answer) =>
  JSON.parse(a.body) as { error?: string; errors?: string[] } & Record<string, unknown>;

describe("the HTTP surface", () => {
  it("T16 malformed escapes answer 400, never 500", async () => {
    const api: [string, string][] = [
      ["GET", "/api/scenarios/%E0%A4%A"],
      ["GET", "/api/scenarios/%"],
      ["GET", "/api/classes/%zz"],
      ["GET", "/api/join/%"],
      ["GET", "/api/scenarios/%00"],
      ["PUT", "/api/scenarios/%E0%A4%A"],
    ];
    for (const [method, path] of api) {
      const body = method === "PUT" ? JSON.stringify({ scenario: {} }) : undefined;
      const a = await raw(method, path, { "content-type": "application/json" }, body);
      expect(a.status, `${method} ${path}`).toBe(400);
      expect(json(a).error, `${method} ${path}`).toMatch(/address is not valid/);
      expect(json(a).refusal, `${method} ${path}`).toEqual({ code: "bad-address", params: {} });
    }
    for (const path of ["/%", "/%ff", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%00.js", "//:", "//[x"]) {
      const a = await raw("GET", path);
      expect(a.status, path).toBe(400);
      expect(a.headers["content-type"], path).toMatch(/^text\/plain/);
    }
    // Escapes that decode to a stray "%": whatever a handler makes of it, it is never a 500.
    for (const path of ["/api/join/%25", "/api/classes/%25", "/api/scenarios/%25zz"]) {
      const a = await raw("GET", path);
      expect(a.status, path).toBeLessThan(500);
      expect(json(a).error, path).toEqual(expect.any(String));
    }
    // Well-formed escapes still decode: a built-in scenario by an escaped id.
    expect((await raw("GET", "/api/scenarios/%63alm")).status).toBe(200);
  });

  it("T17 only the client's own files, of the kinds a browser needs, are served", async () => {
    for (const path of [
      "/..%2fdist-old/secret.txt",
      "/%2e%2e%2fdist-old/secret.txt",
      "/../dist-old/secret.txt",
    ]) {
      const a = await raw("GET", path);
      expect(a.status, path).not.toBe(200);
      expect(a.body, path).not.toContain(SECRET);
    }
    for (const path of ["/README.md", "/assets/app.js.map", "/.hidden.json"]) {
      const a = await raw("GET", path);
      expect(a.status, path).toBe(404);
      expect(a.body, path).not.toMatch(/notes|version|\{\}/);
    }
    const app = await raw("GET", "/assets/app.js");
    expect(app.status).toBe(200);
    expect(app.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(app.headers["cache-control"]).toMatch(/immutable/);
    for (const path of ["/", "/join", "/assets/"]) {
      const page = await raw("GET", path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain("the client");
    }
    expect((await raw("POST", "/")).status).toBe(405);
  });

  it("T18 every page, API answer and error carries the security headers", async () => {
    const answers = {
      page: await raw("GET", "/"),
      api: await raw("GET", "/api/scenarios"),
      "api 404": await raw("GET", "/api/nope"),
      "file 404": await raw("GET", "/nope.js"),
      "bad escape": await raw("GET", "/%"),
      "not allowed": await raw("DELETE", "/"),
    };
    // An unknown endpoint is named in English for a person and as a code for a screen.
    expect(json(answers["api 404"])).toEqual({
      error: "no such endpoint: GET /api/nope",
      refusal: { code: "no-endpoint", params: { method: "GET", path: "/api/nope" } },
    });
    for (const [what, a] of Object.entries(answers))
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(a.headers[name], `${what}: ${name}`).toBe(value);
    const csp = SECURITY_HEADERS["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
  });

  it("T19 metrics need the operator's key: 404 without METRICS_KEY, 401 with a wrong key", async () => {
    const before = process.env.METRICS_KEY;
    try {
      delete process.env.METRICS_KEY;
      const off = await raw("GET", "/api/metrics");
      expect(off.status).toBe(404);
      expect(json(off)).toEqual({
        error: "Metrics are not enabled on this server.",
        refusal: { code: "metrics-not-enabled", params: {} },
      });
      expect((await raw("GET", "/api/metrics?reset=1", { "x-metrics-key": "" })).status).toBe(404);
      process.env.METRICS_KEY = "operator-key-0123456789abcdef";
      expect((await raw("GET", "/api/metrics")).status).toBe(401);
      expect((await raw("GET", "/api/metrics?reset=1", { "x-metrics-key": "guess" })).status).toBe(401);
      const wrong = await raw("GET", "/api/metrics", { "x-metrics-key": "operator-key-0123456789abcdeF" });
      expect(wrong.status).toBe(401);
      expect(json(wrong)).not.toHaveProperty("rooms");
      expect(json(wrong)).toMatchObject({ refusal: { code: "metrics-key-needed", params: {} } });
      const right = await raw("GET", "/api/metrics?reset=1", { "x-metrics-key": process.env.METRICS_KEY });
      expect(right.status).toBe(200);
      expect(json(right)).toHaveProperty("rooms");
    } finally {
      if (before === undefined) delete process.env.METRICS_KEY;
      else process.env.METRICS_KEY = before;
    }
  });

  it("a body without a required field names the field in words, and as a code with the rule broken", async () => {
    const cases: [string, unknown, RegExp, Record<string, string | number>][] = [
      ["/api/classes", {}, /^scenario: is required$/, { field: "scenario", rule: "required" }],
      ["/api/scenarios", {}, /^scenario: is required$/, { field: "scenario", rule: "required" }],
      ["/api/preview", {}, /^scenario: is required$/, { field: "scenario", rule: "required" }],
      [
        "/api/classes",
        { scenario: 5 },
        /^scenario: must be text$/,
        { field: "scenario", rule: "invalid_type", expected: "string" },
      ],
      [
        "/api/classes",
        { scenario: "calm", extra: 1 },
        /^body: unknown field "extra"$/,
        { field: "body", rule: "unrecognized_keys", keys: "extra" },
      ],
      [
        "/api/classes",
        { scenario: "calm", duration: 5 },
        /^duration: must be at least 10 seconds$/,
        { field: "duration", rule: "too_small", minimum: 10, unit: "seconds" },
      ],
    ];
    for (const [path, body, message, params] of cases) {
      const a = await raw("POST", path, { "content-type": "application/json" }, JSON.stringify(body));
      expect(a.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(json(a).error, `${path} ${JSON.stringify(body)}`).toMatch(message);
      expect(json(a).refusal, `${path} ${JSON.stringify(body)}`).toEqual({ code: "bad-body", params });
      expect(json(a).issues, `${path} ${JSON.stringify(body)}`).toEqual([params]);
      expect(a.body).not.toMatch(/nonoptional|received undefined/);
    }
  });
});
