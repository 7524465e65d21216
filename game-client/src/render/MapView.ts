/**
 * Draws one team's network in a rectangle of the screen: links coloured by load, nodes with role
 * icons, status and a clear "you" highlight, and packets moving along links between the ticks they
 * entered and arrive. Reads state; decides nothing.
 *
 * Up to FLOW_THRESHOLD packets in flight each packet is a sprite. Beyond it the map draws flows: on
 * each link and direction that carries packets, a few dots move along it, more and larger for more
 * packets, some red when broken data is among them (links already show load and loss). The cost per frame then follows the links, not the
 * traffic (a school network carries ten thousand packets at once).
 */
import type { GameObjects, Scene } from "phaser";
import {
  type Crossing,
  isIntruder,
  type LinkView as LinkState,
  MAP_HEIGHT,
  MAP_WIDTH,
  type NodeView as NodeState,
  type RouteView,
  type TeamView as TeamState,
  waitedSeconds,
} from "../../../shared/index";
import { pixelDensity } from "./display";
import { COLORS, CORRUPT_STYLE, PACKET_STYLE, PACKET_TEXTURE } from "./palette";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A box on the screen, in CSS pixels (for tests and label placement). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a map shows where, for tests: its title, and each node's icon and label (null if unlabelled). */
export interface MapLayout {
  team: string;
  title: Box;
  titlePx: number;
  labelPx: number;
  /** Each node's icon and label; `plated`: the label sits on a plate (it covers another's icon). */
  nodes: { id: string; mine: boolean; icon: Box; label: (Box & { plated: boolean }) | null }[];
  /** The player's router's link tags (where each link sends packets), by link id. */
  routeTags: { link: string; text: string }[];
  /** The player's router's link badges for packets lost ("3 dropped"), by link id. */
  dropTags: { link: string; text: string }[];
  /**
   * Users waiting for their file, with their tag's words ("12 s") and where it is drawn; on a map too
   * small for tags, those ringed in red (text "", their icon's box).
   */
  waits: { id: string; text: string; box: Box }[];
}

/**
 * A router player's routes drawn on their map: an arrow on each of their links that carries traffic,
 * the chosen destination ringed and the link it leaves by glowing, each link's waiting packets named.
 */
export interface RouteOverlay {
  router: string;
  /** The destination chosen in the panel (or tapped on the map). */
  chosen: string | null;
  view: RouteView;
  /** Changes whenever what the overlay shows does (the map redraws its links only then). */
  sig: string;
}

/** Where a map's nodes go: pixels per map unit for sizes, across and down, and where the nodes' span begins. */
interface Fit {
  /** What it was worked out for (the rectangle, the title, the banners' room and the span). */
  key: string;
  s: number;
  sx: number;
  sy: number;
  ox: number;
  oy: number;
}

/** How much farther apart a map's nodes may be spread in one direction than in the other. */
const STRETCH = 1.6;

/** Room around the nodes' own span, in map units: icons stick out sideways, labels hang below. */
const PAD = { x: 50, top: 45, bottom: 70 };

/** Users (clients, peers that are not seeds) are many and small: unlabelled unless a player holds one. */
const isUser = (n: NodeState) => n.kind === "client" || (n.kind === "peer" && !n.seed);

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

interface NodeSprite {
  icon: GameObjects.Image;
  label: GameObjects.Text;
  ring: GameObjects.Graphics;
  badge: GameObjects.Image;
  /** How long a user has waited for its file ("12 s"), made the first time it waits. */
  wait: GameObjects.Text | null;
  /** The node at the other end of a user's access link (its router), looked up once. */
  home?: string | null;
  /** What the ring graphics last showed. */
  sig: string;
  /** Where the node stood when last placed: a server moving to the cloud changes it. */
  at: string;
}

interface Flying {
  /** Its sprite while packets are drawn one by one; null in flow mode (or not yet drawn). */
  sprite: GameObjects.Image | null;
  crossing: Crossing;
}

/** Packets in flight on one map above which links show flows instead of one sprite per packet. */
export const FLOW_THRESHOLD = 300;
/** Most moving dots on one link direction in flow mode. */
const FLOW_DOTS = 4;
/** Ticks a flow dot takes to run along its link. */
const FLOW_TICKS = 10;
/**
 * A link's load arrives on its own tick of the second (a tenth of the links each tick: projection.ts):
 * the links are redrawn for new loads at most this often, not ten times a second.
 */
const LOAD_REDRAW_MS = 1000;

const ICON_OF: Record<string, string> = {
  client: "client",
  server: "server",
  router: "router",
  peer: "peer",
  seed: "seed",
  origin: "origin",
  tracker: "tracker",
  botnet: "botnet",
};

export class MapView {
  private readonly links: GameObjects.Graphics;
  /** Flow mode's moving dots, redrawn each frame. */
  private readonly flows: GameObjects.Graphics;
  /** Per link direction (2 × link index + reverse): packets in flight, and broken ones among them. */
  private flowCount = new Int32Array(0);
  private flowCorrupt = new Int32Array(0);
  private readonly nodes = new Map<string, NodeSprite>();
  private readonly flying: Flying[] = [];
  private readonly pool: GameObjects.Image[] = [];
  private readonly title: GameObjects.Text;
  private rect: Rect = { x: 0, y: 0, w: 100, h: 100 };
  /** The part of the map the nodes span (map units), padded: it fills the rectangle. */
  private span = { x: 0, y: 0, w: MAP_WIDTH, h: MAP_HEIGHT, nodes: -1 };
  private labelsDirty = true;
  private linkSignature = "";
  /** The links' loads as last read (in steps of 16 %, with the routes' loss counts), and when. */
  private loadSignature = "";
  private loadsReadAt = Number.NEGATIVE_INFINITY;
  /** Pixels under the title kept free of nodes: banners show there. */
  bannerRoom = 0;
  /** Extra link or node to outline (the host's current failure target). */
  highlight: string | null = null;
  /** The player's routes, when they run a router. */
  routes: RouteOverlay | null = null;
  /** One tag per link of the player's router: where it sends packets, and how many wait for it. */
  private readonly routeTags = new Map<string, GameObjects.Text>();
  /** One badge per link of the player's router that has lost packets: "3 dropped". */
  private readonly dropTags = new Map<string, GameObjects.Text>();

