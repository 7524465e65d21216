import { Math as PMath, Scene } from "phaser";
import { session } from "../net/app";
import { fitCamera, viewSize } from "../render/display";
import { COLORS, PACKET_TEXTURE } from "../render/palette";
import { clearUi, h, mount } from "../ui/dom";

/** The front page: a living network in the background, four doors in front. */
export class Menu extends Scene {
  constructor() {
    super("Menu");
  }

  create(): void {
    void session.leave();
    this.drawBackdrop();
    const go = (scene: string) => () => this.scene.start(scene);
    mount(
      h(
        "section",
        { class: "card", id: "menu" },
        h(
          "div",
          { class: "row" },
          // A student sent here because the server went away may not be able to load it: no broken image.
          h("img", {
            src: "icons/logo.svg",
            alt: "",
            width: 72,
            height: 72,
            onerror: (e: Event) => (e.target as HTMLElement).remove(),
          }),
          h("h1", {}, "Hub & Swarm"),
        ),
        h(
          "p",
          { class: "muted" },
          "Run a node of a live network. Deliver the data — and survive what breaks.",
        ),
        h(
          "div",
          { class: "menu" },
          h("button", { id: "join", class: "swarm", onclick: go("Join") }, "Join a class"),
          h("button", { id: "host", class: "hub", onclick: go("Host") }, "Host a class"),
          h("button", { id: "levels", onclick: go("Levels") }, "Solo levels"),
          h("button", { id: "solo", class: "secondary", onclick: go("Solo") }, "Sandbox: play solo"),
        ),
        h(
          "div",
          { class: "menu teacher", "aria-label": "For teachers" },
          h("button", { id: "editor", class: "secondary", onclick: go("Editor") }, "Scenario editor"),
          h("button", { id: "history", class: "secondary", onclick: go("History") }, "Past classes"),
        ),
      ),
    );
    this.events.once("shutdown", clearUi);
  }

  /** A quiet animated network behind the menu: dots joined by lines, packets running along them. */
  private drawBackdrop(): void {
    fitCamera(this);
    const { width, height } = viewSize(this);
    const rnd = new PMath.RandomDataGenerator(["hub-and-swarm"]);
    const points = Array.from({ length: 22 }, () => ({
      x: rnd.between(40, width - 40),
      y: rnd.between(40, height - 40),
    }));
    const g = this.add.graphics();
    g.lineStyle(2, COLORS.line, 0.25);
    const edges: [number, number][] = [];
    points.forEach((p, i) => {
      const near = points
        .map((q, j) => ({ j, d: PMath.Distance.Between(p.x, p.y, q.x, q.y) }))
        .filter((e) => e.j !== i)
        .sort((a, b) => a.d - b.d)
        .slice(0, 2);
      for (const n of near) {
        edges.push([i, n.j]);
        g.lineBetween(p.x, p.y, points[n.j]!.x, points[n.j]!.y);
      }
    });
    for (const p of points) this.add.circle(p.x, p.y, 6, COLORS.sky, 0.5);
    for (let k = 0; k < 14; k++) {
      const [a, b] = edges[rnd.between(0, edges.length - 1)]!;
      const dot = this.add
        .image(points[a]!.x, points[a]!.y, PACKET_TEXTURE, "pkt-circle")
        .setTint(k % 2 ? COLORS.hub : COLORS.swarm);
      this.tweens.add({
        targets: dot,
        x: points[b]!.x,
        y: points[b]!.y,
        duration: rnd.between(1500, 3500),
        yoyo: true,
        repeat: -1,
      });
    }
  }
}
