import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStoredMatch } from "../../game-server/src/replay-file";
import { main } from "../../game-server/src/sim-cli";
import { BUILT_IN_SCENARIOS, SIM_RULES, type StoredMatch } from "../../shared/index";
import { inOwnProcess, inThisProcess } from "./command";
import {
  boot,
  classWithComingsAndGoings,
  finishedMatch,
  type Harness,
  nextMessage,
  pastClasses,
  stateOf,
  until,
} from "./harness";

const SCRIPT = "game-server/src/sim-cli.ts";
/** The command as a user starts it. */
const simProcess = (...args: string[]) => inOwnProcess(SCRIPT, args);
/** The same command's main, called in this process (simProcess checks that the two agree). */
const sim = async (...args: string[]) => inThisProcess(main, args);

describe("npm run sim", () => {
  it("prints a readable report of a built-in scenario", async () => {
    const r = await simProcess("--scenario", "server-crash");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Server crash — versus");
    expect(r.stdout).toContain("Team Hub");
    expect(r.stdout).toContain("Team Swarm");
    expect(r.stdout).toMatch(/Server 1 crashed/);
    expect(r.stdout).toMatch(/state hash [0-9a-f]{8}/);
    // The same command in this process prints the same report: the other tests run it so.
    expect(await sim("--scenario", "server-crash")).toEqual(r);
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
    const runs = await Promise.all(cases.map(([args]) => sim(...args)));
    // The command line's own exit code and output, for one of them.
    expect(await simProcess(...cases[0]![0])).toEqual(runs[0]);
    for (const [i, [args, message]] of cases.entries()) {
      const r = runs[i]!;
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stdout, args.join(" ")).toBe("");
    }
  });
});

/** A student's decision for their own node, of their role (a router prioritises, others encrypt). */
async function decideOnce(host: Room, student: Room): Promise<void> {
  const { team, node } = stateOf(host).players.get(student.sessionId) as { team: string; node: string };
  const kind = stateOf(host).teams.get(team).nodes.get(node).kind as string;
  const ok = nextMessage<{ type: string }>(student, "ok");
  student.send(
    "intent",
    kind === "router"
      ? { type: "prioritise", team, node, kind: "request" }
      : { type: "encrypt", team, node, on: true },
  );
  await ok;
}

/**
 * A class played over real websockets, as in a classroom: Bob's connection drops and he comes back,
 * Cy joins late and takes a bot's seat, Ann and Cy each make a decision, the host cuts a link and
 * adds time, then ends the round. Its stored match (the finished record, and the checkpoint written
 * while it ran) is what --replay reads.
 */
async function recordedClass(h: Harness): Promise<{ finished: StoredMatch; checkpoint: StoredMatch }> {
  const { made, host, ann, cy } = await classWithComingsAndGoings(h, 35);
  for (const student of [ann, cy]) await decideOnce(host, student);
  const end = stateOf(host).endTick as number;
  host.send("host", { type: "trigger", failure: { kind: "link-cut", target: "busiest" } });
  host.send("host", { type: "add-time", seconds: 20 });
  await until(() => stateOf(host).endTick === end + 200, 5000, "time added"); // after the failure
  const cut = stateOf(host).tick as number;
  // A checkpoint after the failure: the round is stored as interrupted every five seconds of play.
  let running: { id: string } | undefined;
  await until(
    async () => {
      const [m] = await pastClasses(h.server.url, made.hostKey);
      running = m && m.seconds * 10 > cut + 1 ? m : undefined;
      return running !== undefined;
    },
    20_000,
    "a checkpoint after the link cut",
  );
  const checkpoint = (await (
    await fetch(`${h.server.url}/api/history/${running!.id}`, { headers: { "x-host-key": made.hostKey } })
  ).json()) as StoredMatch;
  // Past two of the hashes the room stores (one every five seconds of play).
  await until(() => stateOf(host).tick >= 110, 20_000, "eleven seconds");
  host.send("host", { type: "end" });
  const finished = await finishedMatch(h.server.url, made.hostKey);
  await host.leave();
  return { finished, checkpoint };
}