  constructor(
    private readonly scene: Scene,
    readonly teamKey: string,
    readonly team: () => TeamState | undefined,
    private readonly myNode: () => string | null,
  ) {
    this.links = scene.add.graphics().setDepth(1);
    this.flows = scene.add.graphics().setDepth(3);
    this.title = scene.add
      .text(0, 0, "", {
        fontFamily: "system-ui, sans-serif",
        fontSize: "22px",
        fontStyle: "bold",
        color: "#ffffff",
        resolution: pixelDensity(),
      })
      .setDepth(5);
  }

  setRect(rect: Rect): void {
    this.rect = rect;
    this.relayout();
  }

  private relayout(): void {
    this.linkSignature = "";
    this.title.setFontSize(this.titlePx());
    for (const [id, s] of this.nodes) this.placeNode(id, s);
    this.labelsDirty = true;
  }

  /** How large this map would be drawn in a rectangle (pixels per map unit): the scene picks the larger. */
  scaleIn(rect: Rect): number {
    this.measureSpan();
    const title = this.titlePxFor(rect);
    return Math.min(rect.w / this.span.w, (rect.h - title - 8 - this.bannerRoom) / this.span.h);
  }

  private measureSpan(): void {
    const team = this.team();
    if (!team || team.nodes.size === this.span.nodes) return;
    let x0 = MAP_WIDTH;
    let y0 = MAP_HEIGHT;
    let x1 = 0;
    let y1 = 0;
    for (const n of team.nodes.values()) {
      x0 = Math.min(x0, n.x);
      y0 = Math.min(y0, n.y);
      x1 = Math.max(x1, n.x);
      y1 = Math.max(y1, n.y);
    }
    if (x1 < x0) return;
    this.span = {
      x: x0 - PAD.x,
      y: y0 - PAD.top,
      w: x1 - x0 + 2 * PAD.x,
      h: y1 - y0 + PAD.top + PAD.bottom,
      nodes: team.nodes.size,
    };
  }

  /** The team's name above its map: 38 px on a 1920-pixel projector, 18 px at the least (a phone). */
  private titlePxFor(rect: Rect): number {
    const screen = this.scene.scale.width / pixelDensity() / 50;
    return Math.round(Math.max(18, Math.min(40, rect.h / 10, Math.max(rect.w / 30, screen))));
  }

  private titlePx(): number {
    return this.titlePxFor(this.rect);
  }

  /** Pixels from the rectangle's top to the banners' room: the title as drawn (its stroke included). */
  private head(): number {
    return Math.max(this.titlePx() + 8, Math.ceil(this.title.displayHeight) + 10);
  }

  /** Where the banners' room begins on screen (CSS pixels): the scene shows its messages there. */
  bannerTop(): number {
    return this.rect.y + this.head();
  }

  /**
   * Node labels: 13 px at the least (a phone), 24 px on a 1920-pixel screen (a projector's back row,
   * README: "Screen sizes"), but never far larger than the map is drawn: on a small map big labels
   * would have nowhere to go but over the icons.
   */
  private labelPx(): number {
    const s = this.scale();
    const screen = this.scene.scale.width / pixelDensity() / 80;
    return Math.round(Math.max(13, Math.min(24, Math.max(22 * s, Math.min(screen, 32 * s)))));
  }

  /** Map coordinates to the screen: the nodes' span fills the rectangle (see `fit`). */
  toScreen(x: number, y: number): { x: number; y: number } {
    const f = this.fit();
    return { x: f.ox + (x - this.span.x - PAD.x) * f.sx, y: f.oy + (y - this.span.y - PAD.top) * f.sy };
  }

  /** Pixels per map unit for sizes (icons, lines): the same across and down, so nothing is squashed. */
  private scale(): number {
    return this.fit().s;
  }

  private fitCache: Fit = { key: "", s: 1, sx: 1, sy: 1, ox: 0, oy: 0 };

  /**
   * How the nodes' span fills the rectangle. Sizes keep one scale (`s`, the span's aspect kept); the
   * nodes' positions may spread up to STRETCH times farther in the direction with room to spare (the
   * projector's two maps are tall and narrow, their networks wide and flat). The banners' room under
   * the title is kept free on every screen, spread or not: a failure's news never hides a node.
   */
  private fit(): Fit {
    const r = this.rect;
    const top = this.head();
    const key = `${r.x},${r.y},${r.w},${r.h},${top},${this.bannerRoom},${this.span.x},${this.span.y},${this.span.w},${this.span.h}`;
    const f = this.fitCache;
    if (f.key === key) return f;
    const high = r.h - top - this.bannerRoom;
    const s = Math.min(r.w / this.span.w, high / this.span.h);
    // The padding (room for icons and labels) keeps scale s; only the nodes' own span spreads.
    const padX = 2 * PAD.x * s;
    const padY = (PAD.top + PAD.bottom) * s;
    const spread = (room: number, pad: number, size: number) =>
      Math.max(s, Math.min(s * STRETCH, (room - pad) / size));
    const sx = spread(r.w, padX, this.span.w - 2 * PAD.x);
    const sy = spread(high, padY, this.span.h - PAD.top - PAD.bottom);
    const w = padX + (this.span.w - 2 * PAD.x) * sx;
    const h = padY + (this.span.h - PAD.top - PAD.bottom) * sy;
    this.fitCache = {
      key,
      s,
      sx,
      sy,
      ox: r.x + (r.w - w) / 2 + PAD.x * s,
      oy: r.y + top + this.bannerRoom + (high - h) / 2 + PAD.top * s,
    };
    return this.fitCache;
  }

