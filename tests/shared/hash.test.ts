/**
 * The state hash mixes numbers as their decimal text without making the text. Matches stored by
 * earlier versions carry hashes taken that way, so however the mixing is made faster it must give
 * exactly FNV-1a of the text.
 */
import { describe, expect, it } from "vitest";
import { numbersDigest } from "../../shared/hash";

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
