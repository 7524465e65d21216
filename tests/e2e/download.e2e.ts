/**
 * The first download a student's browser makes stays within the budget (DESIGN.md §6: 500 KB gzip):
 * on a school's shared Wi-Fi, thirty of them arrive at once. The simulation itself is not part of it:
 * it comes with Watch again (shared/twin.ts is apart from the competition's rule for that reason; when
 * the twin came into the top bar's words it pulled the simulation in, 504.6 KB).
 */
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { DOWNLOAD_BUDGET_KB, initialDownload } from "./download";

it("the first download fits the budget", () => {
  const files = initialDownload(resolve("game-client/dist"));
  const kb = files.reduce((sum, f) => sum + f.gzip, 0) / 1024;
  const list = files
    .filter((f) => f.gzip > 2048)
    .map((f) => `${f.path} ${(f.gzip / 1024).toFixed(1)} KB`)
    .join(", ");
  expect(kb, `${kb.toFixed(1)} KB gzip: ${list}`).toBeLessThanOrEqual(DOWNLOAD_BUDGET_KB);
  expect(files.some((f) => f.path.startsWith("assets/main-"))).toBe(true);
});
