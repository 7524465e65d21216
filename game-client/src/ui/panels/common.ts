/**
 * What every role's panel is made of: the panel's own sections and how it updates, on/off buttons,
 * selects refilled in place, and the block row.
 */
import type { MatchView, NodeIntent, NodeView, PrivateView, TeamView } from "../../../../shared/index";
import { h, option } from "../dom";

export type Send = (intent: NodeIntent) => void;
export type Updater = (node: NodeView, team: TeamView, you: PrivateView | null) => void;

/** What a role's panel is built from: the match as first seen, the player's node, how to send. */
export interface PanelContext {
  state: MatchView;
  base: { team: "hub" | "swarm"; node: string };
  nodeId: string;
  send: Send;
}

/** A role's sections of the panel, and how they follow the match. */
export interface Panel {
  sections: HTMLElement[];
  update: Updater;
}

/** A panel from its sections and the updaters that keep them current. */
export function panel(sections: HTMLElement[], updaters: Updater[]): Panel {
  return {
    sections,
    update: (n, team, you) => {
      for (const u of updaters) u(n, team, you);
    },
  };
}

export function toggle(
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

export function fillSelect(select: HTMLSelectElement, items: [string, string][]): void {
  const keep = select.value;
  const sig = items.map((i) => i.join("=")).join("|");
  if (select.dataset.sig === sig) return;
  select.dataset.sig = sig;
  select.replaceChildren(...items.map(([v, t]) => option(v, t, v === keep)));
}

/** A node to block and the button that blocks it (routers, servers and peers alike). */
export function blockRow(select: HTMLSelectElement, block: () => void): HTMLElement {
  return h(
    "div",
    { class: "row" },
    select,
    h("button", { id: "block", class: "warn", onclick: block }, "Block"),
  );
}

/** Nodes to block, the ones that sent junk or corrupt data first. */
export function suspectsFirst(
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
