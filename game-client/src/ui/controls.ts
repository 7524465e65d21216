/**
 * The role panel: every decision of DESIGN.md's table for the player's own node, one tap each. The
 * panel is built once and updated in place (so a half-chosen select is never reset under a finger).
 */
import type { MatchView, NodeView, PrivateView, TeamView } from "../../../shared/index";
import {
  type NodeIntent,
  PACKET_KINDS,
  PRICES,
  patchRefusal,
  restoreRefusal,
  upgradeRefusal,
} from "../../../shared/index";
import { PACKET_STYLE } from "../app";
import { armOnFirstClick, h, option } from "./dom";

type Send = (intent: NodeIntent) => void;
type Updater = (node: NodeView, team: TeamView, you: PrivateView | null) => void;

export interface Controls {
  element: HTMLElement;
  update(state: MatchView, you: PrivateView | null): void;
}

function toggle(
  id: string,
  onText: string,
  offText: string,
  click: (on: boolean) => void,
): { el: HTMLButtonElement; set(on: boolean): void } {
  const el = h("button", { id, class: "secondary" }) as HTMLButtonElement;
  let current = false;
  el.addEventListener("click", () => click(!current));
  return {
    el,
    set(on: boolean) {
      current = on;
      el.textContent = on ? onText : offText;
      el.classList.toggle("secondary", !on);
    },
  };
}

function fillSelect(select: HTMLSelectElement, items: [string, string][]): void {
  const keep = select.value;
  const sig = items.map((i) => i.join("=")).join("|");
  if (select.dataset.sig === sig) return;
  select.dataset.sig = sig;
  select.replaceChildren(...items.map(([v, t]) => option(v, t, v === keep)));
}

