/**
 * Dragging a route on a router player's map: press on a destination (or on one of your links that
 * carries packets to one), drag onto another of your links or the neighbour at its end, let go: that
 * destination's packets leave by that link. Mouse and finger alike (Phaser pointers). A press that does
 * not move is a tap, which the scene handles as before. Decides nothing: the scene sends the same
 * route decision as a tap.
 */
import type { GameObjects, Scene } from "phaser";
import type { RouteView } from "../../../shared/index";
import type { MapView } from "../render/MapView";
import { COLORS } from "../render/palette";

/** Pixels a press must move before it is a drag, not a tap (a finger wobbles). */
const DRAG_PX = 12;
/** How near a link a finger lets go for it to count (a finger is wider than a mouse pointer). */
const DROP_PX = 22;

/** How a press ended: a tap (the scene's to handle), a route set, or a drag let go on no link of yours. */
export type DragEnd = "tap" | "set" | "missed";

export interface RouteDragHooks {
  /** The router's routes now (the player's private view), undefined before the first one. */
  routes(): RouteView | undefined;
  /** The destination chosen in the panel, if any. */
  chosen(): string | null;
  /** Whether a node is one the router can route (the panel's destination list holds it). */
  isDest(node: string): boolean;
  /** Picks the destination in the panel (the map rings it). */
  choose(dest: string): void;
  /** Sends the route: the same decision as a tap. */
  setRoute(dest: string, link: string): void;
}

export class RouteDrag {
  private press: { x: number; y: number; dest: string | null } | null = null;
  private dragging = false;
  private readonly line: GameObjects.Graphics;

  constructor(
    scene: Scene,
    private readonly view: MapView,
    private readonly router: string,
    private readonly hooks: RouteDragHooks,
  ) {
    this.line = scene.add.graphics().setDepth(7);
  }

  /** Whether a drag is under way (the scene leaves the map's outline to it meanwhile). */
  get active(): boolean {
    return this.dragging;
  }

  /** A press on the map: on a destination, or on one of the router's links that carries a route. */
  down(x: number, y: number): void {
    const routes = this.hooks.routes();
    this.press = { x, y, dest: routes ? this.destAt(x, y, routes) : null };
    this.dragging = false;
  }

  move(x: number, y: number): void {
    const p = this.press;
    if (!p?.dest) return;
    if (!this.dragging && Math.hypot(x - p.x, y - p.y) < DRAG_PX) return;
    if (!this.dragging) {
      this.dragging = true;
      this.hooks.choose(p.dest);
    }
    const target = this.targetAt(x, y);
    this.view.highlight = target;
    // A yellow band from where the drag began to the finger, thicker over a link it can drop on.
    const g = this.line.clear();
    g.lineStyle(target ? 9 : 7, COLORS.ink, 0.9);
    g.lineBetween(p.x, p.y, x, y);
    g.lineStyle(target ? 5 : 3, COLORS.yellow, 1);
    g.lineBetween(p.x, p.y, x, y);
    g.fillStyle(COLORS.yellow, 1);
    g.fillCircle(x, y, target ? 10 : 7);
  }

  /** The press ends where the pointer lets go. */
  up(x: number, y: number): DragEnd {
    const dest = this.press?.dest;
    const dragged = this.dragging;
    this.cancel();
    if (!dragged || !dest) return "tap";
    const link = this.targetAt(x, y);
    if (!link) return "missed";
    this.hooks.setRoute(dest, link);
    return "set";
  }

  /** Drops the drag (the pointer left the map, the scene ends). */
  cancel(): void {
    if (this.dragging) this.view.highlight = null;
    this.press = null;
    this.dragging = false;
    this.line.clear();
  }

  destroy(): void {
    this.line.destroy();
  }

  /**
   * The destination a press picks up: the node under it, or on one of the router's links the
   * destination routed over it (the one chosen in the panel if it is among them, else servers first).
   */
  private destAt(x: number, y: number, routes: RouteView): string | null {
    const node = this.view.nodeAt(x, y);
    if (node) return node !== this.router && this.hooks.isDest(node) ? node : null;
    const link = this.view.linkAt(x, y, 14, (id) => routes.links.some((l) => l.link === id));
    if (!link) return null;
    const over = routes.dests.filter((d) => d.link === link || d.alt === link);
    const chosen = this.hooks.chosen();
    if (chosen && over.some((d) => d.dest === chosen)) return chosen;
    const kind = (id: string) => this.view.team()?.nodes.get(id)?.kind ?? "";
    const rank = (id: string) => ["server", "origin", "peer", "router"].indexOf(kind(id)) + 1 || 9;
    return over.map((d) => d.dest).sort((a, b) => rank(a) - rank(b))[0] ?? null;
  }

  /** The router's link a drop lands on: the neighbour under the pointer, else the link beside it. */
  private targetAt(x: number, y: number): string | null {
    const routes = this.hooks.routes();
    if (!routes) return null;
    const node = this.view.nodeAt(x, y);
    const toNeighbour = node ? routes.links.find((l) => l.to === node) : undefined;
    if (toNeighbour) return toNeighbour.link;
    return this.view.linkAt(x, y, DROP_PX, (id) => routes.links.some((l) => l.link === id));
  }
}
