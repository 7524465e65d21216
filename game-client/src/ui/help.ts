/** In-game explanations: how scoring works, and what the packet shapes mean. */
import { PRICES } from "../../../shared/index";
import { CORRUPT_STYLE, PACKET_STYLE } from "../app";
import { h } from "./dom";

const hex = (c: number) => `#${c.toString(16).padStart(6, "0")}`;

/** A one-line key to the packets on the map, shape and colour each. */
export function packetLegend(): HTMLElement {
  const shapes: Record<string, string> = {
    "pkt-circle": "●",
    "pkt-triangle": "▲",
    "pkt-square": "■",
    "pkt-diamond": "◆",
    "pkt-cross": "✚",
  };
  const kinds = ["chunk", "request", "message", "junk"].map((k) => PACKET_STYLE[k]!);
  return h(
    "div",
    { class: "legend", id: "legend" },
    ...[...kinds, CORRUPT_STYLE].map((s) =>
      h(
        "span",
        {},
        h(
          "b",
          { style: `color:${hex(s.color === 0x1d2433 ? 0xffffff : s.color)}` },
          shapes[s.texture] ?? "●",
        ),
        ` ${s.label}`,
      ),
    ),
  );
}

/** "How scoring works", in the words of the README, opened from the top bar. */
export function scoringDialog(): HTMLDialogElement {
  const dialog = h(
    "dialog",
    { id: "scoring-help", class: "card stack" },
    h("h1", {}, "How scoring works"),
    h("p", {}, "Three scores from 0 to 100, the same formula for both networks:"),
    h(
      "ul",
      { class: "lessons" },
      h(
        "li",
        {},
        h("b", {}, "Speed: "),
        "useful data delivered per second and how fast downloads finish, against the scenario's par (the better of the two networks with bots in every seat). At par: 80. A quarter better: 100.",
      ),
      h(
        "li",
        {},
        h("b", {}, "Cost: "),
        `100 if nothing is spent, 0 if the whole budget is. Servers cost ${PRICES.server} to buy and ${PRICES.serverRunningPerMinute} a minute to run, routers ${PRICES.router} and ${PRICES.routerRunningPerMinute} a minute, backups ${PRICES.backupPerMinute} a minute, upgrades ${PRICES.upgrade}, replicas ${PRICES.replica}. Peers cost nothing: they are the users' own machines.`,
      ),
      h(
        "li",
        {},
        h("b", {}, "Survival: "),
        "60 % for how well the team kept delivering while something was broken, 40 % for whether every file still exists somewhere. Every corrupt chunk delivered and every packet leaked to a wiretap takes a bit away.",
      ),
      h(
        "li",
        {},
        h("b", {}, "Total: "),
        "the weighted average of the three (the scenario sets the weights).",
      ),
      h(
        "li",
        {},
        h("b", {}, "Your points: "),
        "what your node did for the team — packets forwarded, chunks served, a fast reaction to a failure, a cheat blocked, a breach patched, a backup restored.",
      ),
    ),
    h("form", { method: "dialog" }, h("button", { id: "scoring-close" }, "Got it")),
  );
  return dialog;
}
