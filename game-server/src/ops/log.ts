/**
 * Log lines with a time stamp; quiet in tests unless LOG_LEVEL asks for more. Every entry is one line,
 * and a line repeated many times in a short while (a script hammering a bad address, a flapping
 * database) is held back and summed up, so a flood cannot bury the lines that matter or fill the disk.
 */
const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? "error" : "info");
const order = ["debug", "info", "warn", "error"] as const;
type Level = (typeof order)[number];
const on = (l: Level) => order.indexOf(l) >= order.indexOf(level as Level);
const stamp = () => new Date().toISOString();

/** Longest line printed: a request line can carry kilobytes of path. */
const MAX_LINE = 1000;

/** One line, whatever the message holds: a multi-line error (or a crafted path) stays one entry. */
export function oneLine(msg: string): string {
  const flat = msg.replace(/\s*[\r\n]+\s*/g, " | ");
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE)}…` : flat;
}

interface Window {
  level: Level;
  /** The first line of the window, shown in the summary. */
  sample: string;
  start: number;
  count: number;
}

export interface Summary {
  level: Level;
  text: string;
}

/**
 * Holds back repeated lines: the first `max` lines alike within `windowMs` print, the rest are counted
 * and one summary line says how many when the window ends. Lines are alike when their first 80
 * characters match with digits ignored (a counter, a port or an address varies, the message does
 * not). At most `maxKeys` different lines are tracked per window: past that, new ones are counted in
 * one "too many different lines" summary, so memory and output stay bounded either way.
 */
export class RepeatLimiter {
  private readonly windows = new Map<string, Window>();
  /** Summaries of windows that ended while a new line of theirs came in. */
  private readonly pending: Summary[] = [];
  private overflow: { start: number; count: number } | null = null;

  constructor(
    readonly max = 5,
    readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
    readonly maxKeys = 500,
  ) {}

  /** Whether to print this line now; a held-back line is counted for its window's summary. */
  admit(lineLevel: Level, line: string): boolean {
    const t = this.now();
    const key = `${lineLevel} ${line.replace(/\d+/g, "#").slice(0, 80)}`;
    const w = this.windows.get(key);
    if (w && t - w.start < this.windowMs) return ++w.count <= this.max;
    if (!w && this.windows.size >= this.maxKeys) {
      this.overflow ??= { start: t, count: 0 };
      this.overflow.count++;
      return false;
    }
    // A window that ended and was not flushed yet: its summary must not be lost.
    if (w) this.pending.push(...this.summaryOf(w));
    this.windows.set(key, { level: lineLevel, sample: line, start: t, count: 1 });
    return true;
  }

  /** Summaries of the windows that have ended (to print), which are then forgotten. */
  flush(): Summary[] {
    const t = this.now();
    const out = this.pending.splice(0);
    for (const [key, w] of this.windows) {
      if (t - w.start < this.windowMs) continue;
      out.push(...this.summaryOf(w));
      this.windows.delete(key);
    }
    if (this.overflow && t - this.overflow.start >= this.windowMs) {
      out.push({
        level: "warn",
        text: `${this.overflow.count} more lines held back: too many different lines in the last ${this.seconds} s`,
      });
      this.overflow = null;
    }
    return out;
  }

  /** Whether some line is being held back (so a summary will be due). */
  get holding(): boolean {
    return this.overflow !== null || [...this.windows.values()].some((w) => w.count > this.max);
  }

  private get seconds(): number {
    return Math.round(this.windowMs / 1000);
  }

  private summaryOf(w: Window): Summary[] {
    const extra = w.count - this.max;
    if (extra <= 0) return [];
    const sample = w.sample.length > 80 ? `${w.sample.slice(0, 80)}…` : w.sample;
    return [
      { level: w.level, text: `${sample} (repeated ${extra} more times in the last ${this.seconds} s)` },
    ];
  }
}

const limiter = new RepeatLimiter();
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function print(l: Level, text: string): void {
  if (l === "error") console.error(`${stamp()} error: ${text}`);
  else if (l === "warn") console.warn(`${stamp()} warn: ${text}`);
  else console.log(`${stamp()} ${text}`);
}

function printSummaries(): void {
  for (const s of limiter.flush()) print(s.level, s.text);
}

/** A held-back line gets its summary when its window ends, even if nothing else is logged by then. */
function scheduleFlush(): void {
  if (flushTimer) return;
  flushTimer = setTimeout(() => {
    flushTimer = null;
    printSummaries();
    if (limiter.holding) scheduleFlush();
  }, limiter.windowMs);
  flushTimer.unref();
}

function write(l: Level, msg: string): boolean {
  if (!on(l)) return false;
  printSummaries();
  const text = oneLine(msg);
  if (limiter.admit(l, text)) print(l, text);
  else scheduleFlush();
  return true;
}

export const log = {
  info: (msg: string) => write("info", msg),
  warn: (msg: string) => write("warn", msg),
  error: (msg: string) => write("error", msg),
};

/**
 * What Colyseus logs (a malformed frame, a forged reconnection, an expired seat), as one line through
 * the log above: Colyseus prints whole stack traces, which a script could otherwise repeat at will.
 */
export const colyseusLogger = {
  error: (...args: unknown[]) => log.error(`colyseus: ${firstLines(args)}`),
  warn: (...args: unknown[]) => log.warn(`colyseus: ${firstLines(args)}`),
  info: (...args: unknown[]) => log.info(`colyseus: ${firstLines(args)}`),
  debug: () => {},
  trace: () => {},
};

function firstLines(args: unknown[]): string {
  return args
    .map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : "…").split("\n")[0])
    .join(" ");
}
