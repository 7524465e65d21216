/**
 * A client's panel: which server to ask (with what the map shows about each), and its own connection's
 * encryption.
 */
import { h } from "../dom";
import { fillSelect, type Panel, type PanelContext, panel, toggle, type Updater } from "./common";

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
  return panel(sections, updaters);
}
