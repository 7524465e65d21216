/** In-game explanations: how scoring works, and what the packet shapes mean. */
import {
  CLIENT_UPKEEP_PER_MINUTE,
  HUB_ADMIN_PER_MINUTE,
  PRICES,
  swarmUpkeepPerMinute,
  TOO_CLOSE_TO_CALL,
} from "../../../shared/index";
import { CORRUPT_STYLE, PACKET_STYLE } from "../render/palette";
import { h } from "./dom";

const hex = (c: number) => `#${c.toString(16).padStart(6, "0")}`;

/** Coins a minute one peer's upkeep costs in a swarm of `peers` (constants.ts: upkeep). */
const peerUpkeep = (peers: number) => Math.round(swarmUpkeepPerMinute(peers) / peers);

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
    // The tag at a user that waits for its file (MapView styleWait), as the map draws it.
    h("span", {}, h("b", { class: "wait-tag" }, "9 s"), " waiting"),
  );
}

/** "How scoring works", in words a 13-year-old reads in a minute, opened from the top bar. */
export function scoringDialog(): HTMLDialogElement {
  const dialog = h(
    "dialog",
    { id: "scoring-help", class: "card stack" },
    h("h1", {}, "How scoring works"),
    h("p", {}, "Your team gets three scores, each from 0 to 100. Both networks are scored the same way."),
    h(
      "ul",
      { class: "lessons" },
      h(
        "li",
        {},
        h("b", {}, "Speed: "),
        "how much useful data your team delivers each second, and how soon downloads finish. 80 means as fast as the faster network goes when the computer plays every node; 100 means a quarter faster than that.",
      ),
      h(
        "li",
        {},
        h("b", {}, "Cost: "),
        `starts at 100 and goes down as your team spends coins: 0 when the whole budget is gone. A server costs ${PRICES.server} coins to buy and ${PRICES.serverRunningPerMinute} a minute to run, a router ${PRICES.router} and ${PRICES.routerRunningPerMinute} a minute, backups ${PRICES.backupPerMinute} a minute, a safe place for logins ${PRICES.sessionStorePerMinute} a minute (then a crash does not log everyone out and restart their downloads), an upgrade ${PRICES.upgrade}, a copy of a server ${PRICES.replica}, a server in the cloud ${PRICES.cloudPerMinute} a minute instead of its own running cost, and ${PRICES.bandwidthPer100Chunks} coins for every 100 pieces the team's servers send. Looking after the users' computers (their security, updates and backups) costs too: a hub's are managed centrally, ${CLIENT_UPKEEP_PER_MINUTE} a minute each and ${HUB_ADMIN_PER_MINUTE} a minute for the network's admin. A swarm's peers are the users' own computers, free to buy, but each owner looks after their own and every other peer is one more way in to guard: about ${peerUpkeep(5)} a minute each in a swarm of 5, ${peerUpkeep(50)} each in a swarm of 50 (a peer's own backup costs ${PRICES.peerBackupPerMinute} a minute).`,
      ),
      h(
        "li",
        {},
        h("b", {}, "Survival: "),
        "when something breaks, does your network keep delivering? That is most of it (60 %). The rest (40 %): does every file still exist somewhere? Each broken piece of data a user gets, and each packet a spy copies, takes a little off: a computer attackers got into through a security hole copies everything it sends and receives, until its update is installed.",
      ),
      h(
        "li",
        {},
        h("b", {}, "Total: "),
        "the three mixed together. Each round decides how much each one counts (usually speed 40 %, cost 30 %, survival 30 %). The team with the higher total leads.",
      ),
      h(
        "li",
        {},
        h("b", {}, "Who wins: "),
        `at the end each team is compared with the computer playing the same round on the same network, making every decision itself (the autopilot). The team that beat its autopilot by more wins, so the network you were given does not decide. Teams within ${TOO_CLOSE_TO_CALL} % of each other draw: one click that changes next to nothing can move a score that much. The top bar shows each team against its autopilot so far ("+7 %") and who leads by this rule.`,
      ),
      h(
        "li",
        {},
        h("b", {}, "Your points: "),
        "what your decisions added to your team's score, counted when the round is over: the computer plays the round again without your decisions and compares. Each hundredth of a team point is one point. Doing nothing scores 0, and so does a click that changes nothing or a decision that hurts your team (a routing loop, refusing clients). During the round the top bar counts your decisions.",
      ),
    ),
    h("form", { method: "dialog" }, h("button", { id: "scoring-close" }, "Got it")),
  );
  return dialog;
}
