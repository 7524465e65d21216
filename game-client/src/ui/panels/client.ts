/**
 * A client's panel: which server to ask (with what the map shows about each), and its own connection's
 * encryption, with what it costs: a server that does not encrypt does the cipher's work for a client
 * that does (shared/hub.ts sendCost).
 */
import { ENCRYPTION_FACTOR } from "../../../../shared/index";
import { h } from "../dom";
import { fillSelect, type Panel, type PanelContext, panel, toggle, type Updater } from "./common";

/** How much more work a server does for what it sends a client that encrypts, in per cent (5). */
const CIPHER_PERCENT = Math.round(100 * (1 / ENCRYPTION_FACTOR - 1));

export function clientPanel({ base, send }: PanelContext): Panel {
  const sections: HTMLElement[] = [];
  const updaters: Updater[] = [];
  const server = h("select", { id: "client-server", "aria-label": "Server to ask" });
  const ask = h(
    "button",
    { id: "ask-server", onclick: () => send({ type: "server", ...base, server: server.value }) },
    "Ask this server now",
  );
  const encrypt = toggle("encrypt", "My connection is encrypted ✓", "My connection is not encrypted", (on) =>
    send({ type: "encrypt", ...base, on }),
  );
  const safety = h("p", { id: "encrypt-hint", class: "muted", hidden: true });
  sections.push(
    h("h3", {}, "Your server"),
    h("div", { class: "row" }, server, ask),
    h("h3", {}, "Safety"),
    h("div", { class: "row" }, encrypt.el),
    safety,
  );
  updaters.push((n, team, you) => {
    encrypt.set(n.encrypt);
    const mine = you?.asks ? team.nodes.get(you.asks) : undefined;
    safety.hidden = !mine;
    if (mine) {
      const text = mine.encrypt
        ? `${mine.label} encrypts every connection: a wiretap cannot read yours.`
        : n.encrypt
          ? `Your connection is encrypted; ${mine.label} does about ${CIPHER_PERCENT}\u00a0% more work for what it sends you.`
          : `A wiretap can read what your connection carries. Encrypting it costs ${mine.label} about ${CIPHER_PERCENT}\u00a0% more work for what it sends you.`;
      if (safety.textContent !== text) safety.textContent = text;
    }
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
  return panel(sections, updaters);
}
