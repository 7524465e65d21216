/**
 * A router's panel: its routes now, setting one (or splitting the load), the firewall, what to send first.
 */
import { type NodeView, PACKET_KINDS, type PrivateView, type TeamView } from "../../../../shared/index";
import { PACKET_STYLE } from "../../render/palette";
import { h, option } from "../dom";
import { blockRow, fillSelect, type Panel, type PanelContext, panel, type Updater } from "./common";

export function routerPanel({ base, nodeId, send }: PanelContext): Panel {
  const sections: HTMLElement[] = [];
  const updaters: Updater[] = [];
  const dest = h("select", { id: "route-dest", "aria-label": "Destination" });
  const link = h("select", { id: "route-link", "aria-label": "Link" });
  const alt = h("select", { id: "route-alt", "aria-label": "Second link" });
  const blockSel = h("select", { id: "block-source", "aria-label": "Source to block" });
  const prio = h(
    "select",
    { id: "priority", "aria-label": "Priority" },
    option("", "nothing first"),
    ...PACKET_KINDS.map((k) => option(k, PACKET_STYLE[k]?.label ?? k)),
  );
  const routes = h("ul", { id: "routes", class: "routes", "aria-label": "Your routes now" });
  /** The link select's value for a null route: no link, the router drops those packets at once. */
  const DROP = "";

  /** Shows the chosen destination's current route in the link selects. */
  const showRoute = (you: PrivateView | null) => {
    const now = you?.routes?.dests.find((d) => d.dest === dest.value);
    if (!now) return;
    const shown = now.link || DROP; // no link: the null route's "nowhere"
    if (document.activeElement !== link && [...link.options].some((o) => o.value === shown))
      link.value = shown;
    if (document.activeElement !== alt) alt.value = now.alt ?? "";
  };
  let lastYou: PrivateView | null = null;
  dest.addEventListener("change", () => showRoute(lastYou));
  sections.push(
    h("h3", {}, "Routing"),
    h(
      "p",
      { class: "muted" },
      "Drag a node on the map onto one of your links (or tap the node, then the link) to send its packets that way. A red badge counts packets lost on a link.",
    ),
    routes,
    h("label", {}, "Packets going to", dest),
    h("label", {}, "leave me by the link", link),
    h("label", {}, "and also by (if you want to share the load)", alt),
    h(
      "button",
      {
        id: "route-set",
        onclick: () =>
          send({
            type: "route",
            ...base,
            dest: dest.value,
            // Nowhere: a null route, for a destination nobody can reach now (its region is dark).
            ...(link.value === DROP
              ? { link: null }
              : { link: link.value, ...(alt.value ? { alt: alt.value } : {}) }),
          }),
      },
      "Set route",
    ),
    h("h3", {}, "Firewall"),
    blockRow(blockSel, () => send({ type: "block", ...base, source: blockSel.value })),
    h("h3", {}, "Send first"),
    h(
      "div",
      { class: "row" },
      prio,
      h(
        "button",
        {
          onclick: () =>
            send({
              type: "prioritise",
              ...base,
              kind: prio.value ? (prio.value as (typeof PACKET_KINDS)[number]) : null,
            }),
        },
        "Set",
      ),
    ),
  );
  updaters.push((_n, team, you) => {
    const others = [...team.nodes.values()].filter((n) => n.id !== nodeId && !n.gone);
    const rank = (n: NodeView) => ["server", "origin", "seed", "router"].indexOf(n.role) + 1 || 9;
    others.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id, undefined, { numeric: true }));
    fillSelect(
      dest,
      others.map((n) => [n.id, n.label]),
    );
    const mine = [...team.links.values()].filter((l) => l.a === nodeId || l.b === nodeId);
    const name = (l: { a: string; b: string; id: string; up: boolean }) => {
      const other = l.a === nodeId ? l.b : l.a;
      return [l.id, `to ${team.nodes.get(other)?.label ?? other}${l.up ? "" : " (down!)"}`] as [
        string,
        string,
      ];
    };
    fillSelect(link, [...mine.map(name), [DROP, "nowhere: drop them here"]]);
    fillSelect(alt, [["", "no split"], ...mine.map(name)]);
    fillSelect(
      blockSel,
      others.filter((n) => n.kind !== "router").map((n) => [n.id, n.label]),
    );
    const firstView = lastYou === null;
    lastYou = you;
    if (firstView) showRoute(you);
    renderRoutes(routes, team, you);
  });
  return panel(sections, updaters);
}

