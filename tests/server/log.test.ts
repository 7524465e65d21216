/** The log's repeat limiter (T20): a flood of alike lines prints a few, then one summary per window. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { log, oneLine, RepeatLimiter } from "../../game-server/src/ops/log";

/** A limiter on a clock the test moves by hand: no sleeping. */
function limiter(maxKeys = 500) {
  const clock = { t: 1_000_000 };
  return { clock, l: new RepeatLimiter(5, 10_000, () => clock.t, maxKeys) };
}

describe("log limiter", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("T20 prints 5 alike lines in 10 s, holds back the rest and sums them up when the window ends", () => {
    const { clock, l } = limiter();
    const printed = Array.from({ length: 128 }, (_, i) => {
      clock.t += 10;
      // Digits vary (a port, a count): still the same line.
      return l.admit("warn", `http 404 GET /api/nope from 203.0.113.${i}: no such endpoint`);
    });
    expect(printed.filter(Boolean)).toHaveLength(5);
    expect(printed.slice(0, 5).every(Boolean)).toBe(true);
    expect(l.flush()).toEqual([]); // the window is still open
    clock.t += 10_000;
    const [summary, ...rest] = l.flush();
    expect(rest).toEqual([]);
    expect(summary!.level).toBe("warn");
    expect(summary!.text).toMatch(
      /^http 404 GET \/api\/nope from 203\.0\.113\.0.*\(repeated 123 more times in the last 10 s\)$/,
    );
    // A new window prints again, and a window with nothing held back needs no summary.
    expect(l.admit("warn", "http 404 GET /api/nope from 203.0.113.9: no such endpoint")).toBe(true);
    clock.t += 10_000;
    expect(l.flush()).toEqual([]);
  });

  it("counts different lines, and the same text at another level, separately", () => {
    const { l } = limiter();
    for (let i = 0; i < 5; i++) expect(l.admit("info", "room ABCDE: class created")).toBe(true);
    expect(l.admit("info", "room ABCDE: class created")).toBe(false);
    expect(l.admit("error", "room ABCDE: class created")).toBe(true);
    expect(l.admit("info", "room FGHJK: class created")).toBe(true);
  });

  it("keeps a summary that is due when the same line starts a new window before a flush", () => {
    const { clock, l } = limiter();
    for (let i = 0; i < 8; i++) l.admit("error", "database unreachable");
    clock.t += 11_000;
    expect(l.admit("error", "database unreachable")).toBe(true);
    expect(l.flush().map((s) => s.text)).toEqual([
      "database unreachable (repeated 3 more times in the last 10 s)",
    ]);
  });

  it("tracks a bounded number of different lines; past that, new ones are counted in one summary", () => {
    const { clock, l } = limiter(3);
    const printed = Array.from({ length: 10 }, (_, i) => l.admit("warn", `line ${"abcdefghij"[i]}`));
    expect(printed.filter(Boolean)).toHaveLength(3);
    clock.t += 10_000;
    expect(l.flush().map((s) => s.text)).toEqual([
      "7 more lines held back: too many different lines in the last 10 s",
    ]);
    expect(l.admit("warn", "line z")).toBe(true);
  });

  it("prints every entry as one line: no multi-line messages or stack traces", () => {
    expect(oneLine("Error: boom\n    at f (x.ts:1:2)\r\n    at g (y.ts:3:4)")).toBe(
      "Error: boom | at f (x.ts:1:2) | at g (y.ts:3:4)",
    );
    expect(oneLine("x".repeat(5000))).toHaveLength(1001);
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    log.error("first\nsecond");
    expect(printed).toHaveBeenCalledTimes(1);
    expect(String(printed.mock.calls[0]![0])).toMatch(/error: first \| second$/);
  });
});
