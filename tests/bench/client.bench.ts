/**
 * Client benchmark: the gzip size of what a player's browser downloads first (budget ≤ 500 KB), and
 * the game view's JavaScript per frame with 1,000 and 10,000 packets in flight in headless Chromium
 * (budget p95 ≤ 4 ms at both), then painted frame times for a bounded while (budget p95 ≤ 16.7 ms on a
 * GPU).
 *
 *   npm run bench:client [-- --packets 1000,10000 --updates 300]
 *
 * JavaScript per frame is timed over a fixed number of map updates, whatever the renderer's speed, so
 * the benchmark always finishes. Headless Chromium here renders WebGL in software (SwiftShader) on a
 * small machine: its painted frame times are an upper bound for a school Chromebook with a GPU, not a
 * measurement of one.
 */
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { ensureClientBuilt } from "../../game-server/src/client-build";
import { startServer } from "../../game-server/src/server";
import { CHROMIUM_ARGS } from "../e2e/browser";
import { DOWNLOAD_BUDGET_KB, initialDownload } from "../e2e/download";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const PACKETS = arg("packets", "1000,10000");
const UPDATES = Number(arg("updates", "300"));
/** The page's own work is bounded (fixed updates, PAINT_MS of painting); this is only a safety net. */
const TIMEOUT_MS = 15 * 60_000;

const dist = await ensureClientBuilt();
const files = initialDownload(dist);
let raw = 0;
let gz = 0;
const rows: string[] = [];
for (const f of files) {
  raw += f.bytes;
  gz += f.gzip;
  if (f.gzip > 2048)
    rows.push(
      `  ${f.path.padEnd(40)} ${(f.bytes / 1024).toFixed(1).padStart(8)} KB  ${(f.gzip / 1024).toFixed(1).padStart(7)} KB gzip`,
    );
}
console.log("Initial download (index.html, what it references, the icons the preloader fetches)");
for (const r of rows) console.log(r);
console.log(
  `  total: ${files.length} files, ${(raw / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(1)} KB gzip (budget ${DOWNLOAD_BUDGET_KB} KB): ${gz / 1024 <= DOWNLOAD_BUDGET_KB ? "within budget" : "OVER BUDGET"}`,
);

const server = await startServer({
  port: 0,
  host: "127.0.0.1",
  clientDir: dist,
  database: { dataDir: "memory://" },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [...CHROMIUM_ARGS, "--disable-gpu-vsync", "--disable-frame-rate-limit"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  // The first page also waits for Chromium to start and set up WebGL: slow on a busy machine.
  await page.goto(`${server.url}/bench.html?packets=${PACKETS}&updates=${UPDATES}`, { timeout: 120_000 });
  await page.waitForFunction(() => "benchResult" in globalThis, undefined, { timeout: TIMEOUT_MS });
  const r = (await page.evaluate(() => (globalThis as unknown as { benchResult: unknown }).benchResult)) as {
    levels: { packets: number; inFlight: number; updates: number; p50: number; p95: number }[];
    frames: number;
    frameP50: number;
    frameP95: number;
  };
  await page
    .screenshot({ path: resolve("screenshots", "bench-packets.png"), timeout: 120_000 })
    .catch(() => {});
  console.log(
    "\nJavaScript per frame, game view (both maps), fixed number of updates at 60 frames/s of game time",
  );
  for (const l of r.levels) {
    const ok = l.p95 <= 4;
    console.log(
      `  ${String(l.packets).padStart(6)} packets (${l.inFlight} in flight)   p50 ${l.p50.toFixed(2)} ms   p95 ${l.p95.toFixed(2)} ms over ${l.updates} updates   budget p95 ≤ 4 ms: ${ok ? "within budget" : "OVER BUDGET"}`,
    );
  }
  console.log(
    `\nPainted frames with ${r.levels[0]?.packets ?? 0} packets (software WebGL here): ${r.frames} frames, interval p50 ${r.frameP50.toFixed(1)} ms, p95 ${r.frameP95.toFixed(1)} ms`,
  );
} finally {
  await browser.close();
  await server.close();
}
process.exit(0);
