/**
 * The role panel: every decision of DESIGN.md's table for the player's own node, one tap each. The
 * panel is built once and updated in place (so a half-chosen select is never reset under a finger).
 */
import {
  type MatchView,
  type NodeView,
  type PrivateView,
  updateRefusal,
  updatesAll,
  updatesCoveredView,
  waitedSeconds,
} from "../../../shared/index";
import { h } from "./dom";
import { clientPanel } from "./panels/client";
import { type Panel, type PanelContext, type Send, toggle, type Updater } from "./panels/common";
import { peerPanel } from "./panels/peer";
import { routerPanel } from "./panels/router";
import { serverPanel } from "./panels/server";

export interface Controls {
  element: HTMLElement;
  update(state: MatchView, you: PrivateView | null): void;
}

/** Each role's own panel (ui/panels/): routers, servers, clients, peers and seeds. */
const PANELS: Record<string, (ctx: PanelContext) => Panel> = {
  router: routerPanel,
  server: serverPanel,
  client: clientPanel,
  peer: peerPanel,
  seed: peerPanel,
};

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

  const ctx = { state, base, nodeId, send };
  const made = PANELS[role]?.(ctx);
  if (made) {
    sections.push(...made.sections);
    updaters.push(made.update);
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
  const update = h("button", {
    id: "update",
    class: "warn",
    hidden: true,
    onclick: () => send({ type: "update", ...base }),
  });
  const element = h(
    "div",
    { id: "controls" },
    h("h2", {}, h("span", { class: "you-badge" }, "You: "), node.label),
    status,
    restart,
    update,
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
      const covered = updatesCoveredView(team.nodes.values(), teamKey, n);
      update.hidden = updateRefusal(n, covered) !== null;
      update.textContent = updateWords(teamKey, n, covered);
      const facts: [string, string][] = [
        [
          "status",
          n.gone
            ? "left the network"
            : n.infected
              ? "ATTACKER INSIDE: its data leaks"
              : n.down
                ? "DOWN"
                : n.breached
                  ? "HACKED"
                  : n.diskFailed
                    ? "disk lost"
                    : "up",
        ],
        ["packets waiting", `${n.queue} of ${n.queueLimit}`],
        ["your decisions", String(decisionsAt(state, teamKey, nodeId))],
      ];
      facts.push(["team coins", String(team.coinsLeft)]);
      if (n.kind === "server")
        facts.push(
          ["stands in", n.cloud ? "the cloud (a data centre far away)" : `the ${n.region} region`],
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
      const waited = waitedSeconds(n, state.tick);
      if (waited >= 0) facts.push(["waiting", `${waited} s for your file`]);
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

/** The update button's words: what it does for this machine, or for the whole network from a hub server. */
function updateWords(teamKey: string, n: NodeView, covered: NodeView[]): string {
  if (updatesAll(teamKey, n.kind)) {
    const open = covered.filter((x) => x.updateDue || x.infected).length;
    return `Security hole: install the update on all ${open} computer${open === 1 ? "" : "s"} now`;
  }
  return n.infected
    ? "Attackers got in: install the update to throw them out"
    : "Security hole: install the update now";
}

/** Decisions the player on this node has taken this round (they earn points once it is over). */
function decisionsAt(state: MatchView, team: string, node: string): number {
  for (const p of state.players.values()) if (p.team === team && p.node === node) return p.decisions;
  return 0;
}