export function buildControls(
  state: MatchView,
  teamKey: "hub" | "swarm",
  nodeId: string,
  send: Send,
): Controls {
  const base = { team: teamKey, node: nodeId };
  const node = state.teams.get(teamKey)!.nodes.get(nodeId)!;
  const updaters: Updater[] = [];
  const sections: HTMLElement[] = [];
  const role = node.role;

  if (role === "router") {
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
    /** Shows the chosen destination's current route in the link selects. */
    const showRoute = (you: PrivateView | null) => {
      const now = you?.routes?.dests.find((d) => d.dest === dest.value);
      if (!now) return;
      if (document.activeElement !== link && [...link.options].some((o) => o.value === now.link))
        link.value = now.link;
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
              link: link.value,
              ...(alt.value ? { alt: alt.value } : {}),
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
      fillSelect(link, mine.map(name));
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
  }

  if (role === "server") {
    const upgrade = h("button", { id: "upgrade", onclick: () => send({ type: "upgrade", ...base }) });
    const replica = h(
      "button",
      { id: "replica", onclick: () => send({ type: "replica", ...base }) },
      `Add a copy of your server in another region (${PRICES.replica} coins)`,
    );
    const cloud = toggle(
      "cloud",
      "In the cloud ✓ (move back)",
      `Move to the cloud (${PRICES.cloudPerMinute} coins a minute)`,
      (on) => send({ type: "cloud", ...base, on }),
    );
    const backup = toggle(
      "backup",
      "Backups on ✓",
      `Backups off: turn on (${PRICES.backupPerMinute} coins a minute)`,
      (on) => send({ type: "backup", ...base, on }),
    );
    const encrypt = toggle("encrypt", "Encryption on ✓", "Encryption off", (on) =>
      send({ type: "encrypt", ...base, on }),
    );
    const stateless = toggle(
      "stateless",
      "Logins kept safe ✓ (a crash logs nobody out)",
      `A crash logs everyone out: keep logins safe (${PRICES.sessionStorePerMinute} coins a minute)`,
      (on) => send({ type: "stateless", ...base, on }),
    );
    const restore = h(
      "button",
      { id: "restore", class: "warn", onclick: () => send({ type: "restore", ...base }) },
      "Restore from backup",
    );
    const patch = h(
      "button",
      { id: "patch", class: "warn", onclick: () => send({ type: "patch", ...base }) },
      "Fix the hack (isolate and patch)",
    );
    const item = h("select", { id: "cache-item", "aria-label": "Item" });
    const blockSel = h("select", { id: "block-source", "aria-label": "Source to block" });
    sections.push(
      h("h3", {}, "Capacity"),
      h("div", { class: "row" }, upgrade, replica),
      h("div", { class: "row" }, cloud.el),
      h("h3", {}, "Safety"),
      h("div", { class: "row" }, backup.el, encrypt.el),
      h("div", { class: "row" }, stateless.el),
      h("div", { class: "row" }, restore, patch),
      h("h3", {}, "Copy a file from the origin server"),
      h(
        "div",
        { class: "row" },
        item,
        h("button", { onclick: () => send({ type: "cache", ...base, item: Number(item.value) }) }, "Fetch"),
      ),
      h("h3", {}, "Block a source"),
      blockRow(blockSel, () => send({ type: "block", ...base, source: blockSel.value })),
    );
    updaters.push((n, team, you) => {
      const full = upgradeRefusal(n) !== null;
      upgrade.textContent = full ? "Fully upgraded" : `Upgrade: serve more (${PRICES.upgrade} coins)`;
      upgrade.disabled = full;
      cloud.set(n.cloud);
      backup.set(n.backup);
      stateless.set(n.stateless);
      encrypt.set(n.encrypt);
      restore.disabled = restoreRefusal(n) !== null;
      patch.disabled = patchRefusal(n) !== null;
      fillSelect(
        item,
        Array.from({ length: state.items }, (_, i) => [String(i), `Item ${i + 1}`] as [string, string]),
      );
      fillSelect(blockSel, suspectsFirst(team, you, nodeId));
    });
  }

  if (role === "client") {
    const server = h("select", { id: "client-server", "aria-label": "Server to ask" });
    const ask = h(
      "button",
      { id: "ask-server", onclick: () => send({ type: "server", ...base, server: server.value }) },
      "Ask this server now",
    );
    const encrypt = toggle(
      "encrypt",
      "My connection is encrypted ✓",
      "My connection is not encrypted",
      (on) => send({ type: "encrypt", ...base, on }),
    );
    sections.push(
      h("h3", {}, "Your server"),
      h("div", { class: "row" }, server, ask),
      h("h3", {}, "Safety"),
      h("div", { class: "row" }, encrypt.el),
    );
    updaters.push((n, team, you) => {
      encrypt.set(n.encrypt);
      // Every server of the team, with what the map shows about it: down, or how busy.
      const servers = [...team.nodes.values()].filter((x) => x.kind === "server" && !x.gone);
      fillSelect(
        server,
        servers.map((x) => {
          const state = x.down ? "down" : `${x.queue + x.jobs} waiting`;
          const mine = x.id === you?.asks ? " · yours" : "";
          return [x.id, `${x.label} (${state})${mine}`] as [string, string];
        }),
      );
    });
  }

  if (role === "peer" || role === "seed") {
    const encrypt = toggle("encrypt", "Encryption on ✓", "Encryption off", (on) =>
      send({ type: "encrypt", ...base, on }),
    );
    const verify = toggle("verify", "Checking every piece ✓", "Not checking pieces: turn on", (on) =>
      send({ type: "verify", ...base, on }),
    );
    const strategy = h(
      "select",
      { id: "strategy" },
      option("rarest", "Rarest pieces first"),
      option("sequential", "In order, first to last"),
      option("random", "Any order"),
    );
    strategy.addEventListener("change", () =>
      send({ type: "strategy", ...base, strategy: strategy.value as "rarest" }),
    );
    const policy = h(
      "select",
      { id: "policy" },
      option("allow", "Share with everyone"),
      option("approve", "Ask me first"),
      option("deny", "Share with no one"),
    );
    policy.addEventListener("change", () =>
      send({ type: "policy", ...base, policy: policy.value as "allow" }),
    );
    const approvals = h("div", { id: "approvals", class: "stack" });
    const blockSel = h("select", { id: "block-source", "aria-label": "Peer to block" });
    const backup = toggle(
      "peer-backup",
      "Backed up ✓",
      `No backup: back up your computer (${PRICES.peerBackupPerMinute} coins a minute)`,
      (on) => send({ type: "backup", ...base, on }),
    );
    const restore = h(
      "button",
      { id: "peer-restore", class: "warn", onclick: () => send({ type: "restore", ...base }) },
      "Restore from backup",
    );
    sections.push(
      h("h3", {}, "Trust"),
      h("div", { class: "row" }, verify.el, encrypt.el),
      h("h3", {}, "Downloading"),
      h("label", {}, "Which piece to download next", strategy),
      h("h3", {}, "Sharing"),
      h("label", {}, "Who may download from you", policy),
      approvals,
      h("h3", {}, "Your own backup"),
      h("div", { class: "row" }, backup.el, restore),
      h("h3", {}, "Block a peer"),
      blockRow(blockSel, () => send({ type: "block", ...base, source: blockSel.value })),
      h(
        "div",
        { class: "row" },
        armOnFirstClick(
          h("button", { id: "leave", class: "secondary" }, "Stop sharing and leave the swarm"),
          "Sure? Tap again to leave for good",
          () => send({ type: "leave", ...base }),
        ),
      ),
    );
    updaters.push((n, team, you) => {
      encrypt.set(n.encrypt);
      verify.set(n.verify);
      backup.set(n.backup);
      restore.disabled = restoreRefusal(n) !== null;
      if (document.activeElement !== strategy) strategy.value = n.strategy;
      if (document.activeElement !== policy) policy.value = n.policy;
      const waiting = you?.awaiting ?? [];
      const sig = waiting.join(",");
      if (approvals.dataset.sig !== sig) {
        approvals.dataset.sig = sig;
        approvals.replaceChildren(
          ...waiting.map((id) =>
            h(
              "div",
              { class: "row" },
              h("span", {}, `${team.nodes.get(id)?.label ?? id} asks for a piece`),
              h(
                "button",
                { onclick: () => send({ type: "access", ...base, peer: id, allow: true }) },
                "Allow",
              ),
              h(
                "button",
                { class: "warn", onclick: () => send({ type: "access", ...base, peer: id, allow: false }) },
                "Deny",
              ),
            ),
          ),
        );
      }
      fillSelect(
        blockSel,
        suspectsFirst(team, you, nodeId, (x) => x.kind === "peer"),
      );
    });
  }

  const autopilot = toggle(
    "autopilot",
    "Autopilot on (take back control)",
    "Hand over to the autopilot",
    (on) => send({ type: "autopilot", ...base, on }),
  );
  const status = h("div", { class: "kv", id: "node-status" });
  const restart = h(
    "button",
    { id: "restart", class: "warn", hidden: true, onclick: () => send({ type: "restart", ...base }) },
    "It crashed: restart it now",
  );
  const element = h(
    "div",
    { id: "controls" },
    h("h2", {}, h("span", { class: "you-badge" }, "You: "), node.label),
    status,
    restart,
    ...sections,
    h("h3", {}, "Autopilot (the computer plays for you)"),
    autopilot.el,
  );
  return {
    element,
    update(state, you) {
      const team = state.teams.get(teamKey);
      const n = team?.nodes.get(nodeId);
      if (!team || !n) return;
      autopilot.set(n.autopilot);
      restart.hidden = !you?.crashed;
      const facts: [string, string][] = [
        [
          "status",
          n.gone
            ? "left the network"
            : n.down
              ? "DOWN"
              : n.breached
                ? "HACKED"
                : n.diskFailed
                  ? "disk lost"
                  : "up",
        ],
        ["packets waiting", `${n.queue} of ${n.queueLimit}`],
        ["your points", String(n.points)],
      ];
      if (you) facts.push(["team coins", String(you.coins)]);
      if (n.kind === "server")
        facts.push(
          ["speed", `${n.capacity} pieces a tick`],
          ["files it had / fetched", `${n.cacheHits} / ${n.cacheMisses}`],
        );
      if (n.kind === "peer")
        facts.push(["download", `${n.progress}%`], ["files complete", String(n.itemsHeld)]);
      if (n.kind === "client") {
        const asks = you?.asks ? (team.nodes.get(you.asks)?.label ?? you.asks) : "none left";
        facts.push(["download", `${n.progress}%`], ["files complete", String(n.itemsHeld)], ["asking", asks]);
        if (you?.busy) facts.push(["server said busy", `${you.busy} times in a row`]);
      }
      const sig = facts.flat().join("|");
      if (status.dataset.sig !== sig) {
        status.dataset.sig = sig;
        status.replaceChildren(
          ...facts.flatMap(([k, v]) => [h("span", {}, k), h("span", { "data-fact": k }, v)]),
        );
      }
      for (const u of updaters) u(n, team, you);
    },
  };
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
    const down = (link: string) => !link || team.links.get(link)?.up === false;
    const stuck = dests.filter((d) => down(d.link)).map((d) => label(d.dest));
    const stuckUsers = view.links.filter((o) => down(o.link)).reduce((sum, o) => sum + o.users, 0);
    if (stuckUsers) stuck.push(`${stuckUsers} computer${stuckUsers === 1 ? "" : "s"}`);
    if (stuck.length)
      lines.push(["warn", `Stuck: packets to ${stuck.join(", ")} have no working link. Pick another!`]);
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

/** A node to block and the button that blocks it (routers, servers and peers alike). */
function blockRow(select: HTMLSelectElement, block: () => void): HTMLElement {
  return h(
    "div",
    { class: "row" },
    select,
    h("button", { id: "block", class: "warn", onclick: block }, "Block"),
  );
}

/** Nodes to block, the ones that sent junk or corrupt data first. */
function suspectsFirst(
  team: TeamView,
  you: PrivateView | null,
  self: string,
  keep: (n: NodeView) => boolean = () => true,
): [string, string][] {
  const suspects = new Map((you?.suspects ?? []).map((s) => [s.node, s.count]));
  // Never offer to block yourself.
  const nodes = [...team.nodes.values()].filter(
    (n) => !n.gone && n.kind !== "router" && n.id !== self && keep(n),
  );
  nodes.sort(
    (a, b) =>
      (suspects.get(b.id) ?? 0) - (suspects.get(a.id) ?? 0) ||
      a.id.localeCompare(b.id, undefined, { numeric: true }),
  );
  return nodes.map((n) => [n.id, suspects.has(n.id) ? `${n.label} ⚠ ${suspects.get(n.id)} bad` : n.label]);
}
