/**
 * Per-address budgets. The budgets for requests (new classes, saves, previews, solo games, joins and
 * wrong codes) are counted in Colyseus's presence: in memory for one process, in Redis for several,
 * so every process of a cluster spends from the same budget and a guesser gains nothing by being
 * spread over processes. Each is a sliding window: this window's count plus the last window's,
 * weighted by how much of it still overlaps, so a burst that straddles a window's edge is counted
 * whole.
 *
 * Room messages are limited per process instead (AddressLimiter, below): they arrive dozens a second,
 * a round trip to Redis for each would cost more than the message, and the budget they protect is
 * this process's own event loop. A room lives in one process, so a class's messages all meet there.
 *
 * A school puts every student behind one address, so the budgets leave room for a school-wide event
 * (400 students joining at once) and for mistyping a code now and then; a guesser needs millions of
 * tries (wrong codes have their own budget, 30 a minute).
 */
import type { Presence } from "@colyseus/core";

const MINUTE = 60_000;

export interface Budget {
  /** Requests allowed per window (multiplied by the server's limit scale). */
  limit: number;
  windowMs: number;
}

/** Per-address budgets of requests. Generous for a class behind one address, tight for a script. */
export const BUDGETS = {
  /** New classes: a teacher makes a few a lesson. */
  classes: { limit: 20, windowMs: 10 * MINUTE },
  /** Saving scenarios (new or changed). */
  saves: { limit: 60, windowMs: 10 * MINUTE },
  /** Previews: each is a few seconds of simulation. */
  previews: { limit: 30, windowMs: 10 * MINUTE },
  /** New solo games: a class of forty starting a level together, and again a few times. */
  solos: { limit: 120, windowMs: 10 * MINUTE },
  /**
   * Matchmaking calls (joins, reconnections, solo games): a school of 400 behind one address joining
   * one event at once, and most of it again after a Wi-Fi drop. 400 a minute turned the last student
   * of such a school away ("Too many joins from your network").
   */
  matchmake: { limit: 1200, windowMs: MINUTE },
  /** Failed joins and code checks (wrong code, wrong key, taken nickname): the guessing limit. */
  failures: { limit: 30, windowMs: MINUTE },
} as const satisfies Record<string, Budget>;
export type BudgetName = keyof typeof BUDGETS;

/** Solo games one address may have open at once (a class of forty, each in their own level). */
export const SOLO_GAMES_PER_ADDRESS = 45;

/** Budgets shared through presence (see the top of this file). */
export class SharedLimits {
  constructor(
    private readonly presence: Presence,
    /** Multiplies every limit: 1 in production, higher in load benchmarks. */
    readonly scale: number,
  ) {}

  private keys(name: BudgetName, address: string, now: number) {
    const { windowMs } = BUDGETS[name];
    const window = Math.floor(now / windowMs);
    return {
      current: `limit:${name}:${window}:${address}`,
      previous: `limit:${name}:${window - 1}:${address}`,
      /** How much of the previous window still lies within the last windowMs. */
      overlap: 1 - (now % windowMs) / windowMs,
      ttlSeconds: Math.ceil((2 * windowMs) / 1000),
    };
  }

  private async count(key: string): Promise<number> {
    return Number((await this.presence.get(key)) ?? 0) || 0;
  }

  private async estimate(name: BudgetName, address: string, now: number, current?: number) {
    const k = this.keys(name, address, now);
    const cur = current ?? (await this.count(k.current));
    return cur + (await this.count(k.previous)) * k.overlap;
  }

  /** Spends one from an address's budget; false (and nothing spent) when it is used up. */
  async take(name: BudgetName, address: string, now = Date.now()): Promise<boolean> {
    const k = this.keys(name, address, now);
    const after = await this.presence.incr(k.current);
    if (after === 1) await this.presence.expire(k.current, k.ttlSeconds);
    if ((await this.estimate(name, address, now, after - 1)) < BUDGETS[name].limit * this.scale) return true;
    await this.presence.decr(k.current);
    return false;
  }

  /** Counts one against a budget, whatever is left (a wrong code is counted after it was tried). */
  async spend(name: BudgetName, address: string, now = Date.now()): Promise<void> {
    const k = this.keys(name, address, now);
    if ((await this.presence.incr(k.current)) === 1) await this.presence.expire(k.current, k.ttlSeconds);
  }

  /** Whether an address has any of a budget left, without spending it. */
  async has(name: BudgetName, address: string, now = Date.now()): Promise<boolean> {
    return (await this.estimate(name, address, now)) < BUDGETS[name].limit * this.scale;
  }

  /**
   * Opens one of an address's solo games if it has fewer than the cap open; the room closes it with
   * `closeSolo`. Counted in presence, so the cap holds across processes.
   */
  async openSolo(address: string): Promise<boolean> {
    const open = await this.presence.hincrby("solo:open", address, 1);
    if (open <= SOLO_GAMES_PER_ADDRESS * this.scale) return true;
    await this.presence.hincrby("solo:open", address, -1);
    return false;
  }

  async closeSolo(address: string): Promise<void> {
    if ((await this.presence.hincrby("solo:open", address, -1)) <= 0)
      await this.presence.hdel("solo:open", address);
  }
}

/**
 * Token buckets per address, refilled continuously: `limit` per `windowMs`. In one process only (room
 * messages; see the top of this file).
 */
export class AddressLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Takes `cost` tokens for an address; false when it has none left. */
  take(address: string, cost = 1, now = Date.now()): boolean {
    const b = this.buckets.get(address) ?? { tokens: this.limit, at: now };
    b.tokens = Math.min(this.limit, b.tokens + ((now - b.at) / this.windowMs) * this.limit);
    b.at = now;
    const ok = b.tokens >= cost;
    if (ok) b.tokens -= cost;
    this.buckets.set(address, b);
    return ok;
  }

  /** Forgets addresses whose bucket is full again: memory stays bounded by recent visitors. */
  sweep(now = Date.now()): void {
    for (const [address, b] of this.buckets)
      if (b.tokens + ((now - b.at) / this.windowMs) * this.limit >= this.limit) this.buckets.delete(address);
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * Room messages from all of an address's connections in this process: 600 a second. A busy class is
 * under 100; a school of 400 behind one address sends 200 a second in pings alone (one each 2 s), so
 * the old 200 a second dropped its decisions.
 */
export const MESSAGES = new AddressLimiter(6000, 10_000);

setInterval(() => MESSAGES.sweep(), MINUTE).unref();
