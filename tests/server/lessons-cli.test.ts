import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../game-server/src/lessons-cli";
import { BUILT_IN_SCENARIOS } from "../../shared/index";
import { inOwnProcess, inThisProcess } from "./command";

/** The command's main, called in this process; the first test also starts it as a user does. */
const lessons = async (...args: string[]) => inThisProcess(main, args);

describe("npm run lessons", () => {
  it("prints each lesson's claim and measured margin, and exits 0 when every one holds", async () => {
    const r = await inOwnProcess("game-server/src/lessons-cli.ts", ["--seeds", "2", "--scenario", "calm"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Lessons on seeds 1..2");
    expect(r.stdout).toMatch(/calm\s+swarm\s+cost\s+10\s+[\d.]+\s+[\d.]+\s+yes/);
    expect(r.stdout).toContain("no servers to buy");
    expect(r.stdout).toContain("1 of 1 lessons hold on every seed");
    // The same command in this process prints the same: the other tests run it so.
    expect(await lessons("--seeds", "2", "--scenario", "calm")).toEqual(r);
  });

  it("checks a teacher's scenario file, and exits 1 when its lesson does not hold on some seed", async () => {
    // A calm day with the claim turned round: the hub is not the cheap one.
    const doc = {
      ...BUILT_IN_SCENARIOS.calm,
      lesson: { claim: "Servers are cheap.", ahead: "hub", measure: "cost", margin: 10 },
    };
    const dir = mkdtempSync(join(tmpdir(), "lessons-"));
    const file = join(dir, "cheap-servers.json");
    writeFileSync(file, JSON.stringify(doc));
    const r = await lessons("--seeds", "1", "--scenario", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Servers are cheap.");
    expect(r.stdout).toMatch(/cheap-servers\.json\s+hub\s+cost\s+10\s+-[\d.]+\s+-[\d.]+\s+NO 0\/1/);
    expect(r.stdout).toContain("0 of 1 lessons hold on every seed");
    // Without a lesson block there is nothing to check: said so, with the fields it needs.
    const { lesson: _none, ...plain } = doc;
    writeFileSync(file, JSON.stringify(plain));
    const none = await lessons("--seeds", "1", "--scenario", file);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('states no lesson: add a "lesson" block');
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses bad arguments with a usage line", async () => {
    const r = await lessons("--seeds", "zero");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--seeds must be a whole number");
    expect(r.stderr).toContain("usage: npm run lessons");
  });
});
