import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function lessons(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const cli = ["--import", "tsx", "game-server/src/lessons-cli.ts", ...args];
    const { stdout, stderr } = await run(process.execPath, cli, { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npm run lessons", () => {
  it("prints each lesson's claim and measured margin, and exits 0 when every one holds", async () => {
    const r = await lessons("--seeds", "2", "--scenario", "calm");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Lessons on seeds 1..2");
    expect(r.stdout).toMatch(/calm\s+swarm\s+cost\s+10\s+[\d.]+\s+[\d.]+\s+yes/);
    expect(r.stdout).toContain("no servers to buy");
    expect(r.stdout).toContain("1 of 1 lessons hold on every seed");
  });

  it("exits 1 when a lesson does not hold on some seed", async () => {
    // ddos's lesson (a flood hurts the hub more) does not hold yet: issue 13.
    const r = await lessons("--seeds", "1", "--scenario", "ddos");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ddos .* NO 0\/1/);
  });

  it("refuses bad arguments with a usage line", async () => {
    const r = await lessons("--seeds", "zero");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--seeds must be a whole number");
    expect(r.stderr).toContain("usage: npm run lessons");
  });
});
