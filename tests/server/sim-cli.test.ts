import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BUILT_IN_SCENARIOS } from "../../shared/index";

const run = promisify(execFile);
const cli = ["--import", "tsx", "game-server/src/sim-cli.ts"];

async function sim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...cli, ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npm run sim", () => {
  it("prints a readable report of a built-in scenario", async () => {
    const r = await sim("--scenario", "server-crash");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Server crash — versus");
    expect(r.stdout).toContain("Team Hub");
    expect(r.stdout).toContain("Team Swarm");
    expect(r.stdout).toMatch(/Server 1 crashed/);
    expect(r.stdout).toMatch(/state hash [0-9a-f]{8}/);
  });

  it("--json prints one JSON document with everything a results screen needs", async () => {
    const r = await sim("--scenario", "seeds-leave", "--topology", "swarm", "--seed", "7", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.topology).toBe("swarm");
    expect(doc.seed).toBe(7);
    const [team] = doc.teams;
    for (const key of [
      "scores",
      "goodputPerSecond",
      "failures",
      "itemsCompleted",
      "chunksDelivered",
      "packets",
      "corruptDeliveries",
      "contentLost",
    ]) {
      expect(team, key).toHaveProperty(key);
    }
    expect(team.contentLost).toBe(true);
    expect(doc.stateHash).toMatch(/^[0-9a-f]{8}$/);
  });

  it("--idle hands a team's seats to players who never act: the team is then measured against its autopilot", async () => {
    const r = await sim("--scenario", "server-breach", "--idle", "hub", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const hub = doc.teams.find((t: { team: string }) => t.team === "hub");
    const swarm = doc.teams.find((t: { team: string }) => t.team === "swarm");
    expect(hub.againstAutopilot).toBeLessThan(100); // nobody isolated or patched the hacked server
    expect(hub.autopilotTotal).toBeGreaterThan(hub.scores.total);
    expect(swarm.againstAutopilot).toBe(100); // bots in every seat: exactly its autopilot
    expect((await sim("--idle", "everyone")).stderr).toMatch(/--idle must be hub, swarm or both/);
  });

  it("the same seed prints the same hash; another seed another", async () => {
    const a = JSON.parse((await sim("--scenario", "calm", "--seed", "3", "--json")).stdout).stateHash;
    const b = JSON.parse((await sim("--scenario", "calm", "--seed", "3", "--json")).stdout).stateHash;
    const c = JSON.parse((await sim("--scenario", "calm", "--seed", "4", "--json")).stdout).stateHash;
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("runs a scenario file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-"));
    const file = join(dir, "mine.json");
    writeFileSync(file, JSON.stringify({ ...BUILT_IN_SCENARIOS.calm, name: "My lesson", duration: 40 }));
    const r = await sim("--scenario", file, "--topology", "hub");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("My lesson — hub");
  });

  it("refuses bad arguments and invalid files with a clear message and a non-zero exit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hs-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...BUILT_IN_SCENARIOS.calm, duration: 5 }));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    const cases: [string[], RegExp][] = [
      [["--scenario", "nope"], /no built-in scenario "nope"/],
      [["--topology", "mesh"], /--topology must be hub, swarm or versus/],
      [["--seed", "-1"], /--seed must be a whole number/],
      [["--seed"], /--seed needs a value/],
      [["--frobnicate"], /unknown argument "--frobnicate"/],
      [["--scenario", bad], /duration: must be at least 10 seconds/],
      [["--scenario", broken], /is not valid JSON/],
      [["--scenario", join(dir, "missing.json")], /cannot read .*ENOENT/],
    ];
    for (const [args, message] of cases) {
      const r = await sim(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stdout, args.join(" ")).toBe("");
    }
  });
});
