/**
 * A match stored by an earlier version replays under its own rules, hashes and all: `--replay`
 * (and Past classes) check a rules-2 match's hashes as the text digest it was stored with, and a
 * rules-3 match's as words. The rules number a match carries decides which.
 */
import { expect, it } from "vitest";
import { checkReplay, type StoredReplay } from "../../game-server/src/replay-file";
import { hashDue, stateHash, type TickHash } from "../../shared/index";
import { roundWithLinkCut } from "../shared/helpers";

/** A round of `stormy-day` with a live link cut, stored as a room stores it, under `rules`. */
function stored(rules: number): StoredReplay {
  const hashes: TickHash[] = [];
  const m = roundWithLinkCut("stormy-day", rules, 400, (at) => {
    if (hashDue(at.tick)) hashes.push({ tick: at.tick, hash: stateHash(at) });
  });
  return {
    scenario: m.scenario,
    record: m.record,
    tick: m.tick,
    stateHash: stateHash(m),
    hashes,
    status: "finished",
    rules,
  };
}

it("a match stored under rules 2 replays to every text hash it was stored with, one under rules 3 to its words", () => {
  const two = stored(2);
  const three = stored(3);
  expect(two.hashes).toHaveLength(8);
  expect(checkReplay(two)).toMatchObject({ same: true, checkedHashes: 8, firstDifference: null });
  expect(checkReplay(three)).toMatchObject({ same: true, checkedHashes: 8, firstDifference: null });
  // The same play, hashed two ways: read as the other rules, the first stored hash already differs.
  expect(two.hashes[0]!.hash).not.toBe(three.hashes[0]!.hash);
  const misread = checkReplay({ ...two, rules: 3 });
  expect(misread.same).toBe(false);
  expect(misread.firstDifference?.tick).toBe(two.hashes[0]!.tick);
});
