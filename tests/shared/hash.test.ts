/**
 * The state hash. Under rules 1 and 2 it mixes numbers as their decimal text without making the text:
 * matches stored by those versions carry hashes taken that way, so however the mixing is made faster
 * it must give exactly FNV-1a of the text. From rules 3 numbers go in as 32-bit words: every change
 * must still show.
 */
import { describe, expect, it } from "vitest";
import { numbersDigest } from "../../shared/hash";
import {
  BUILT_IN_SCENARIOS,
  computePar,
  createMatch,
  type Match,
  matchResult,
  SIM_RULES,
  stateHash,
  stepMatch,
} from "../../shared/index";
import { roundWithLinkCut } from "./helpers";

/** FNV-1a (32 bits) of a text, the plain way. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A number's text in the hash: an integer as String gives it, a fraction to 12 significant digits. */
const textOf = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(12));
const asText = (xs: readonly number[]) => `${xs.map((x) => `${textOf(x)},`).join("")}|,`;

describe("the state hash's numbers", () => {
  it("digest as their decimal text at every number of digits, negative, fractional and -0", () => {
    const edges = [0, -0, 1, 9, 10, 99, 100, 101, 999, 1000, 1001, 9999, 10000, 65535, 99999, 100000];
    const big = [2147483647, -2147483648, -2147483647, 4294967295, 1e12, 2 ** 53];
    const fractions = [0.5, -1.25, 1 / 3, 12.75, 1e-7];
    const all = [...edges, ...edges.map((x) => -x), ...big, ...fractions];
    for (const x of all) expect(numbersDigest([x]), String(x)).toBe(fnv1a(asText([x])));
    expect(numbersDigest(all)).toBe(fnv1a(asText(all)));
  });

  it("digest as their text for every integer up to 20,000 and a spread of larger ones", () => {
    const xs: number[] = [];
    for (let x = -20000; x <= 20000; x++) xs.push(x);
    for (let x = 20000; x < 2e9; x = Math.floor(x * 1.37) + 11) xs.push(x, -x);
    expect(numbersDigest(xs)).toBe(fnv1a(asText(xs)));
    // One number at a time too: a slip at one width cannot hide in a long list's digest.
    for (let x = 0; x <= 20000; x += 7) expect(numbersDigest([x])).toBe(fnv1a(asText([x])));
  });
});

/** A round with a live link cut, stepped to `ticks`, hashed every 250 ticks. */
function hashesOf(name: string, rules: number, ticks = 500): { m: Match; hashes: string[] } {
  const hashes: string[] = [];
  const m = roundWithLinkCut(name, rules, ticks, (at) => {
    if (at.tick % 250 === 0) hashes.push(stateHash(at));
  });
  return { m, hashes };
}

describe("the state hash by rules", () => {
  it("matches stored under rules 1 and 2 keep the hashes they were stored with", () => {
    // Taken by the version that stored such matches: a replay checks its stored hashes against these.
    expect(hashesOf("stormy-day", 2).hashes).toEqual(["9c82bc61", "52e66d08"]);
    expect(hashesOf("server-breach", 2).hashes).toEqual(["a703d5e0", "dbd942cd"]);
    expect(hashesOf("malicious-peer", 2).hashes).toEqual(["a703d5e0", "d9a2f72e"]);
    expect(hashesOf("flash-crowd", 1).hashes).toEqual(["a703d5e0", "e38db8b0"]);
  });

  it("matches played under rules 3 keep their hashes: every later version must replay them so", () => {
    expect(hashesOf("stormy-day", 3).hashes).toEqual(["8c4d6484", "ebe55f65"]);
    expect(hashesOf("server-breach", 3).hashes).toEqual(["a45e727f", "4b937a33"]);
    // A big swarm, whose peers each know a few of its 160 (how a peer picks its sources is pinned too).
    const m = createMatch({ ...BUILT_IN_SCENARIOS.district!, topology: "swarm" }, { rules: 3 });
    const hashes: string[] = [];
    while (m.tick < 900) {
      stepMatch(m);
      if (m.tick % 300 === 0) hashes.push(stateHash(m));
    }
    expect(hashes).toEqual(["e0ecc57e", "0ff7684a", "2af1cf38"]);
    const swarm = m.worlds[0]!;
    expect(swarm.peers.every((i) => swarm.nodes[i]!.peer!.known.size < swarm.peers.length / 2)).toBe(true);
  });

  it("where no cache server encrypts, rules 3 plays exactly as rules 2: only the hash is taken another way", () => {
    expect(SIM_RULES).toBeGreaterThanOrEqual(3);
    for (const name of ["stormy-day", "server-breach", "malicious-peer", "flash-crowd"]) {
      const two = hashesOf(name, 2, 900).m;
      const three = hashesOf(name, 3, 900).m;
      // Rules 3's other change (the origin's cipher for an encrypting cache server) has nothing to act on.
      expect(
        three.worlds[0]!.nodes.filter((n) => n.kind === "server" && n.encrypt),
        name,
      ).toEqual([]);
      const par = computePar(two.scenario);
      const { rules: r2, stateHash: h2, ...result2 } = matchResult(two, par);
      const { rules: r3, stateHash: h3, ...result3 } = matchResult(three, par);
      expect([r2, r3]).toEqual([2, 3]);
      expect(result3, name).toEqual(result2);
      expect(h3, name).not.toBe(h2);
      expect(h3, name).toMatch(/^[0-9a-f]{8}$/);
    }
  });

  it("under rules 3 a change anywhere in the state changes the hash, and undoing it restores it", () => {
    const { m } = hashesOf("stormy-day", 3, 300);
    const before = stateHash(m);
    const hub = m.worlds[0]!;
    const router = hub.nodes.find((n) => n.router)!;
    const table = router.router!.table;
    const changed = (what: string, change: () => void, undo: () => void) => {
      change();
      expect(stateHash(m), what).not.toBe(before);
      undo();
      expect(stateHash(m), `${what}, undone`).toBe(before);
    };
    changed(
      "one route",
      () => table[3]!++,
      () => table[3]!--,
    );
    // A fraction changed in its last bits: the decimal text kept only 12 digits, the words keep all.
    const holder = hub.nodes.find((n) => n.peer || n.server)!;
    const credit = holder.credit;
    holder.credit = 1 / 3;
    const third = stateHash(m);
    holder.credit = 1 / 3 + 1e-15;
    expect(stateHash(m)).not.toBe(third);
    holder.credit = credit;
    expect(stateHash(m)).toBe(before);
    // The same numbers with a list's end moved: the table's last route becomes the split's first.
    const rs = router.router!;
    const [wholeTable, wholeSplit] = [rs.table, rs.split];
    changed(
      "where a list ends",
      () => {
        rs.split = Int16Array.of(wholeTable[wholeTable.length - 1]!, ...wholeSplit);
        rs.table = wholeTable.slice(0, -1);
      },
      () => {
        rs.table = wholeTable;
        rs.split = wholeSplit;
      },
    );
    const packet = hub.links.find((l) => l.inFlight.length > 0)!.inFlight[0]!;
    const kind = packet.kind;
    changed(
      "a packet's kind",
      () => {
        packet.kind = kind === "chunk" ? "request" : "chunk";
      },
      () => {
        packet.kind = kind;
      },
    );
  });
});
