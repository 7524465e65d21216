/**
 * Which failure banners show, and which wait their turn. The maps keep room for a few banners at
 * once; a newer banner pushes the oldest out only once that one has been up long enough to read, so
 * several failures beginning in the same tick (a teacher's crash as the scheduled security hole comes
 * out) each get read instead of the first vanishing at once. Times are passed in: no timers here.
 */
export interface StripChange<T> {
  /** Banners to put up now, oldest first. */
  show: T[];
  /** Banners to take down now. */
  hide: T[];
  /** When to look again (a waiting banner's turn), or null while nothing waits for one. */
  next: number | null;
}

export class BannerStrip<T> {
  private readonly up: { item: T; since: number }[] = [];
  private readonly queue: T[] = [];

  /**
   * @param atOnce banners shown at once
   * @param readMs how long a banner stays up before a newer one may push it out
   * @param maxWaiting banners that may wait; beyond, the oldest waiting is dropped (the failure
   *   console's timeline keeps every one)
   * @param fits whether a banner fits the strip beside those up (a long one takes two lines, and the
   *   strip's height is the maps' room); a banner alone always shows
   */
  constructor(
    readonly atOnce: number,
    readonly readMs: number,
    readonly maxWaiting: number,
    private readonly fits: (up: readonly T[], item: T) => boolean = () => true,
  ) {}

  /** The banners up now, oldest first. */
  get shown(): T[] {
    return this.up.map((u) => u.item);
  }

  /** The banners waiting for room, oldest first. */
  get waiting(): readonly T[] {
    return this.queue;
  }

  /** A new banner: shown now if there is room or an old one has been read, else it waits. */
  add(item: T, now: number): StripChange<T> {
    this.queue.push(item);
    const dropped =
      this.queue.length > this.maxWaiting ? this.queue.splice(0, this.queue.length - this.maxWaiting) : [];
    const change = this.turn(now);
    change.hide.push(...dropped);
    return change;
  }

  /** A banner's time is up (or its room is needed): taken down, or taken out of the queue. */
  remove(item: T, now: number): StripChange<T> {
    const known = this.drop(item);
    const change = this.turn(now);
    if (known) change.hide.unshift(item);
    return change;
  }

  /** A banner taken down for room (a phone's strip): gone, and nothing else moves until the next
   * turn. Returns whether it was up or waiting. */
  drop(item: T): boolean {
    const i = this.up.findIndex((u) => u.item === item);
    if (i >= 0) this.up.splice(i, 1);
    const q = this.queue.indexOf(item);
    if (q >= 0) this.queue.splice(q, 1);
    return i >= 0 || q >= 0;
  }

  /** Shows what waits, where room has come free or an old banner has been read. */
  turn(now: number): StripChange<T> {
    const change: StripChange<T> = { show: [], hide: [], next: null };
    while (this.queue.length > 0) {
      const item = this.queue[0]!;
      const full = this.up.length >= this.atOnce || (this.up.length > 0 && !this.fits(this.shown, item));
      if (full) {
        const oldest = this.up[0]!;
        if (now - oldest.since < this.readMs) {
          change.next = oldest.since + this.readMs;
          break;
        }
        this.up.shift();
        change.hide.push(oldest.item);
        continue;
      }
      this.queue.shift();
      this.up.push({ item, since: now });
      change.show.push(item);
    }
    return change;
  }

  /** Everything taken down (the match is over): returns what was up or waiting. */
  clear(): T[] {
    const all = [...this.up.map((u) => u.item), ...this.queue];
    this.up.length = 0;
    this.queue.length = 0;
    return all;
  }
}
