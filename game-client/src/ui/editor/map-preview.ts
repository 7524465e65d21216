/**
 * A small drawing of the scenario's map, built by the simulation itself (shared buildWorld), that the
 * teacher clicks to aim a failure: a node, a link, or (for an outage) the region a node is in. The
 * selected failure's possible targets are ringed, so "a router" or "the North region" is visible.
 */
import {
  canHit,
  type FailureKind,
  hasRole,
  MAP_HEIGHT,
  MAP_WIDTH,
  type SimNode,
  type World,
} from "../../../../shared/index";
import { h } from "../dom";
import { FAILURE_AIM } from "../failure-kinds";

const SVG = "http://www.w3.org/2000/svg";
const ICON: Record<string, string> = {
  client: "client",
  server: "server",
  router: "router",
  origin: "origin",
  peer: "peer",
};

export interface Pick {
  node?: string;
  link?: string;
  region?: string;
}

export interface MapPreview {
  element: HTMLElement;
  /** Draws the worlds' map; `aimed` is the selected failure, if any. */
  draw(
    worlds: readonly World[] | null,
    aimed: { kind: FailureKind; target?: string } | null,
    problem: string,
  ): void;
}

export function buildMapPreview(onPick: (p: Pick) => void): MapPreview {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `-20 -20 ${MAP_WIDTH + 40} ${MAP_HEIGHT + 40}`);
  svg.setAttribute("id", "ed-map");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "The scenario's map: click a node or link to aim the selected failure");
  const caption = h("p", { class: "muted small", id: "ed-map-caption" });
  svg.addEventListener("click", (e) => {
    const hit = (e.target as Element).closest("[data-node],[data-link]");
    if (!hit) return;
    const node = hit.getAttribute("data-node");
    const link = hit.getAttribute("data-link");
    if (node) onPick({ node, region: hit.getAttribute("data-region") ?? undefined });
    else if (link) onPick({ link });
  });
  const el = (parent: Element, tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    parent.append(e);
    return e;
  };
  return {
    element: h("div", { class: "ed-map" }, svg, caption),
    draw(worlds, aimed, problem) {
      svg.replaceChildren();
      const w = worlds?.[0];
      svg.classList.toggle("empty", !w);
      if (!w) {
        el(
          svg,
          "text",
          { x: MAP_WIDTH / 2, y: MAP_HEIGHT / 2, class: "ed-map-problem", "text-anchor": "middle" },
          "No map to show until its fields are fixed",
        );
        caption.textContent = problem;
        return;
      }
      const aim = aimed ? FAILURE_AIM[aimed.kind] : null;
      const target = aimed?.target ?? "";
      const inRegion = (n: SimNode) => aim === "region" && n.region.toLowerCase() === target.toLowerCase();
      const candidate = (n: SimNode) =>
        !!aimed &&
        aim === "node" &&
        canHit(aimed.kind, n) &&
        (target === "random" || (target.startsWith("role:") && hasRole(n, target.slice(5))));
      const big = w.nodes.length > 150;
      const size = big ? 16 : w.nodes.length > 60 ? 26 : 38;
      // Region names sit behind everything, at the middle of their routers.
      const regions = new Map<string, { x: number; y: number; n: number }>();
      for (const n of w.nodes.filter((n) => n.kind === "router")) {
        const r = regions.get(n.region) ?? { x: 0, y: 0, n: 0 };
        regions.set(n.region, { x: r.x + n.x, y: r.y + n.y, n: r.n + 1 });
      }
      if (regions.size > 1)
        for (const [name, r] of regions)
          el(
            svg,
            "text",
            {
              x: r.x / r.n,
              y: r.y / r.n,
              class: `ed-region${name.toLowerCase() === target.toLowerCase() && aim === "region" ? " aimed" : ""}`,
              "text-anchor": "middle",
            },
            name,
          );
      for (const l of w.links) {
        const a = w.nodes[l.a]!;
        const b = w.nodes[l.b]!;
        const core = a.kind === "router" && b.kind === "router";
        const [ta, tb] = target.split("-");
        const aimedLink =
          aim === "link" &&
          (l.id === target || l.id === `${tb}-${ta}` || (target === "role:access" && !core));
        const line = { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
        el(svg, "line", { ...line, class: `ed-link${core ? " core" : ""}${aimedLink ? " aimed" : ""}` });
        const hit = el(svg, "line", { ...line, class: "ed-hit", "data-link": l.id });
        el(hit, "title", {}, `link ${l.id}`);
      }
      for (const n of w.nodes) {
        const g = el(svg, "g", { "data-node": n.id, "data-region": n.region, class: "ed-node" });
        el(g, "title", {}, `${n.label} (${n.id}) · ${n.region}`);
        const exact = aim === "node" && n.id === target;
        if (exact || inRegion(n) || candidate(n))
          el(g, "circle", {
            cx: n.x,
            cy: n.y,
            r: size * 0.75,
            class: exact || inRegion(n) ? "ed-ring" : "ed-ring maybe",
          });
        const icon = n.peer?.seed ? "seed" : (ICON[n.kind] ?? "client");
        el(g, "image", {
          href: `icons/${icon}.svg`,
          x: n.x - size / 2,
          y: n.y - size / 2,
          width: size,
          height: size,
        });
        if (!big || n.kind === "router")
          el(g, "text", { x: n.x, y: n.y + size / 2 + 13, class: "ed-label", "text-anchor": "middle" }, n.id);
      }
      const team =
        worlds.length > 1
          ? "Team Hub's map shown; in Team Swarm the servers are seeds and the clients peers. "
          : "";
      const how =
        aim === "node" || aim === "link"
          ? `Click a ${aim} to aim the selected failure at it.`
          : aim === "region"
            ? "Click any node to black out its region."
            : "Select a failure, then click a node or link to aim it.";
      caption.textContent = `${team}${how}`;
    },
  };
}
