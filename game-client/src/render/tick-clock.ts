/**
 * Where the client draws in simulation time. The server reports its tick with every patch; the client
 * extrapolates between patches and draws RENDER_DELAY ticks behind, so a packet is always drawn after
 * the server has said it left.
 */
const RENDER_DELAY = 1.5;

export class TickClock {
  private tick = 0;
  private at = 0;

  constructor(private readonly tickMs: number) {}

  /** A patch said the server is at `tick`. */
  sync(tick: number, now = performance.now()): void {
    if (tick !== this.tick) {
      this.tick = tick;
      this.at = now;
    }
  }

  /** The fractional tick to draw now; frozen while `paused`. */
  renderTick(paused: boolean, now = performance.now()): number {
    const ahead = paused ? 0 : Math.min(3, (now - this.at) / this.tickMs);
    return this.tick + ahead - RENDER_DELAY;
  }
}
