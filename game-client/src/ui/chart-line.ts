/** The goodput chart's line, apart from the drawing (chart.ts): pure, so tests read it without a page. */

/** Seconds each point of the goodput chart averages: the second itself and two either side. */
export const CHART_SMOOTH_SECONDS = 5;

/** How the chart's legend says so. */
export const CHART_SMOOTH_WORDS = `each point: the average of the ${CHART_SMOOTH_SECONDS} s around it`;

/**
 * Each second's value averaged with its neighbours' (`span` seconds centred on it; fewer at the ends).
 * Delivery comes in bursts: a file's pieces arrive within a second, then nothing until the next file
 * is asked for (and, on a cache miss, fetched from the origin). Second by second a steady team draws
 * a saw from zero to its peak and back, and a failure's gap hides among the zeros; averaged, a steady
 * team draws a level line and a failure a dip.
 */
export function rollingMean(values: readonly number[], span = CHART_SMOOTH_SECONDS): number[] {
  const half = Math.floor(span / 2);
  return values.map((_, i) => {
    const from = Math.max(0, i - half);
    const to = Math.min(values.length - 1, i + half);
    let sum = 0;
    for (let j = from; j <= to; j++) sum += values[j]!;
    return sum / (to - from + 1);
  });
}
