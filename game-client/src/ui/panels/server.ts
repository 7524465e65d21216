/**
 * A server's panel: capacity (upgrade, a copy elsewhere, the cloud), safety (backups, encryption, logins,
 * restore, patch), fetching a file from the origin, blocking a source.
 */
import { PRICES, patchRefusal, restoreRefusal, upgradeRefusal } from "../../../../shared/index";
import { h } from "../dom";
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

export function serverPanel({ state, base, nodeId, send }: PanelContext): Panel {
  const sections: HTMLElement[] = [];
  const updaters: Updater[] = [];
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
  return panel(sections, updaters);
}