  /** Adds packets that started crossing a link (drawn at the next update). */
  addCrossings(crossings: Crossing[]): void {
    for (const c of crossings) this.flying.push({ sprite: null, crossing: c });
  }

  /**
   * Per frame: moves packets to where they are at `tick` (drawn a little behind the server), or draws
   * flows when there are many; counts waits at `stateTick`, the tick the nodes' state is of (counted
   * from the drawing tick, a wait just shown read "1 s").
   */
  update(tick: number, stateTick: number): void {
    const team = this.team();
    if (!team) return;
    if (team.nodes.size !== this.span.nodes) {
      this.measureSpan();
      this.relayout();
    }
    this.syncNodes(team, stateTick);
    this.drawLinks(team);
    if (this.labelsDirty) this.placeLabels();
    const linkList = this.linkArray(team);
    let keep = 0;
    for (let i = 0; i < this.flying.length; i++) {
      const f = this.flying[i]!;
      if (tick >= f.crossing.arrive || !linkList[f.crossing.link]) {
        this.release(f);
        continue;
      }
      this.flying[keep++] = f;
    }
    this.flying.length = keep;
    if (keep > FLOW_THRESHOLD) this.drawFlows(team, linkList, tick);
    else this.drawPackets(team, linkList, tick);
  }

  private release(f: Flying): void {
    if (!f.sprite) return;
    f.sprite.setVisible(false);
    this.pool.push(f.sprite);
    f.sprite = null;
  }

  /** One sprite per packet, between its link's ends. */
  private drawPackets(team: TeamState, linkList: LinkState[], tick: number): void {
    this.flows.clear();
    const s = Math.max(0.6, this.scale() * 1.4);
    for (const f of this.flying) {
      const c = f.crossing;
      const link = linkList[c.link]!;
      if (tick < c.enter) continue;
      const a = team.nodes.get(c.reverse ? link.b : link.a);
      const b = team.nodes.get(c.reverse ? link.a : link.b);
      if (!a || !b) continue;
      if (!f.sprite) {
        const style = c.corrupt ? CORRUPT_STYLE : (PACKET_STYLE[c.kind] ?? PACKET_STYLE.chunk!);
        f.sprite = (this.pool.pop() ?? this.scene.add.image(0, 0, PACKET_TEXTURE, style.texture).setDepth(3))
          .setFrame(style.texture)
          .setTint(style.color)
          .setAlpha(c.encrypted ? 0.75 : 1);
      }
      const t = (tick - c.enter) / Math.max(1, c.arrive - c.enter);
      const pa = this.toScreen(a.x, a.y);
      const pb = this.toScreen(b.x, b.y);
      f.sprite
        .setPosition(pa.x + (pb.x - pa.x) * t, pa.y + (pb.y - pa.y) * t)
        .setScale(s)
        .setVisible(true);
    }
  }

  /**
   * Flow mode: packets are counted per link and direction, and each busy direction gets a few dots
   * running along it (one more for each doubling of its packets), red for its share of broken data.
   */
  private drawFlows(team: TeamState, linkList: LinkState[], tick: number): void {
    const slots = linkList.length * 2;
    if (this.flowCount.length < slots) {
      this.flowCount = new Int32Array(slots);
      this.flowCorrupt = new Int32Array(slots);
    } else {
      this.flowCount.fill(0, 0, slots);
      this.flowCorrupt.fill(0, 0, slots);
    }
    for (const f of this.flying) {
      this.release(f);
      const c = f.crossing;
      if (tick < c.enter) continue;
      const slot = c.link * 2 + (c.reverse ? 1 : 0);
      this.flowCount[slot]!++;
      if (c.corrupt) this.flowCorrupt[slot]!++;
    }
    const g = this.flows;
    g.clear();
    const radius = Math.max(2, 5 * this.scale() * 1.4);
    for (let slot = 0; slot < slots; slot++) {
      const count = this.flowCount[slot]!;
      if (count === 0) continue;
      const link = linkList[slot >> 1];
      if (!link) continue;
      const reverse = (slot & 1) === 1;
      const a = team.nodes.get(reverse ? link.b : link.a);
      const b = team.nodes.get(reverse ? link.a : link.b);
      if (!a || !b) continue;
      const pa = this.toScreen(a.x, a.y);
      const pb = this.toScreen(b.x, b.y);
      const dots = Math.min(FLOW_DOTS, 1 + Math.floor(Math.log2(count)));
      const r = radius * Math.min(2, 1 + count / 200);
      // As many red dots as broken data's share of the packets, at least one when there is any.
      const broken = Math.ceil((dots * this.flowCorrupt[slot]!) / count);
      for (let d = 0; d < dots; d++) {
        g.fillStyle(d < broken ? CORRUPT_STYLE.color : PACKET_STYLE.chunk!.color, 0.95);
        const t = (tick / FLOW_TICKS + d / dots) % 1;
        g.fillCircle(pa.x + (pb.x - pa.x) * t, pa.y + (pb.y - pa.y) * t, r);
      }
    }
  }

  /** How many packets are on screen now. */
  get packetsInFlight(): number {
    return this.flying.length;
  }

  private linkCache: { team: TeamState | null; size: number; list: LinkState[] } = {
    team: null,
    size: -1,
    list: [],
  };
  private linkArray(team: TeamState): LinkState[] {
    if (this.linkCache.team !== team || this.linkCache.size !== team.links.size) {
      const list: LinkState[] = [];
      for (const l of team.links.values()) list[l.index] = l;
      this.linkCache = { team, size: team.links.size, list };
    }
    return this.linkCache.list;
  }

