/** Waits on what the match did (its ticks, a player's own view), never on the wall clock. */
import type { Page } from "playwright-core";

/** What a page's announced game handle holds that a wait reads: the session's synced state. */
type Handle = {
  hubSwarm?: { session: { role: string; you: unknown; state: { tick: number } | null } };
};

/** The match's tick in the last state this page received, or -1 before the first. */
export function tickOf(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as Handle).hubSwarm?.session.state?.tick ?? -1);
}

/**
 * Resolves once this page holds the room's state of `tick` or later and has drawn two frames since:
 * whatever the server did before that tick is on its screen. A wait on the match, not on a clock.
 */
export async function untilTick(page: Page, tick: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (t) => ((window as unknown as Handle).hubSwarm?.session.state?.tick ?? -1) >= t,
    tick,
    { timeout },
  );
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
  );
}

/**
 * Resolves once the page shows the match in full: its state and, for a player, their private view
 * (their panel's figures) have arrived, and a later state has been drawn from both.
 */
export async function untilShown(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = (window as unknown as Handle).hubSwarm?.session;
    return !!s?.state && (s.role === "host" || s.you !== null);
  });
  await untilTick(page, (await tickOf(page)) + 1);
}
