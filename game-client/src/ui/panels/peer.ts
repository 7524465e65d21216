/**
 * A peer's (or seed's) panel: trust (hash checks, encryption), the order of pieces, sharing and approvals,
 * its own backup, blocking a peer, leaving.
 */
import { isIntruder, PRICES, restoreRefusal, upkeepSavedByLeaving } from "../../../../shared/index";
import { armOnFirstClick, h, option } from "../dom";
import {
  blockRow,
  fillSelect,
  type Panel,
  type PanelContext,
  panel,
  suspectsFirst,
  toggle,
  type Updater,
} from "./common";

export function peerPanel({ base, nodeId, send }: PanelContext): Panel {
  const sections: HTMLElement[] = [];
  const updaters: Updater[] = [];
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
  policy.addEventListener("change", () => send({ type: "policy", ...base, policy: policy.value as "allow" }));
  const approvals = h("div", { id: "approvals", class: "stack" });
  /** Once the peer has everything it wanted: what staying gives, and what leaving saves. */
  const leaveHint = h("p", { id: "leave-hint", class: "muted", hidden: true });
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
    leaveHint,
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
    const done = n.progress === 100 && !n.seed && !n.gone;
    leaveHint.hidden = !done;
    if (done) {
      let peers = 0;
      // The swarm's own peers: strangers a malicious-peer failure brought in are nobody's upkeep.
      for (const x of team.nodes.values()) if (x.kind === "peer" && !x.gone && !isIntruder(x)) peers++;
      const saves = Math.round(upkeepSavedByLeaving(peers));
      const text = `You have everything you wanted. Staying shares your pieces with peers still downloading; leaving saves your team about ${saves} coins a minute of upkeep.`;
      if (leaveHint.textContent !== text) leaveHint.textContent = text;
    }
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
            h("button", { onclick: () => send({ type: "access", ...base, peer: id, allow: true }) }, "Allow"),
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
  return panel(sections, updaters);
}