  private drawLinks(team: TeamState): void {
    let sig = `${this.highlight}|`;
    for (const l of team.links.values()) sig += `${l.up ? 1 : 0}${l.lossPercent > 0 ? "L" : ""};`;
    const now = performance.now();
    if (now - this.loadsReadAt >= LOAD_REDRAW_MS) {
      let loads = "";
      for (const l of team.links.values()) loads += l.utilisation >> 4;
      // The routes' loss counts arrive with their links' loads: read as seldom.
      if (this.routes)
        for (const out of this.routes.view.links) loads += `,${team.links.get(out.link)?.dropped ?? 0}`;
      this.loadSignature = loads;
      this.loadsReadAt = now;
    }
    sig += this.loadSignature;
    for (const n of team.nodes.values()) if (n.kind === "router") sig += n.down ? "d" : "u";
    if (this.routes) sig += this.routes.sig;
    if (sig === this.linkSignature) return;
    this.linkSignature = sig;
    const g = this.links;
    g.clear();
    const s = this.scale();
    for (const l of team.links.values()) {
      const a = team.nodes.get(l.a);
      const b = team.nodes.get(l.b);
      if (!a || !b || a.gone || b.gone) continue;
      const pa = this.toScreen(a.x, a.y);
      const pb = this.toScreen(b.x, b.y);
      const core = a.kind === "router" && b.kind === "router";
      const width = Math.max(2, (core ? 7 : 3) * s * 1.4);
      if (this.highlight === l.id) {
        g.lineStyle(width + 8, COLORS.yellow, 0.9);
        g.lineBetween(pa.x, pa.y, pb.x, pb.y);
      }
      if (!l.up) {
        g.lineStyle(width, COLORS.warn, 0.9);
        dashed(g, pa, pb, 10);
        const mx = (pa.x + pb.x) / 2;
        const my = (pa.y + pb.y) / 2;
        g.lineStyle(4, COLORS.warn, 1);
        g.lineBetween(mx - 9, my - 9, mx + 9, my + 9);
        g.lineBetween(mx - 9, my + 9, mx + 9, my - 9);
        continue;
      }
      // Load: light when idle, darker and thicker when busy.
      const load = l.utilisation / 100;
      g.lineStyle(
        width * (1 + load),
        load > 0.8 ? COLORS.warn : load > 0.4 ? COLORS.hub : COLORS.line,
        0.55 + 0.45 * load,
      );
      if (l.lossPercent > 0) dashed(g, pa, pb, 6);
      else g.lineBetween(pa.x, pa.y, pb.x, pb.y);
    }
    this.drawRoutes(team);
  }

  /**
   * The routes of the player's router: each of its links that carries packets gets an arrow pointing
   * away from the router and a tag naming where they go; the chosen destination's link glows.
   */
  private drawRoutes(team: TeamState): void {
    const overlay = this.routes;
    const seen = new Set<string>();
    const me = overlay ? team.nodes.get(overlay.router) : undefined;
    if (overlay && me && !me.gone) {
      const g = this.links;
      const s = this.scale();
      const pa = this.toScreen(me.x, me.y);
      const chosen = overlay.view.dests.find((d) => d.dest === overlay.chosen);
      const labelOf = (id: string) => team.nodes.get(id)?.label ?? id;
      const placed: Box[] = [];
      const obstacles = [...this.nodes.values()].flatMap((n) => [
        ...(n.icon.visible ? [iconBox(n)] : []),
        ...(n.label.visible && n.label.text
          ? [{ x: n.label.x, y: n.label.y, w: n.label.displayWidth, h: n.label.displayHeight }]
          : []),
      ]);
      for (const out of overlay.view.links) {
        const l = team.links.get(out.link);
        const other = team.nodes.get(out.to);
        if (!l || !other) continue;
        // A link to one user's computer carries only that user's packets: nothing to choose there.
        if (isUser(other)) continue;
        const pb = this.toScreen(other.x, other.y);
        // Servers and seeds first: most packets go to or come from them.
        const rank = (id: string) => (team.nodes.get(id)?.kind === "router" ? 1 : 0);
        const named = overlay.view.dests
          .filter((d) => d.link === out.link)
          .sort((a, b) => rank(a.dest) - rank(b.dest))
          .map((d) => labelOf(d.dest));
        const split = overlay.view.dests.filter((d) => d.alt === out.link).map((d) => labelOf(d.dest));
        const picked = chosen && (chosen.link === out.link || chosen.alt === out.link);
        const used = named.length + split.length + out.users > 0;
        const width = Math.max(3, 7 * s * 1.4);
        if (picked) {
          g.lineStyle(width + 10, COLORS.yellow, 0.85);
          g.lineBetween(pa.x, pa.y, pb.x, pb.y);
        }
        if (used) arrow(g, pa, pb, Math.max(12, 16 * s * 1.4), picked ? COLORS.ink : COLORS.yellow);
        // The tag: where this link's packets go, and how many wait for it.
        const words: string[] = [];
        const more = Math.max(0, named.length - 2) + out.users;
        if (named.length) words.push(`→ ${named.slice(0, 2).join(", ")}${more ? ` +${more} more` : ""}`);
        else if (out.users) words.push(`→ ${out.users} computer${out.users === 1 ? "" : "s"}`);
        if (out.waiting) words.push(`${out.waiting} waiting`);
        if (!l.up) words.push("link down!");
        if (!words.length) continue;
        const tag = this.tagOn(this.routeTags, out.link, "#1d2433").setBackgroundColor(
          l.up ? "#f0e442" : "#ffd7c2",
        );
        // Somewhere along the link where it covers no other tag, node or name; in short words if the
        // long ones fit nowhere; else left off (the panel lists every route).
        const all = named.length + out.users;
        const short = [
          named.length ? `→ ${named[0]}${all > 1 ? ` +${all - 1}` : ""}` : out.users ? `→ ${out.users}` : "",
          l.up ? "" : "down!",
        ].filter(Boolean);
        let spot: number | undefined;
        for (const text of [words.join(" · "), short.join(" · ")]) {
          tag.setText(text);
          spot = [0.5, 0.62, 0.38, 0.75].find((t) => {
            const b = boxAround(pa.x + (pb.x - pa.x) * t, pa.y + (pb.y - pa.y) * t, tag!);
            return !placed.some((p) => overlaps(p, b)) && !obstacles.some((i) => overlaps(i, b));
          });
          if (spot !== undefined) break;
        }
        if (spot === undefined) continue;
        const x = pa.x + (pb.x - pa.x) * spot;
        const y = pa.y + (pb.y - pa.y) * spot;
        placed.push(boxAround(x, y, tag));
        seen.add(out.link);
        tag.setPosition(x, y).setVisible(true);
      }
      // Packets lost on a link or waiting for it: a red badge nearer the router, after the tags.
      for (const out of overlay.view.links) {
        const l = team.links.get(out.link);
        const other = team.nodes.get(out.to);
        if (!l?.dropped || !other) continue;
        const pb = this.toScreen(other.x, other.y);
        const badge = this.tagOn(this.dropTags, out.link, "#ffffff")
          .setBackgroundColor("#a4161a")
          .setText(`${l.dropped} dropped`);
        const spot = [0.3, 0.42, 0.2, 0.55, 0.7, 0.85].find((t) => {
          const b = boxAround(pa.x + (pb.x - pa.x) * t, pa.y + (pb.y - pa.y) * t, badge);
          return !placed.some((p) => overlaps(p, b)) && !obstacles.some((i) => overlaps(i, b));
        });
        if (spot === undefined) continue;
        const x = pa.x + (pb.x - pa.x) * spot;
        const y = pa.y + (pb.y - pa.y) * spot;
        placed.push(boxAround(x, y, badge));
        seen.add(`drop:${out.link}`);
        badge.setPosition(x, y).setVisible(true);
      }
    }
    for (const [id, tag] of this.routeTags) if (!seen.has(id)) tag.setVisible(false);
    for (const [id, tag] of this.dropTags) if (!seen.has(`drop:${id}`)) tag.setVisible(false);
  }

