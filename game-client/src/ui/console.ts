/**
 * The host's console: run the round, break things on purpose, and keep the class in order. Targets are
 * picked by clicking a node or link on the map, or chosen as random / busiest / a role.
 */
import type { MatchState } from "../../../game-server/src/rooms/schema";
import { FAILURE_KINDS, type FailureKind, type HostAction } from "../../../shared/index";
import { clock, h, option } from "./dom";
import {
  FAILURE_AIM as AIM,
  MAGNITUDE_UNIT,
  magnitudeHint,
  FAILURE_LABEL as PLAIN,
  ROLE_CHOICES,
  targetWords,
} from "./failure-kinds";

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
  const strengthUnit = h("span", { class: "unit", id: "failure-unit" });
  let picked = "";
  const refreshTargets = (state?: MatchState) => {
    const k = kind.value as FailureKind;
    const aim = AIM[k];
    const items: [string, string][] = [];
    if (picked) items.push([picked, `picked: ${picked}`]);
    const words = (t: string): [string, string] => [t, targetWords(aim, t)];
    if (aim === "node") items.push(...[...(ROLE_CHOICES[k] ?? []), "busiest", "random"].map(words));
    if (aim === "link") items.push(...["busiest", "random", "role:access"].map(words));
    if (aim === "region") {
      const regions = new Set<string>();
      for (const t of state?.teams.values() ?? [])
        for (const n of t.nodes.values()) if (n.kind === "router") regions.add(n.region);
      items.push(["random", "a random region"], ...[...regions].map((r) => [r, r] as [string, string]));
    }
    if (aim === "none") items.push(["", k === "flash-crowd" ? "the workload" : "the swarm"]);
    const sig = items.map((i) => i[0]).join("|");
    if (target.dataset.sig !== sig) {
      target.dataset.sig = sig;
      target.replaceChildren(...items.map(([v, t], i) => option(v, t, i === 0)));
    }
    hint.textContent = aim === "node" || aim === "link" ? `Tip: click a ${aim} on the map to aim at it.` : "";
    const unit = MAGNITUDE_UNIT[k];
    magnitude.disabled = !unit;
    magnitude.placeholder = magnitudeHint(k);
    if (unit) magnitude.step = String(unit.step);
    strengthUnit.textContent = unit?.unit ?? "";
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
    if (!magnitude.disabled && magnitude.value !== "" && Number(magnitude.value) > 0)
      failure.magnitude = Number(magnitude.value);
    send({ type: "trigger", failure } as HostAction);
  };
  const pause = h("button", { id: "pause", class: "secondary" }, "Pause");
  let paused = false;
  pause.addEventListener("click", () => send({ type: paused ? "resume" : "pause" }));
  const timeline = h("div", { id: "timeline" });
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
    h(
      "div",
      { class: "row" },
      h("label", {}, "Seconds", duration),
      h("label", {}, "Strength", magnitude, strengthUnit),
    ),
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
      renderTimeline(timeline, state);
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

/**
 * What already happened (with its effect, as the server reported it) apart from what the scenario
 * still has scheduled (kind and time; the target is chosen when it starts). The next one is flagged.
 */
function renderTimeline(box: HTMLElement, state: MatchState): void {
  const tps = state.ticksPerSecond || 10;
  const past = [...state.failures.values()].map((f) => {
    const running = f.end === 0 || f.end > state.tick;
    // Both teams usually meet the same effect: say it once, and each team's own words when they differ.
    const text = [...new Set(f.note.split(" · "))].join(" · ");
    return { at: clock(f.start, tps), text, running };
  });
  const upcoming = state.upcoming
    ? state.upcoming.split(",").map((e) => {
        const [k, at, aimedAt, lasts] = e.split("@");
        const kind = k as FailureKind;
        const whom = aimedAt ? `: ${targetWords(AIM[kind], aimedAt)}` : "";
        const howLong = lasts ? ` for ${lasts} s` : "";
        return {
          at: clock(Number(at) * tps, tps),
          text: `${PLAIN[kind] ?? k}${whom}${howLong}`,
          inSeconds: Number(at) - state.tick / tps,
        };
      })
    : [];
  const sig = JSON.stringify([past, upcoming.map((u) => [u.at, u.text])]);
  if (box.dataset.sig === sig) return;
  box.dataset.sig = sig;
  box.replaceChildren(
    h("h4", {}, "Happened"),
    h(
      "ol",
      { class: "timeline past", id: "timeline-past" },
      ...(past.length
        ? past.map((p) =>
            h(
              "li",
              { class: p.running ? "running" : "" },
              h("b", {}, p.at),
              ` ${p.text}`,
              p.running ? h("em", {}, " · now") : "",
            ),
          )
        : [h("li", { class: "muted" }, "Nothing yet")]),
    ),
    h("h4", {}, "Still to come"),
    h(
      "ol",
      { class: "timeline upcoming", id: "timeline-upcoming" },
      ...(upcoming.length
        ? upcoming.map((u, i) =>
            h(
              "li",
              { class: i === 0 ? "next" : "" },
              h("b", {}, u.at),
              ` ${u.text}`,
              i === 0 ? h("em", {}, " · next") : "",
            ),
          )
        : [h("li", { class: "muted" }, "Nothing scheduled")]),
    ),
  );
}
