/**
 * Rendering benchmark page (bench.html, not part of the game's download): the game view's MapView over
 * a real versus map, with a steady N packets in flight (?packets=1000). Frame times are measured with
 * requestAnimationFrame and published on window.benchResult for npm run bench:client.
 */
import { AUTO, Game, Scale, Scene } from "phaser";
import type { TeamState } from "../../game-server/src/rooms/schema";
import { BUILT_IN_SCENARIOS, type Crossing, createMatch, PACKET_KINDS } from "../../shared/index";
import { MapView } from "./render/MapView";
import { Preloader } from "./scenes/Preloader";

const params = new URLSearchParams(location.search);
const PACKETS = Number(params.get("packets") ?? 1000);
const SECONDS = Number(params.get("seconds") ?? 10);
const TICK_MS = 100;

/** Plain stand-ins for the synced team state, built from a real match's worlds. */
function teamsOf(): { key: string; team: TeamState }[] {
  const match = createMatch(BUILT_IN_SCENARIOS.calm!);
  return match.worlds.map((w) => {
    const nodes = new Map(
      w.nodes.map((n) => [
        n.id,
        {
          id: n.id,
          kind: n.kind,
          role: n.peer?.seed ? "seed" : n.kind,
          label: n.label,
          x: n.x,
          y: n.y,
          holder: "",
          down: false,
          gone: false,
          queue: 3,
          queueLimit: 48,
          encrypt: n.index % 3 === 0,
          seed: n.peer?.seed ?? false,
          progress: 40,
          breached: false,
          diskFailed: false,
        },
      ]),
    );
    const links = new Map(
      w.links.map((l, i) => [
        l.id,
        {
          id: l.id,
          index: i,
          a: w.nodes[l.a]!.id,
          b: w.nodes[l.b]!.id,
          up: true,
          latency: l.latency,
          bandwidth: l.bandwidth,
          utilisation: 40,
          lossPercent: 0,
        },
      ]),
    );
    return {
      key: w.team,
      team: {
        team: w.team,
        name: w.team === "hub" ? "Team Hub" : "Team Swarm",
        nodes,
        links,
      } as unknown as TeamState,
    };
  });
}

class Bench extends Scene {
  private views: MapView[] = [];
  private tick = 0;
  private start = 0;

  constructor() {
    super("Bench");
  }

  create(): void {
    const teams = teamsOf();
    const { width, height } = this.scale;
    teams.forEach(({ key, team }, i) => {
      const v = new MapView(
        this,
        key,
        () => team,
        () => null,
      );
      v.setRect({
        x: 8 + (i * (width - 16)) / teams.length,
        y: 8,
        w: (width - 16) / teams.length - 8,
        h: height - 16,
      });
      this.views.push(v);
    });
    this.start = performance.now();
    // Frame times as the browser paints them (requestAnimationFrame), not as the game loop sees them.
    const paint = (t: number) => {
      if (this.painted.length === 0 || t - this.start < SECONDS * 1000) requestAnimationFrame(paint);
      this.painted.push(t);
    };
    requestAnimationFrame(paint);
  }

  private painted: number[] = [];
  /** Time the views' per-frame update takes in JavaScript (drawing aside). */
  private updateMs: number[] = [];

  /** Keeps PACKETS in flight: each lives 20 ticks (2 s), so 1/20 of them are replaced every tick. */
  private feed(tick: number, team: TeamState, view: MapView, count: number): void {
    const links = [...team.links.values()];
    const crossings: Crossing[] = [];
    for (let i = 0; i < count; i++) {
      const link = links[(tick * 31 + i * 7) % links.length]!;
      crossings.push({
        link: link.index,
        reverse: i % 2 === 1,
        kind: PACKET_KINDS[i % 4]!,
        enter: tick,
        arrive: tick + 20,
        corrupt: i % 17 === 0,
        encrypted: i % 3 === 0,
      });
    }
    view.addCrossings(crossings);
  }

  override update(): void {
    const now = performance.now();
    const tick = (now - this.start) / TICK_MS;
    const whole = Math.floor(tick);
    const perView = PACKETS / this.views.length;
    while (this.tick <= whole) {
      const first = this.tick === 0;
      for (const v of this.views) {
        const team = v.team()!;
        this.feed(this.tick, team, v, first ? perView : perView / 20);
      }
      this.tick++;
    }
    const t0 = performance.now();
    for (const v of this.views) v.update(tick);
    this.updateMs.push(performance.now() - t0);
    if (now - this.start > SECONDS * 1000) {
      const deltas = this.painted.slice(1).map((t, i) => t - this.painted[i]!);
      const warm = deltas.slice(Math.floor(deltas.length / 5)).sort((a, b) => a - b);
      const q = (p: number) => warm[Math.min(warm.length - 1, Math.floor(p * warm.length))] ?? 0;
      const inFlight = this.views.reduce((a, v) => a + v.packetsInFlight, 0);
      const seconds = (this.painted.at(-1)! - this.painted[0]!) / 1000;
      Object.assign(window, {
        benchResult: {
          frames: warm.length,
          fps: deltas.length / seconds,
          updateP95: [...this.updateMs].sort((a, b) => a - b)[Math.floor(this.updateMs.length * 0.95)] ?? 0,
          p50: q(0.5),
          p95: q(0.95),
          inFlight,
        },
      });
      this.scene.pause();
    }
  }
}

new Game({
  type: AUTO,
  parent: "game",
  backgroundColor: "#1d2433",
  scale: { mode: Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
  scene: [
    class extends Preloader {
      override create(): void {
        this.makePacketTextures();
        this.scene.start("Bench");
      }
    },
    Bench,
  ],
});