describe("npm run sim -- --replay", () => {
  let h: Harness;
  let dir = "";
  let recorded: { finished: StoredMatch; checkpoint: StoredMatch };
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === "string" ? body : JSON.stringify(body));
    return path;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hs-replay-"));
    h = await boot("memory://", 100, { timeScale: 5 }); // five times as fast as in class, the same ticks
    recorded = await recordedClass(h);
  }, 60_000);
  afterAll(async () => {
    await h?.server.close();
  });

  it("plays a class's stored match again to the hash it was stored with", async () => {
    const { finished } = recorded;
    const types = new Set(finished.result.intents!.map((r) => r.intent.type));
    for (const t of ["assign", "autopilot", "trigger", "add-time", "end"]) expect(types, t).toContain(t);
    // Two students' own decisions, made on their screens.
    const theirs = finished.result.intents!.filter(
      (r) => r.actor.kind === "player" && ["encrypt", "prioritise"].includes(r.intent.type),
    );
    expect(theirs).toHaveLength(2);
    // Stored with the simulation's rules it was played under, which its replay plays under.
    expect(finished.result.rules).toBe(SIM_RULES);
    expect(loadStoredMatch(file("finished.json", finished)).rules).toBe(SIM_RULES);
    const { rules: _r, ...beforeRules } = finished.result;
    expect(loadStoredMatch(file("before-rules.json", { ...finished, result: beforeRules })).rules).toBe(1);
    // The host's link cut hit both networks.
    expect(finished.result.teams.map((t) => t.failures.map((f) => f.kind))).toEqual([
      ["link-cut"],
      ["link-cut"],
    ]);
    const r = await sim("--replay", file("finished.json", finished));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`state hash  ${finished.result.stateHash}`);
    expect(r.stdout).toMatch(/the same match: replayed to the stored hash/);
    const json = JSON.parse((await sim("--replay", file("finished.json", finished), "--json")).stdout);
    expect(json).toMatchObject({ same: true, stored: finished.result.stateHash, status: "finished" });
    expect(json.tick).toBe(Math.round(finished.result.seconds * 10));
    // Every hash taken while the round ran was reached again, not only the last.
    expect(finished.result.hashes!.length).toBeGreaterThanOrEqual(2);
    expect(json).toMatchObject({ checkedHashes: finished.result.hashes!.length, firstDifference: null });
  });

  it("an interrupted match replays to the tick of its last checkpoint", async () => {
    const { checkpoint } = recorded;
    expect(checkpoint.status).toBe("interrupted");
    expect(checkpoint.result.intents!.some((r) => r.intent.type === "trigger")).toBe(true);
    const r = await sim("--replay", file("checkpoint.json", checkpoint), "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ same: true, stored: checkpoint.result.stateHash, status: "interrupted" });
    expect(json.tick).toBeLessThan(Math.round(recorded.finished.result.seconds * 10));
  });

  it("a record that is not the match's own does not replay to its hash: exit 1, and says so", async () => {
    const { finished } = recorded;
    const intents = finished.result.intents!.filter((r) => r.intent.type !== "trigger"); // no link cut
    const r = await simProcess(
      "--replay",
      file("edited.json", { ...finished, result: { ...finished.result, intents } }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT the same match/);
    // Named at the first stored hash after the link cut: the match was the same until then.
    const cut = finished.result.intents!.find((x) => x.intent.type === "trigger")!.tick;
    const first = finished.result.hashes!.find((x) => x.tick > cut)!.tick;
    expect(r.stdout).toContain(`first differs at tick ${first} (${first / 10} s)`);
  });

  it("a stored hash that the replay does not reach names its tick: exit 1", async () => {
    const { finished } = recorded;
    const hashes = finished.result.hashes!.map((x, i) => (i === 1 ? { ...x, hash: "00000000" } : x));
    const r = await sim(
      "--replay",
      file("tampered.json", { ...finished, result: { ...finished.result, hashes } }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`first differs at tick ${hashes[1]!.tick}`);
    expect(r.stdout).toContain("stored 00000000");
    expect(r.stdout).toMatch(/NOT the same match/);
  });

  it("refuses a file that is not a stored match with a clear message and exit 2", async () => {
    const { finished } = recorded;
    const { intents: _none, ...withoutIntents } = finished.result;
    const badIntent = [{ tick: 3, actor: { kind: "host" }, intent: { type: "explode" } }];
    const backwards = [...finished.result.intents!].reverse();
    const cases: [string, RegExp][] = [
      [file("broken.json", "{ not json"), /is not valid JSON/],
      [join(dir, "missing.json"), /cannot read .*ENOENT/],
      [file("scenario.json", BUILT_IN_SCENARIOS.calm), /is not a stored match: .*GET \/api\/history\/ID/],
      [
        file("old.json", { ...finished, result: withoutIntents }),
        /no recorded decisions .*cannot be replayed/,
      ],
      [
        file("bad-intent.json", { ...finished, result: { ...finished.result, intents: badIntent } }),
        /result\.intents\.0\.intent/,
      ],
      [
        file("backwards.json", { ...finished, result: { ...finished.result, intents: backwards } }),
        /result\.intents\.\d+\.tick: goes back in time/,
      ],
      [
        file("bad-hash.json", {
          ...finished,
          result: { ...finished.result, hashes: [{ tick: 50, hash: "xyz" }] },
        }),
        /result\.hashes\.0\.hash/,
      ],
      [
        file("bad-scenario.json", {
          ...finished,
          scenarioDocument: { ...finished.scenarioDocument, duration: 5 },
        }),
        /its scenario is not valid:\n {2}duration: must be at least 10 seconds/,
      ],
      [
        file("bad-rules.json", { ...finished, result: { ...finished.result, rules: 0 } }),
        /result\.rules must be the simulation's rules/,
      ],
      [
        file("new-rules.json", { ...finished, result: { ...finished.result, rules: SIM_RULES + 1 } }),
        new RegExp(`played under rules ${SIM_RULES + 1}, newer than this version of the game knows`),
      ],
    ];
    // The messages, read where the command makes them; then the command itself, end to end.
    for (const [path, message] of cases) expect(() => loadStoredMatch(path), path).toThrow(message);
    const r = await sim("--replay", cases[0]![0]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: .*is not valid JSON/);
    expect(r.stdout).toBe("");
    expect((await sim("--replay", file("x.json", finished), "--seed", "3")).stderr).toMatch(
      /--replay plays a stored match as it was/,
    );
  });
});
