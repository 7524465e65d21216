/**
 * A reporter that times every beforeAll/afterAll hook (a server test's boot, a file's shared matches)
 * and prints the longest against the limit at the end of the run, so a run on a busy machine shows
 * how near a hook came to failing on time alone.
 */
import { relative } from "node:path";
import type { ReportedHookContext, Reporter, Vitest } from "vitest/node";

export default class HookTimes implements Reporter {
  private limitMs = 0;
  private readonly started = new Map<string, number>();
  private longest = { ms: 0, what: "" };

  onInit(vitest: Vitest): void {
    this.limitMs = vitest.config.hookTimeout;
  }

  onHookStart(hook: ReportedHookContext): void {
    this.started.set(keyOf(hook), performance.now());
  }

  onHookEnd(hook: ReportedHookContext): void {
    const t0 = this.started.get(keyOf(hook));
    if (t0 === undefined) return;
    const ms = performance.now() - t0;
    if (ms > this.longest.ms) {
      const module = hook.entity.type === "module" ? hook.entity : hook.entity.module;
      this.longest = { ms, what: `${hook.name} of ${relative(process.cwd(), module.moduleId)}` };
    }
  }

  onTestRunEnd(): void {
    if (this.longest.ms === 0) return;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`Longest hook: ${s(this.longest.ms)} (${this.longest.what}), of ${s(this.limitMs)} allowed`);
  }
}

function keyOf(hook: ReportedHookContext): string {
  return `${hook.entity.id} ${hook.name}`;
}