  /** A link's tag from a set of them, made on first use: bold text on a coloured box, sized to the labels. */
  private tagOn(tags: Map<string, GameObjects.Text>, link: string, color: string): GameObjects.Text {
    let tag = tags.get(link);
    if (!tag) {
      tag = this.scene.add
        .text(0, 0, "", {
          fontFamily: "system-ui, sans-serif",
          fontSize: "14px",
          fontStyle: "bold",
          color,
          padding: { x: 4, y: 2 },
          resolution: pixelDensity(),
        })
        .setDepth(6)
        .setOrigin(0.5);
      tags.set(link, tag);
    }
    return tag.setFontSize(Math.max(12, Math.round(this.labelPx() * 0.8)));
  }

  private syncNodes(team: TeamState, tick: number): void {
    const mine = this.myNode();
    for (const n of team.nodes.values()) {
      let s = this.nodes.get(n.id);
      if (!s) {
        s = this.createNode(n);
        this.nodes.set(n.id, s);
        this.placeNode(n.id, s);
        this.labelsDirty = true;
      } else if (s.at !== `${n.x},${n.y}`) {
        this.placeNode(n.id, s);
        this.labelsDirty = true;
        this.linkSignature = "";
      }
      this.styleNode(n, s, n.id === mine);
      this.styleWait(n, s, tick);
    }
    this.title.setText(`${team.name}`).setPosition(this.rect.x + 8, this.rect.y + 2);
    this.title.setColor(this.teamKey === "hub" ? "#e69f00" : "#3fd1a6");
  }

  private createNode(n: NodeState): NodeSprite {
    const key = isIntruder(n) ? "peer" : (ICON_OF[n.role] ?? ICON_OF[n.kind] ?? "peer");
    const icon = this.scene.add.image(0, 0, key).setDepth(4).setInteractive({ useHandCursor: true });
    icon.on("pointerdown", () => this.onNodeClick?.(this.teamKey, n.id));
    // Labels are drawn over every icon and badge: a neighbour's icon never hides a name.
    const label = this.scene.add
      .text(0, 0, n.label, {
        fontFamily: "system-ui, sans-serif",
        fontSize: "15px",
        color: "#ffffff",
        stroke: "#1d2433",
        strokeThickness: 4,
        resolution: pixelDensity(),
      })
      .setDepth(6);
    const ring = this.scene.add.graphics().setDepth(2);
    const badge = this.scene.add.image(0, 0, "crash").setDepth(5).setVisible(false);
    return { icon, label, ring, badge, wait: null, sig: "", at: "" };
  }

  /** Set by the scene: a click on a node. */
  onNodeClick: ((team: string, node: string) => void) | null = null;

  private placeNode(id: string, s: NodeSprite): void {
    const n = this.team()?.nodes.get(id);
    if (!n) return;
    s.at = `${n.x},${n.y}`;
    const p = this.toScreen(n.x, n.y);
    const size = Math.max(26, (n.kind === "router" ? 62 : 52) * this.scale());
    s.icon.setPosition(p.x, p.y).setDisplaySize(size, size);
    s.label.setFontSize(this.labelPx());
    s.badge.setPosition(p.x + size * 0.4, p.y - size * 0.4).setDisplaySize(size * 0.5, size * 0.5);
  }

