/**
 * Secrets are stored hashed: someone who reads the database (a backup, a shared PostgreSQL) learns no
 * edit key or host key that would let them change a scenario or read a teacher's results.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Compares a key with a stored hash in constant time. */
export function keyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashKey(key), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
