/**
 * The host's console: run the round, break things on purpose, and keep the class in order. Targets are
 * picked by clicking a node or link on the map, or chosen as random / busiest / a role.
 */
import type { MatchState } from "../../../game-server/src/rooms/schema";
import { FAILURE_KINDS, type FailureKind, type HostAction } from "../../../shared/index";
import { clock, h, option } from "./dom";

/** Which kinds aim at a link, a region, a node, or at nothing in particular. */
const AIM: Record<FailureKind, "node" | "link" | "region" | "none"> = {
  crash: "node",
  "disk-failure": "node",
  "link-cut": "link",
  congestion: "link",
  "packet-loss": "link",
  "flash-crowd": "none",
  ddos: "node",
  breach: "node",
  churn: "node",
  "malicious-peer": "none",
  outage: "region",
  wiretap: "node",
};

const PLAIN: Record<FailureKind, string> = {
  crash: "Crash a node",
  "disk-failure": "Disk failure",
  "link-cut": "Cut a link",
  congestion: "Congest a link",
  "packet-loss": "Lossy link",
  "flash-crowd": "Flash crowd",
  ddos: "DDoS attack",
  breach: "Hack a server",
  churn: "Peers leave",
  "malicious-peer": "Malicious peer joins",
  outage: "Regional outage",
  wiretap: "Wiretap a router",
};

export interface Console {
  element: HTMLElement;
  update(state: MatchState): void;
  /** The map was clicked: a node or a link becomes the target. */
  pick(target: { node?: string; link?: string }): void;
}

export function buildConsole(send: (a: HostAction) => void): Console {
  const kind = h(
    "select",
    { id: "failure-kind", "aria-label": "Failure" },
    ...FAILURE_KINDS.map((k) => option(k, PLAIN[k], k === "crash")),
  );
  const target = h("select", { id: "failure-target", "aria-label": "Target" });
  const duration = h("input", {
    id: "failure-duration",
    type: "number",
    min: 1,
    max: 600,
    value: 20,
    "aria-label": "Duration in seconds",
  });
  const magnitude = h("input", {
    id: "failure-magnitude",
    type: "number",
    min: 0,
    step: "any",
    placeholder: "default",
    "aria-label": "Magnitude",
  });
  const hint = h("p", { class: "muted", id: "failure-hint" });
  let picked = "";
  const refreshTargets = (state?: MatchState) => {
    const aim = AIM[kind.value as FailureKind];
    const items: [string, string][] = [];
    if (picked) items.push([picked, `picked: ${picked}`]);
    if (aim === "node")
      items.push(
        ["role:source", "the content holder"],
        ["busiest", "the busiest"],
        ["random", "random"],
        ["role:router", "a router"],
        ["role:peer", "a peer"],
      );
    if (aim === "link") items.push(["busiest", "the busiest link"], ["random", "a random link"]);
    if (aim === "region") {
      const regions = new Set<string>();
      for (const t of state?.teams.values() ?? [])
        for (const n of t.nodes.values()) if (n.kind === "router") regions.add(n.region);
      items.push(["random", "a random region"], ...[...regions].map((r) => [r, r] as [string, string]));
    }
    if (aim === "none") items.push(["", "—"]);
    const sig = items.map((i) => i[0]).join("|");
    if (target.dataset.sig !== sig) {
      target.dataset.sig = sig;
      target.replaceChildren(...items.map(([v, t], i) => option(v, t, i === 0)));
    }
    hint.textContent = aim === "node" || aim === "link" ? `Tip: click a ${aim} on the map to aim at it.` : "";
  };
  kind.addEventListener("change", () => {
    picked = "";
    refreshTargets();
  });
  refreshTargets();
  const trigger = () => {
    const failure: Record<string, unknown> = { kind: kind.value };
    if (target.value) failure.target = target.value;
    if (Number(duration.value) > 0) failure.duration = Number(duration.value);
    if (magnitude.value !== "" && Number(magnitude.value) > 0) failure.magnitude = Number(magnitude.value);
    send({ type: "trigger", failure } as HostAction);
  };
  const pause = h("button", { id: "pause", class: "secondary" }, "Pause");
  let paused = false;
  pause.addEventListener("click", () => send({ type: paused ? "resume" : "pause" }));
  const timeline = h("ol", { id: "timeline", class: "lessons" });
  const players = h("div", { id: "players" });
  const element = h(
    "div",
    { id: "console" },
    h("h2", {}, "Host console"),
    h(
      "div",
      { class: "row" },
      pause,
      h(
        "button",
        { id: "add-time", class: "secondary", onclick: () => send({ type: "add-time", seconds: 30 }) },
        "+30 s",
      ),
      h(
        "button",
        { id: "end", class: "warn", onclick: () => confirm("End the round now?") && send({ type: "end" }) },
        "End round",
      ),
    ),
    h("h3", {}, "Break something"),
    h("label", {}, "Failure", kind),
    h("label", {}, "Target", target),
    hint,
    h("div", { class: "row" }, h("label", {}, "Seconds", duration), h("label", {}, "Strength", magnitude)),
    h("button", { id: "trigger", class: "warn", onclick: trigger }, "Trigger now"),
    h("h3", {}, "Timeline"),
    timeline,
    h("h3", {}, "Players"),
    players,
  );
  return {
    element,
    update(state) {
      paused = state.phase === "paused";
      pause.textContent = paused ? "Resume" : "Pause";
      refreshTargets(state);
      const tps = state.ticksPerSecond || 10;
      const past = [...state.failures.values()].map((f) => `${clock(f.start, tps)} ${f.note}`);
      const upcoming = state.upcoming
        ? state.upcoming.split(",").map((e) => {
            const [k, at] = e.split("@");
            return `${clock(Number(at) * tps, tps)} ${PLAIN[k as FailureKind] ?? k} (scheduled)`;
          })
        : [];
      const lines = [...past, ...upcoming];
      const sig = lines.join("|");
      if (timeline.dataset.sig !== sig) {
        timeline.dataset.sig = sig;
        timeline.replaceChildren(
          ...(lines.length ? lines.map((l) => h("li", {}, l)) : [h("li", { class: "muted" }, "Nothing yet")]),
        );
      }
      const list = [...state.players.entries()].sort((a, b) => b[1].points - a[1].points);
      const psig = list.map(([id, p]) => `${id}:${p.points}:${p.connected}`).join("|");
      if (players.dataset.sig !== psig) {
        players.dataset.sig = psig;
        players.replaceChildren(
          h(
            "table",
            { class: "board" },
            ...list.map(([id, p]) =>
              h(
                "tr",
                {},
                h("td", {}, `${p.nickname}${p.connected ? "" : " (away)"}`),
                h("td", {}, h("span", { class: `pill ${p.team}` }, p.team)),
                h("td", { class: "num" }, p.points),
                h(
                  "td",
                  {},
                  h(
                    "button",
                    {
                      class: "secondary",
                      "data-kick": p.nickname,
                      onclick: () =>
                        confirm(`Remove ${p.nickname} from the class?`) && send({ type: "kick", player: id }),
                    },
                    "Kick",
                  ),
                ),
              ),
            ),
          ),
        );
      }
    },
    pick({ node, link }) {
      const want = node ? "node" : "link";
      if (AIM[kind.value as FailureKind] !== want) {
        const first = FAILURE_KINDS.find((k) => AIM[k] === want)!;
        kind.value = first;
      }
      picked = (node ?? link)!;
      target.dataset.sig = "";
      refreshTargets();
    },
  };
}