  private styleNode(n: NodeState, s: NodeSprite, mine: boolean): void {
    const down = n.down || n.gone;
    s.icon.setAlpha(n.gone ? 0.25 : down ? 0.5 : 1);
    const badge = n.down
      ? "crash"
      : n.breached
        ? "malicious"
        : n.diskFailed
          ? "backup"
          : n.cloud
            ? "cloud"
            : n.encrypt
              ? "lock"
              : null;
    if (badge) s.badge.setTexture(badge).setVisible(!n.gone);
    else s.badge.setVisible(false);
    // Users are many: they go unlabelled unless a player holds them. Infrastructure is always named.
    const user = n.kind === "client" || (n.kind === "peer" && !n.seed);
    const name = n.cloud ? `${n.label} (cloud)` : n.label;
    const label = n.holder ? `${name} · ${n.holder}` : user ? "" : name;
    if (s.label.text !== label) {
      s.label.setText(label);
      this.labelsDirty = true;
    }
    // Redraw the ring, load bar and progress arc only when something they show has changed.
    const target = this.routes?.chosen === n.id;
    const ringWait = n.waitingSince >= 0 && !down && compactWaits(s.icon);
    const sig = `${mine}|${n.holder}|${this.highlight === n.id}|${target}|${down}|${n.queue}|${n.progress}|${ringWait}|${s.icon.x}|${s.icon.y}|${s.icon.displayWidth}`;
    if (s.sig === sig) return;
    s.sig = sig;
    const g = s.ring;
    g.clear();
    const p = s.icon;
    const r = p.displayWidth * 0.62;
    if (mine) {
      g.lineStyle(6, COLORS.yellow, 1);
      g.strokeCircle(p.x, p.y, r + 4);
    } else if (n.holder) {
      g.lineStyle(3, COLORS.white, 0.9);
      g.strokeCircle(p.x, p.y, r);
    }
    if (this.highlight === n.id) {
      g.lineStyle(5, COLORS.warn, 1);
      g.strokeCircle(p.x, p.y, r + 10);
    }
    // The destination the player's router is routing: a yellow target ring.
    if (target) {
      g.lineStyle(4, COLORS.yellow, 1);
      g.strokeCircle(p.x, p.y, r + 6);
      g.strokeCircle(p.x, p.y, r + 12);
    }
    // Load: a small bar under the icon, how full its queue is.
    if (n.queueLimit > 0 && n.queue > 0 && !down) {
      const w = p.displayWidth;
      const f = Math.min(1, n.queue / n.queueLimit);
      g.fillStyle(COLORS.ink, 0.8);
      g.fillRect(p.x - w / 2, p.y - p.displayHeight / 2 - 8, w, 6);
      g.fillStyle(f > 0.8 ? COLORS.warn : COLORS.yellow, 1);
      g.fillRect(p.x - w / 2, p.y - p.displayHeight / 2 - 8, w * f, 6);
    }
    // A user waiting for its file, on a map too small for the seconds' tags (a phone): a red ring.
    if (ringWait) {
      g.lineStyle(3, COLORS.warn, 1);
      g.strokeCircle(p.x, p.y, r - 4);
    }
    // Progress of a user's current download, as an arc.
    if ((n.kind === "peer" || n.kind === "client") && !n.seed && n.progress < 100 && !down) {
      g.lineStyle(4, n.kind === "peer" ? COLORS.swarm : COLORS.sky, 1);
      g.beginPath();
      g.arc(p.x, p.y, r - 4, -Math.PI / 2, -Math.PI / 2 + (2 * Math.PI * n.progress) / 100);
      g.strokePath();
    }
  }

  /**
   * A user waiting for the file it wants: the seconds it has waited, on a red tag beside its icon's
   * lower right ("12 s"), counted from the round's clock. When a server crashes every client of it shows one;
   * when a swarm's seeds leave too early, every peer does, and the count only grows.
   */
  private styleWait(n: NodeState, s: NodeSprite, tick: number): void {
    const secs = waitedSeconds(n, tick);
    if (secs < 0 || compactWaits(s.icon)) {
      s.wait?.setVisible(false);
      return;
    }
    s.wait ??= this.scene.add
      .text(0, 0, "", {
        fontFamily: "system-ui, sans-serif",
        fontStyle: "bold",
        color: "#ffffff",
        backgroundColor: WAIT_PLATE,
        padding: { x: 4, y: 1 },
        resolution: pixelDensity(),
      })
      .setOrigin(0, 0.5)
      // Under the icons and labels: a router or a name stays whole where a neighbour's tag reaches it.
      .setDepth(3.5);
    const text = `${secs} s`;
    if (s.wait.text !== text) s.wait.setText(text);
    const icon = s.icon;
    const w = icon.displayWidth;
    // Each frame: a size set again draws the text again, so only when it changed.
    const px = Math.max(10, Math.min(Math.round(this.labelPx() * 0.75), Math.round(w * 0.5)));
    if (s.wait.style.fontSize !== `${px}px`) s.wait.setFontSize(px);
    // Beside its icon's lower corner away from its router, so the router stays clear (reaching past
    // its map's edge if it must: the map beside is a gap away), never off the screen.
    const right = icon.x + w * 0.4;
    const left = icon.x - w * 0.4 - s.wait.displayWidth;
    const router = this.nodes.get(this.homeOf(n.id, s) ?? "")?.icon;
    const away = router && router.x > icon.x + 1 ? left : right;
    const x = away < 0 ? right : away + s.wait.displayWidth > this.scene.scale.width ? left : away;
    s.wait.setPosition(x, icon.y + icon.displayHeight * 0.35).setVisible(true);
  }

  /** The node a user's access link leads to (its router), found once among the team's links. */
  private homeOf(id: string, s: NodeSprite): string | null {
    if (s.home === undefined) {
      s.home = null;
      for (const l of this.team()?.links.values() ?? [])
        if (l.a === id || l.b === id) {
          s.home = l.a === id ? l.b : l.a;
          break;
        }
    }
    return s.home;
  }

