/**
 * Where a scenario's map puts things, before an architecture is chosen: the routers (in regions), the
 * links between them, and where the content holders and users attach. Pure: same input, same layout.
 */
import { type ExplicitMap, isGeneratedMap, type Scenario } from "./scenario";

/** The map as concrete routers, links and attachment points, before an architecture is chosen. */
export type Layout = ExplicitMap;

const REGION_NAMES = ["North", "East", "South", "West", "Centre", "Harbour", "Hills", "Valley"];
/** Map coordinates span 0..MAP_WIDTH × 0..MAP_HEIGHT; the client scales them to the screen. */
export const MAP_WIDTH = 1000;
export const MAP_HEIGHT = 600;

/** Turns a generated map description into routers and links. Pure: same input, same layout. */
export function layoutOf(scenario: Scenario): Layout {
  const map = scenario.map;
  if (!isGeneratedMap(map)) return map;
  const n = map.routers;
  const cx = MAP_WIDTH / 2;
  const cy = MAP_HEIGHT / 2;
  const routers: Layout["routers"] = [];
  const links: Layout["links"] = [];
  const region = (i: number) => REGION_NAMES[Math.floor((i * map.regions) / n)]!;
  const link = (a: number, b: number) =>
    links.push({ a: `R${a + 1}`, b: `R${b + 1}`, latency: map.latency, bandwidth: map.bandwidth });
  if (map.shape === "grid") {
    const cols = Math.ceil(Math.sqrt(n));
    const rows = Math.ceil(n / cols);
    for (let i = 0; i < n; i++) {
      const c = i % cols;
      const r = Math.floor(i / cols);
      const x = cols === 1 ? cx : 150 + (c * 700) / (cols - 1);
      const y = rows === 1 ? cy : 110 + (r * 380) / (rows - 1);
      routers.push({ id: `R${i + 1}`, region: region(i), x, y });
      if (c + 1 < cols && i + 1 < n) link(i, i + 1);
      if (i + cols < n) link(i, i + cols);
    }
  } else if (map.shape === "star") {
    routers.push({ id: "R1", region: region(0), x: cx, y: cy });
    for (let i = 1; i < n; i++) {
      const a = (2 * Math.PI * (i - 1)) / Math.max(1, n - 1);
      routers.push({
        id: `R${i + 1}`,
        region: region(i),
        x: cx + 340 * Math.cos(a),
        y: cy + 195 * Math.sin(a),
      });
      link(0, i);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n - Math.PI / 2;
      routers.push({
        id: `R${i + 1}`,
        region: region(i),
        x: cx + 360 * Math.cos(a),
        y: cy + 200 * Math.sin(a),
      });
    }
    if (n === 2) link(0, 1);
    if (n > 2) for (let i = 0; i < n; i++) link(i, (i + 1) % n);
    // Chords across big rings give the routers real choices when a link is cut.
    if (n >= 8) for (let i = 0; i < n / 2; i += 4) link(i, i + Math.floor(n / 2));
  }
  const at = (k: number, of: number) => `R${(Math.floor(((k + 0.5) * n) / of) % n) + 1}`;
  return {
    routers,
    links,
    servers: Array.from({ length: map.servers }, (_, s) => ({ id: `S${s + 1}`, router: at(s, map.servers) })),
    users: Array.from({ length: map.users }, (_, u) => ({ id: `U${u + 1}`, router: `R${(u % n) + 1}` })),
    ...(map.origin ? { origin: { router: `R${Math.floor(n / 2) + 1}` } } : {}),
  };
}
