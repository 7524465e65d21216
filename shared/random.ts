/**
 * Seeded pseudo-random numbers for the simulation (sfc32). The only source of randomness in shared/:
 * same seed, same sequence, on every machine. No clocks, no Math.random.
 */
export interface Rng {
  /** Four 32-bit words of generator state; plain data so it can be hashed and copied. */
  s: [number, number, number, number];
}

/** Mixes a string into a 32-bit seed (FNV-1a), for deriving independent streams from one match seed. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A generator seeded from a number and an optional stream name, warmed up so close seeds diverge. */
export function createRng(seed: number, stream = ""): Rng {
  const a = hashString(stream, seed >>> 0);
  const rng: Rng = { s: [a, 0x9e3779b9 ^ a, 0x243f6a88 ^ (seed >>> 0), 0xb7e15162] };
  for (let i = 0; i < 12; i++) nextUint32(rng);
  return rng;
}

/** Next 32-bit unsigned integer. Mutates the generator. */
export function nextUint32(rng: Rng): number {
  const s = rng.s;
  const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
  s[3] = (s[3] + 1) >>> 0;
  s[0] = s[1] ^ (s[1] >>> 9);
  s[1] = (s[2] + (s[2] << 3)) >>> 0;
  s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
  s[2] = (s[2] + t) >>> 0;
  return t;
}

/** A float in [0, 1). */
export function nextFloat(rng: Rng): number {
  return nextUint32(rng) / 4294967296;
}

/** An integer in [0, n). n must be ≥ 1. */
export function nextInt(rng: Rng, n: number): number {
  return Math.floor(nextFloat(rng) * n);
}

/** One element of a non-empty array, chosen uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[nextInt(rng, items.length)]!;
}