  /**
   * Puts every label where it overlaps no other label and no icon: below its node if it can, else
   * above, right, left or diagonally below; the player's own node and held nodes choose first. A label
   * with no free place anywhere is hidden rather than printed over another.
   */
  private placeLabels(): void {
    this.labelsDirty = false;
    const team = this.team();
    if (!team) return;
    const mine = this.myNode();
    const icons = new Map<string, Box>();
    for (const [id, s] of this.nodes)
      if (s.icon.visible && !team.nodes.get(id)?.gone) icons.set(id, iconBox(s));
    const rank = (id: string, n: NodeState | undefined) =>
      id === mine ? 0 : n?.holder ? 1 : n?.kind === "router" ? 3 : 2;
    const order = [...this.nodes.entries()]
      .filter(([id, s]) => s.label.text !== "" && icons.has(id))
      .sort(([a], [b]) => rank(a, team.nodes.get(a)) - rank(b, team.nodes.get(b)) || a.localeCompare(b));
    for (const [, s] of this.nodes) if (s.label.text === "") s.label.setVisible(false);
    const placed: Box[] = [];
    const bounds = this.rect;
    // Labels stay below the title and the banners' room, as the nodes do.
    const floor = bounds.y + this.head() + this.bannerRoom;
    const inside = (b: Box) =>
      b.x >= bounds.x && b.y >= floor && b.x + b.w <= bounds.x + bounds.w && b.y + b.h <= bounds.y + bounds.h;
    const freeOfLabels = (b: Box) => !placed.some((p) => overlaps(p, b));
    const fullPx = this.labelPx();
    // A label too big for a crowded corner tries a smaller size (down to 11 px) before a worse place.
    const sizes = [fullPx, Math.round(fullPx * 0.85), Math.max(11, Math.round(fullPx * 0.7))];
    // Users (clients, peers that are not seeds) are many and small: a label may cover one at a pinch.
    const users = new Set(
      [...team.nodes.values()]
        .filter((n) => n.kind === "client" || (n.kind === "peer" && !n.seed))
        .map((n) => n.id),
    );
    for (const [id, s] of order) {
      const icon = icons.get(id)!;
      const freeOfIcons = (b: Box) => ![...icons].some(([other, ib]) => other !== id && overlaps(ib, b));
      const iconCover = (b: Box) =>
        [...icons].reduce((sum, [other, ib]) => (other === id ? sum : sum + overlapArea(ib, b)), 0);
      const freeOfInfra = (b: Box) =>
        ![...icons].some(([other, ib]) => other !== id && !users.has(other) && overlaps(ib, b));
      // The first place free of other labels that `clear` allows, trying the smaller sizes in turn.
      const sized = (clear: (b: Box) => boolean): Box | undefined => {
        for (const px of sizes) {
          if (s.label.style.fontSize !== `${px}px`) s.label.setFontSize(px);
          const spot = labelSpots(icon, s.label.displayWidth, s.label.displayHeight).find(
            (b) => inside(b) && freeOfLabels(b) && clear(b),
          );
          if (spot) return spot;
        }
        return undefined;
      };
      // Clear of every icon; else over a user's small icon rather than a router or server; else at
      // full size the place that hides the least of other icons.
      let spot = sized(freeOfIcons) ?? sized(freeOfInfra);
      if (!spot) {
        s.label.setFontSize(fullPx);
        const spots = labelSpots(icon, s.label.displayWidth, s.label.displayHeight);
        spot =
          spots.filter((b) => inside(b) && freeOfLabels(b)).sort((a, b) => iconCover(a) - iconCover(b))[0] ??
          (id === mine ? spots[0] : undefined);
      }
      if (!spot) {
        s.label.setVisible(false);
        continue;
      }
      placed.push(spot);
      // A name that had to go over a neighbour's icon gets a plate of the map's colour: it reads
      // whole, instead of the icon showing between its letters.
      const plate = freeOfIcons(spot) ? "" : LABEL_PLATE;
      if ((s.label.style.backgroundColor ?? "") !== plate) s.label.setBackgroundColor(plate);
      s.label.setPosition(spot.x, spot.y).setVisible(true);
    }
  }

  /** Where the title, icons and labels are on the screen now, in CSS pixels (for tests). */
  describe(): MapLayout {
    const mine = this.myNode();
    const t = this.title;
    return {
      team: this.teamKey,
      title: { x: t.x, y: t.y, w: t.displayWidth, h: t.displayHeight },
      titlePx: this.titlePx(),
      labelPx: this.labelPx(),
      nodes: [...this.nodes.entries()]
        .filter(([id]) => !this.team()?.nodes.get(id)?.gone)
        .map(([id, s]) => ({
          id,
          mine: id === mine,
          icon: iconBox(s),
          label:
            s.label.visible && s.label.text
              ? {
                  x: s.label.x,
                  y: s.label.y,
                  w: s.label.displayWidth,
                  h: s.label.displayHeight,
                  plated: Boolean(s.label.style.backgroundColor),
                }
              : null,
        })),
      routeTags: [...this.routeTags.entries()]
        .filter(([, t]) => t.visible)
        .map(([link, t]) => ({ link, text: t.text })),
      dropTags: [...this.dropTags.entries()]
        .filter(([, t]) => t.visible)
        .map(([link, t]) => ({ link, text: t.text })),
      waits: [...this.nodes.entries()].flatMap(([id, s]) => {
        const n = this.team()?.nodes.get(id);
        if (!n || n.waitingSince < 0) return [];
        if (compactWaits(s.icon)) return [{ id, text: "", box: iconBox(s) }];
        const t = s.wait;
        if (!t?.visible) return [];
        return [
          {
            id,
            text: t.text,
            box: { x: t.x, y: t.y - t.displayHeight / 2, w: t.displayWidth, h: t.displayHeight },
          },
        ];
      }),
    };
  }

