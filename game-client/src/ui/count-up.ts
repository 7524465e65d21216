/**
 * Scores that move: a number that changes counts from its old value to the new one and flashes green
 * (up) or orange (down). The top bar is rebuilt often (the clock ticks), so a count is keyed, not tied
 * to one element: whichever element shows that key now carries on where the last one was.
 */

/** How long a count and its flash last. */
const COUNT_MS = 900;
/** A change this small counts without a flash: totals that creep a point at a time would flicker. */
const FLASH_MIN = 2;

interface Count {
  from: number;
  to: number;
  /** performance.now() when it started; -Infinity for a number shown without a count. */
  start: number;
  /** How the number is written ("+7 %"): plain digits unless said. */
  words: (n: number) => string;
}

const counts = new Map<string, Count>();
let frame = 0;

const eased = (c: Count, now: number) => {
  const t = Math.min(1, (now - c.start) / COUNT_MS);
  return Math.round(c.from + (c.to - c.from) * (1 - (1 - t) ** 3));
};

const still = () =>
  typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;

/** Shows `value` in `el` under `key`: the first value as it is, a new one by counting to it. */
export function countTo(
  el: HTMLElement,
  key: string,
  value: number,
  words: (n: number) => string = String,
): void {
  const now = performance.now();
  el.dataset.count = key;
  let c = counts.get(key);
  if (!c) {
    c = { from: value, to: value, start: -Infinity, words };
    counts.set(key, c);
  } else if (c.to !== value) {
    c.from = eased(c, now);
    c.to = value;
    c.start = now;
  }
  const elapsed = now - c.start;
  el.textContent = c.words(still() ? c.to : eased(c, now));
  if (elapsed >= COUNT_MS) return;
  // The flash picks up where it is (a rebuilt element does not start it again).
  if (Math.abs(c.to - c.from) >= FLASH_MIN) {
    el.classList.add(c.to > c.from ? "count-up" : "count-down");
    el.style.animationDelay = `-${Math.round(elapsed)}ms`;
  }
  if (!frame && !still()) frame = requestAnimationFrame(step);
}

function step(now: number): void {
  frame = 0;
  let running = false;
  for (const [key, c] of counts) {
    if (now - c.start >= COUNT_MS + 50) continue;
    running = true;
    for (const el of document.querySelectorAll<HTMLElement>(`[data-count="${key}"]`))
      el.textContent = c.words(eased(c, now));
  }
  if (running) frame = requestAnimationFrame(step);
}

/** A new match starts from its own numbers, not the last match's. */
export function forgetCounts(): void {
  counts.clear();
}