/**
 * A router's routes now, one line per link: where its packets go, how many wait for it, how busy or
 * broken it is. A destination left without a working link is called out first.
 */
function renderRoutes(box: HTMLElement, team: TeamView, you: PrivateView | null): void {
  const view = you?.routes;
  const label = (id: string) => team.nodes.get(id)?.label ?? id;
  const lines: [string, string][] = [];
  if (view) {
    // Servers and seeds first: most packets go to or come from them.
    const rank = (id: string) =>
      ["server", "origin", "seed"].includes(team.nodes.get(id)?.role ?? "") ? 0 : 1;
    const dests = [...view.dests].sort((a, b) => rank(a.dest) - rank(b.dest));
    const down = (link: string) => team.links.get(link)?.up === false;
    const stuck = dests.filter((d) => down(d.link)).map((d) => label(d.dest));
    // No link at all: a null route the player set (or no way there when the round began).
    const dropped = dests.filter((d) => !d.link).map((d) => label(d.dest));
    const stuckUsers = view.links.filter((o) => down(o.link)).reduce((sum, o) => sum + o.users, 0);
    if (stuckUsers) stuck.push(`${stuckUsers} computer${stuckUsers === 1 ? "" : "s"}`);
    if (stuck.length)
      lines.push(["warn", `Stuck: packets to ${stuck.join(", ")} have no working link. Pick another!`]);
    if (dropped.length)
      lines.push([
        "",
        `Dropped here (no route): packets to ${dropped.join(", ")}. Pick a link to send them again.`,
      ]);
    // Links to single computers carry only their own packets: one line says they are there.
    const isUser = (id: string) => {
      const n = team.nodes.get(id);
      return n?.kind === "client" || (n?.kind === "peer" && !n.seed);
    };
    const access = view.links.filter((o) => isUser(o.to));
    for (const out of view.links) {
      if (isUser(out.to)) continue;
      const l = team.links.get(out.link);
      const names = dests.filter((d) => d.link === out.link).map((d) => label(d.dest));
      const split = dests.filter((d) => d.alt === out.link).map((d) => label(d.dest));
      const goes = [...names, ...split.map((n) => `half of ${n}`)];
      if (out.users) goes.push(`${out.users} computer${out.users === 1 ? "" : "s"}`);
      const facts = [
        goes.length ? `carries packets to ${goes.join(", ")}` : "carries nothing",
        out.waiting ? `${out.waiting} waiting` : "",
        l?.dropped ? `${l.dropped} dropped so far` : "",
        l && !l.up ? "DOWN" : l?.lossPercent ? `losing ${l.lossPercent}%` : l ? `${l.utilisation}% busy` : "",
      ].filter(Boolean);
      lines.push([l && !l.up ? "warn" : "", `Link to ${label(out.to)}: ${facts.join(" · ")}`]);
    }
    if (access.length) {
      const lost = access.reduce((sum, o) => sum + (team.links.get(o.link)?.dropped ?? 0), 0);
      lines.push([
        "",
        `${access.length} link${access.length === 1 ? "" : "s"} straight to a computer: ${access.reduce((s, o) => s + o.waiting, 0)} waiting${lost ? ` · ${lost} dropped so far` : ""}`,
      ]);
    }
  }
  const sig = JSON.stringify(lines);
  if (box.dataset.sig === sig) return;
  box.dataset.sig = sig;
  box.replaceChildren(
    ...(lines.length
      ? lines.map(([cls, text]) => h("li", { class: cls }, text))
      : [h("li", { class: "muted" }, "Your routes appear here in a second.")]),
  );
}