  /** The link nearest a screen point, if within `tolerance` pixels (only among links `only` keeps). */
  linkAt(x: number, y: number, tolerance = 14, only?: (link: string) => boolean): string | null {
    const team = this.team();
    if (!team) return null;
    let best: string | null = null;
    let bestD = tolerance;
    for (const l of team.links.values()) {
      if (only && !only(l.id)) continue;
      const a = team.nodes.get(l.a);
      const b = team.nodes.get(l.b);
      if (!a || !b) continue;
      const d = distanceToSegment({ x, y }, this.toScreen(a.x, a.y), this.toScreen(b.x, b.y));
      if (d < bestD) {
        bestD = d;
        best = l.id;
      }
    }
    return best;
  }

  /** The node whose icon is under a screen point (a few pixels around it count: a finger is wide). */
  nodeAt(x: number, y: number, margin = 6): string | null {
    const team = this.team();
    for (const [id, s] of this.nodes) {
      if (!s.icon.visible || team?.nodes.get(id)?.gone) continue;
      const b = iconBox(s);
      if (x >= b.x - margin && x <= b.x + b.w + margin && y >= b.y - margin && y <= b.y + b.h + margin)
        return id;
    }
    return null;
  }

  contains(x: number, y: number): boolean {
    const r = this.rect;
    return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
  }

  destroy(): void {
    this.links.destroy();
    this.flows.destroy();
    this.title.destroy();
    for (const s of this.nodes.values())
      for (const o of [s.icon, s.label, s.ring, s.badge, s.wait]) o?.destroy();
    for (const t of [...this.routeTags.values(), ...this.dropTags.values()]) t.destroy();
    for (const f of this.flying) f.sprite?.destroy();
    for (const p of this.pool) p.destroy();
  }
}

/**
 * Whether a map's icons are too small for the seconds' tags beside them (a phone: 26 px): a waiting
 * user is ringed in red instead, and the player reads their own wait in their panel.
 */
function compactWaits(icon: GameObjects.Image): boolean {
  return icon.displayWidth < 34;
}

/** The tag of a user waiting for its file: the darker warning red (CSS --warn-strong), white reads on it at 5:1. */
const WAIT_PLATE = "#b84f00";

/** The plate behind a label printed over another node's icon: the map's own dark blue. */
const LABEL_PLATE = "rgba(29, 36, 51, 0.85)";

/**
 * Where a label may go around its icon, best first: below, above, right, left, diagonally below, lower,
 * then above or below aligned with one of its edges.
 */
function labelSpots(icon: Box, w: number, h: number): Box[] {
  const cx = icon.x + icon.w / 2;
  const cy = icon.y + icon.h / 2;
  return [
    { x: cx - w / 2, y: icon.y + icon.h, w, h },
    { x: cx - w / 2, y: icon.y - h, w, h },
    { x: icon.x + icon.w + 2, y: cy - h / 2, w, h },
    { x: icon.x - w - 2, y: cy - h / 2, w, h },
    { x: icon.x + icon.w * 0.6, y: icon.y + icon.h, w, h },
    { x: icon.x + icon.w * 0.4 - w, y: icon.y + icon.h, w, h },
    { x: cx - w / 2, y: icon.y + icon.h + h, w, h },
    // Near a map's edge the centred places fall off it: above or below, starting at the icon's left
    // edge or ending at its right edge.
    { x: icon.x, y: icon.y - h, w, h },
    { x: icon.x + icon.w - w, y: icon.y - h, w, h },
    { x: icon.x, y: icon.y + icon.h, w, h },
    { x: icon.x + icon.w - w, y: icon.y + icon.h, w, h },
  ];
}

/** An arrow head on the segment a→b, 60 % of the way, pointing towards b. */
function arrow(
  g: GameObjects.Graphics,
  a: { x: number; y: number },
  b: { x: number; y: number },
  size: number,
  color: number,
): void {
  const angle = Math.atan2(b.y - a.y, b.x - a.x);
  const tx = a.x + (b.x - a.x) * 0.7;
  const ty = a.y + (b.y - a.y) * 0.7;
  const back = (side: number) => ({
    x: tx - size * Math.cos(angle + side * 0.5),
    y: ty - size * Math.sin(angle + side * 0.5),
  });
  const l = back(1);
  const r = back(-1);
  g.fillStyle(COLORS.ink, 1);
  g.fillTriangle(tx + 2 * Math.cos(angle), ty + 2 * Math.sin(angle), l.x, l.y, r.x, r.y);
  g.fillStyle(color, 1);
  g.fillTriangle(
    tx,
    ty,
    l.x + Math.cos(angle) * 2,
    l.y + Math.sin(angle) * 2,
    r.x + Math.cos(angle) * 2,
    r.y + Math.sin(angle) * 2,
  );
}

/** The box of a text drawn centred on (x, y). */
function boxAround(x: number, y: number, t: GameObjects.Text): Box {
  return { x: x - t.displayWidth / 2, y: y - t.displayHeight / 2, w: t.displayWidth, h: t.displayHeight };
}

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function iconBox(s: NodeSprite): Box {
  const w = s.icon.displayWidth;
  const h = s.icon.displayHeight;
  return { x: s.icon.x - w / 2, y: s.icon.y - h / 2, w, h };
}

function dashed(
  g: GameObjects.Graphics,
  a: { x: number; y: number },
  b: { x: number; y: number },
  dash: number,
): void {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const n = Math.max(1, Math.floor(len / (dash * 2)));
  for (let i = 0; i < n; i++) {
    const t0 = (i * 2 * dash) / len;
    const t1 = Math.min(1, ((i * 2 + 1) * dash) / len);
    g.lineBetween(
      a.x + (b.x - a.x) * t0,
      a.y + (b.y - a.y) * t0,
      a.x + (b.x - a.x) * t1,
      a.y + (b.y - a.y) * t1,
    );
  }
}

function distanceToSegment(
  p: { x: number; y: number },
  a: { x: number; y: number },
  b: { x: number; y: number },
): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
