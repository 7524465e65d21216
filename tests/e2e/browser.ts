/** Headless Chromium (Debian's package, driven by playwright-core) against a game server on loopback. */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { ensureClientBuilt } from "../../game-server/src/client-build";
import { type RunningServer, startServer } from "../../game-server/src/server";

/** Resolves once the page's finite CSS animations have ended (at most 2 s); a string: Node has no DOM types. */
const FINITE_ANIMATIONS_DONE = `Promise.race([
  Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => {}))),
  new Promise((done) => setTimeout(done, 2000)),
])`;

export const SCREENSHOTS = resolve("screenshots");

/** Flags that work as root with software WebGL (see NOTES): Phaser renders with SwiftShader. */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--enable-unsafe-swiftshader",
  "--use-gl=angle",
  "--use-angle=swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Several students' pages run at once: none may be throttled as a background window.
  "--disable-renderer-backgrounding",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
];

/**
 * The game puts nothing on `window`; it announces that it started (game.ts, STARTED_EVENT). Tests that
 * look inside (a scene's layout, the session's socket) keep the announced handle as `window.hubSwarm`.
 */
const KEEP_GAME_HANDLE = `window.addEventListener("hub-swarm:started", (e) => { window.hubSwarm = e.detail; });`;

/**
 * Runs in each page (as text: the server's tsconfig has no DOM types): a Content-Security-Policy
 * violation becomes a console error, which fails the test. Two libraries probe once whether eval is
 * allowed (msgpackr in colyseus.js, zod), catch the refusal and work without it: those probes are
 * expected under a policy without 'unsafe-eval'.
 */
const REPORT_CSP_VIOLATIONS = `document.addEventListener("securitypolicyviolation", (e) => {
  if (e.blockedURI === "eval" && e.effectiveDirective === "script-src") return;
  console.error("CSP violation: " + e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
    " at " + e.sourceFile + ":" + e.lineNumber);
});`;

export interface World {
  server: RunningServer;
  browser: Browser;
  /** Console errors and page errors, per page name: a test fails on any. */
  errors: string[];
  /**
   * A new browser context on the menu; `deviceScaleFactor` 2 is a high-density (retina) screen;
   * `hasTouch` a touch screen (a tablet or phone: the game then listens for fingers too).
   */
  open(
    name: string,
    viewport?: { width: number; height: number },
    deviceScaleFactor?: number,
    hasTouch?: boolean,
  ): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launch(): Promise<World> {
  const clientDir = await ensureClientBuilt();
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    clientDir,
    database: { dataDir: "memory://" },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const errors: string[] = [];
  return {
    server,
    browser,
    errors,
    async open(name, viewport = { width: 1600, height: 900 }, deviceScaleFactor = 1, hasTouch = false) {
      const context = await browser.newContext({ viewport, deviceScaleFactor, hasTouch });
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`${name}: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`${name}: ${e.stack ?? e.message}`));
      page.on("dialog", (d) => void d.accept());
      await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
      await page.addInitScript({ content: KEEP_GAME_HANDLE });
      // The first page of a run also waits for Chromium's first start and WebGL set-up: on a shared
      // two-core machine that has taken longer than the default 30 s.
      const answer = await page.goto(server.url, { timeout: 90_000 });
      // Every screen a test visits runs under the server's real policy: without it, this proves nothing.
      if (!answer?.headers()["content-security-policy"])
        errors.push(`${name}: the page came without a Content-Security-Policy`);
      await page.waitForSelector("#menu");
      return page;
    },
    async shot(page, name) {
      // What a person would see: a box fading in (the results' winner) is still blank at its start.
      await page.evaluate(FINITE_ANIMATIONS_DONE);
      await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      await browser.close();
      await server.close().catch(() => {}); // a test may have shut it down already
    },
  };
}

/** The teacher's page hosts a class of a built-in scenario; returns the class's join code. */
export async function hostClass(host: Page, scenario: string): Promise<string> {
  await host.click("#host");
  await host.waitForSelector(`#host-scenario option[value='${scenario}']`, { state: "attached" });
  await host.selectOption("#host-scenario", scenario);
  await host.click("#host-go");
  await host.waitForSelector("#join-code");
  return ((await host.textContent("#join-code")) ?? "").trim();
}

/** A student's page joins a class by its code and waits in the lobby until its seat is shown. */
export async function joinClass(page: Page, code: string, nickname: string): Promise<void> {
  await page.click("#join");
  await page.fill("#code", code);
  await page.fill("#nickname", nickname);
  await page.click("#join-go");
  // The seat's sentence is written once the room has seated them (more than a few characters).
  await page.locator("#lobby-seat", { hasText: /.{11}/ }).waitFor();
}

/** A player who has passed level 1 opens level 2 ("detour", a router's level) from the levels page. */
export async function openDetour(page: Page): Promise<void> {
  await page.evaluate(() =>
    localStorage.setItem(
      "hub-swarm:levels",
      JSON.stringify({ version: 1, best: { "ask-and-answer": { speed: 2, cost: 2, survival: null } } }),
    ),
  );
  await page.click("#levels");
  await page.click("[data-level='detour']");
}
