/**
 * The host's console: run the round, break things on purpose, and keep the class in order. Targets are
 * picked by clicking a node or link on the map, or chosen as random / busiest / a role.
 */
import type { MatchView, NodeView } from "../../../shared/index";
import {
  canHit,
  effectWords,
  FAILURE_KINDS,
  type FailureKind,
  type HostAction,
  hasRole,
  type SimNode,
} from "../../../shared/index";
import { armOnFirstClick, clock, h, option } from "./dom";
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
  update(state: MatchView): void;
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
  const hits = h("p", { class: "hits", id: "failure-teams", role: "status" });
  let lastState: MatchView | undefined;
  const strengthUnit = h("span", { class: "unit", id: "failure-unit" });
  let picked = "";
  const refreshTargets = (state?: MatchView) => {
    const k = kind.value as FailureKind;
    const aim = AIM[k];
    const items: [string, string][] = [];
    if (picked) items.push([picked, `picked on the map: ${labelOf(state ?? lastState, picked)}`]);
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
    // Every node or link of the maps, by name, in a group of their own: the keyboard's way to aim
    // where a mouse clicks.
    const onMap = aim === "node" || aim === "link" ? mapTargets(state ?? lastState, k, picked) : [];
    const sig = [...items, ...onMap].map((i) => i[0]).join("|");
    if (target.dataset.sig !== sig) {
      target.dataset.sig = sig;
      // The choice survives a new list (a node left the map), unless a map click picked a new one.
      const keep = picked || target.value;
      const all = [...items, ...onMap];
      const at = Math.max(
        0,
        all.findIndex(([v]) => v === keep),
      );
      const opts = all.map(([v, t], i) => option(v, t, i === at));
      target.replaceChildren(
        ...opts.slice(0, items.length),
        ...(onMap.length ? [h("optgroup", { label: "On the map" }, ...opts.slice(items.length))] : []),
      );
    }
    hint.textContent = aim === "node" || aim === "link" ? `Tip: click a ${aim} on the map to aim at it.` : "";
    const unit = MAGNITUDE_UNIT[k];
    magnitude.disabled = !unit;
    magnitude.placeholder = magnitudeHint(k);
    if (unit) magnitude.step = String(unit.step);
    strengthUnit.textContent = unit?.unit ?? "";
    const st = state ?? lastState;
    if (st) hits.textContent = hitsWords(st, k, target.value);
  };
  kind.addEventListener("change", () => {
    picked = "";
    refreshTargets();
  });
  // A target chosen in the list replaces a node picked on the map earlier: the pick would otherwise
  // come back the next time the list is rebuilt (a node left the map), and hit that node instead.
  target.addEventListener("change", () => {
    if (target.value !== picked) picked = "";
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
  // Ending is asked in the page: the question and its two answers replace the button row.
  const endAsk = h(
    "div",
    {
      class: "confirm",
      id: "end-confirm",
      role: "alertdialog",
      "aria-label": "End the round?",
      hidden: true,
    },
    h("p", {}, h("b", {}, "End the round for everyone now?"), " The results screen comes next."),
    h(
      "div",
      { class: "row" },
      h("button", { id: "end-yes", class: "warn", onclick: () => send({ type: "end" }) }, "Yes, end it"),
      h("button", { id: "end-no", class: "secondary", onclick: () => showEndAsk(false) }, "Keep playing"),
    ),
  );
  const runRow = h(
    "div",
    { class: "row" },
    pause,
    h(
      "button",
      { id: "add-time", class: "secondary", onclick: () => send({ type: "add-time", seconds: 30 }) },
      "+30 s",
    ),
    h("button", { id: "end", class: "warn", onclick: () => showEndAsk(true) }, "End round"),
  );
  const showEndAsk = (on: boolean) => {
    endAsk.hidden = !on;
    runRow.hidden = on;
    if (on) (document.getElementById("end-no") as HTMLButtonElement | null)?.focus();
  };
  // Two tabs: running the round (with what is coming), and the class. Both are one tap from the top.
  const playersTab = h("button", { id: "tab-players", role: "tab", class: "tab" }, "Players");
  const runTab = h("button", { id: "tab-run", role: "tab", class: "tab" }, "Break things");
  const runPanel = h(
    "div",
    { id: "panel-run", role: "tabpanel" },
    h("label", {}, "Failure", kind),
    h("label", {}, "Target", target),
    hint,
    hits,
    h(
      "div",
      { class: "row" },
      h("label", {}, "Seconds", duration),
      h("label", {}, "Strength", magnitude, strengthUnit),
    ),
    h("button", { id: "trigger", class: "warn", onclick: trigger }, "Trigger now"),
    h("h3", {}, "Timeline"),
    timeline,
  );
  const playersPanel = h("div", { id: "panel-players", role: "tabpanel", hidden: true }, players);
  const showTab = (which: "run" | "players") => {
    runPanel.hidden = which !== "run";
    playersPanel.hidden = which !== "players";
    runTab.setAttribute("aria-selected", String(which === "run"));
    playersTab.setAttribute("aria-selected", String(which === "players"));
  };
  runTab.addEventListener("click", () => showTab("run"));
  playersTab.addEventListener("click", () => showTab("players"));
  showTab("run");
  const code = h("span", { class: "console-code", id: "console-code" });
  const element = h(
    "div",
    { id: "console" },
    h("h2", {}, "Host console ", code),
    runRow,
    endAsk,
    h("div", { class: "tabs", role: "tablist" }, runTab, playersTab),
    runPanel,
    playersPanel,
  );
  return {
    element,
    update(state) {
      lastState = state;
      code.textContent = state.code ? `· join code ${state.code}` : "";
      playersTab.textContent = `Players (${state.players.size})`;
      paused = state.phase === "paused";
      pause.textContent = paused ? "Resume" : "Pause";
      refreshTargets(state);
      renderTimeline(timeline, state);
      // While the round runs, what each student has decided (points are counted when it is over).
      const list = [...state.players.entries()].sort((a, b) => b[1].decisions - a[1].decisions);
      const psig = list.map(([id, p]) => `${id}:${p.decisions}:${p.connected}`).join("|");
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
                h("td", { class: "num", title: "decisions this round" }, `${p.decisions} decided`),
                h(
                  "td",
                  {},
                  armOnFirstClick(
                    h("button", { class: "secondary small", "data-kick": p.nickname }, "Remove"),
                    "Sure? Tap again",
                    () => send({ type: "kick", player: id }),
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
 * The nodes a failure can hit, or every link, across the maps (one entry per id), by name: routers,
 * servers and seeds before users' computers, and both names where the two maps differ ("Client 1 /
 * Peer 1").
 */
function mapTargets(state: MatchView | undefined, kind: FailureKind, skip: string): [string, string][] {
  const names = new Map<string, Set<string>>();
  const users = new Set<string>();
  const add = (id: string, name: string, user: boolean) => {
    if (!names.has(id)) names.set(id, new Set());
    names.get(id)!.add(name);
    if (user) users.add(id);
  };
  const isUser = (n: NodeView | undefined) => n?.kind === "client" || (n?.kind === "peer" && !n.seed);
  for (const team of state?.teams.values() ?? []) {
    if (AIM[kind] === "link") {
      for (const l of team.links.values()) {
        const a = team.nodes.get(l.a);
        const b = team.nodes.get(l.b);
        add(l.id, `${a?.label ?? l.a} – ${b?.label ?? l.b}`, isUser(a) || isUser(b));
      }
      continue;
    }
    for (const n of team.nodes.values())
      if (!n.gone && canHit(kind, asSimNode(n))) add(n.id, n.label, isUser(n));
  }
  names.delete(skip);
  return [...names]
    .map(([id, set]) => [id, [...set].join(" / ")] as [string, string])
    .sort(
      (a, b) =>
        Number(users.has(a[0])) - Number(users.has(b[0])) ||
        a[1].localeCompare(b[1], undefined, { numeric: true }),
    );
}

/** A node's label as the maps show it ("Router 1"), from whichever team has it. */
function labelOf(state: MatchView | undefined, id: string): string {
  for (const t of state?.teams.values() ?? []) {
    const n = t.nodes.get(id) ?? t.links.get(id);
    if (n) return "label" in n ? n.label : id;
  }
  return id;
}

/** The simulation's view of a drawn node, enough for its rules of who a failure can hit. */
function asSimNode(n: NodeView): SimNode {
  const user = n.kind === "client" || n.kind === "peer";
  return {
    kind: n.kind,
    gone: n.gone,
    peer: n.kind === "peer" ? { seed: n.seed } : null,
    user: user ? {} : null,
  } as unknown as SimNode;
}

/**
 * Which teams a failure will hit, in words: one aimed at a node only one network has (a server, a seed)
 * leaves the other team alone, and the teacher should know before triggering it.
 */
export function hitsWords(state: MatchView, kind: FailureKind, target: string): string {
  const aim = AIM[kind];
  const hit: string[] = [];
  for (const [key, team] of state.teams) {
    let yes: boolean;
    if (aim === "none")
      yes = kind !== "malicious-peer" || [...team.nodes.values()].some((n) => n.kind === "peer");
    else if (aim === "region")
      yes = target === "random" || [...team.nodes.values()].some((n) => n.region === target);
    else if (aim === "link")
      yes =
        target === "busiest" || target === "random" || target.startsWith("role:") || team.links.has(target);
    else
      yes = [...team.nodes.values()].some((n) => {
        if (n.gone) return false;
        const sim = asSimNode(n);
        if (!canHit(kind, sim)) return false;
        if (target === "random" || target === "busiest" || target === "") return true;
        if (target.startsWith("role:")) return hasRole(sim, target.slice(5));
        return n.id === target;
      });
    if (yes) hit.push(team.name || key);
  }
  const all = state.teams.size;
  if (hit.length === 0) return "Hits nobody: no network has a target like that.";
  if (all === 1) return `Hits ${hit[0]}.`;
  if (hit.length === all) return `Hits both teams: ${hit.join(" and ")}.`;
  return `Hits ${hit.join(" and ")} only: the other network has nothing like it.`;
}

/** A stretch of time as a class says it: "19 s", "1:05". */
function span(ticks: number, perSecond: number): string {
  const s = Math.max(0, Math.ceil(ticks / perSecond));
  return s < 60 ? `${s} s` : clock(ticks, perSecond);
}

/**
 * What already happened (with its effect, as the server reported it) apart from what the scenario
 * still has scheduled (kind and time; the target is chosen when it starts). The next one is flagged.
 * Times are from now ("in 19 s", "40 s ago"): the top bar's clock counts down, so a time into the
 * round ("0:30") read beside it looked like 30 s before the end.
 */
function renderTimeline(box: HTMLElement, state: MatchView): void {
  const tps = state.ticksPerSecond || 10;
  // Newest first: what is going on now heads the list, however long the round's history grows.
  const past = [...state.failures.values()]
    .sort((a, b) => b.start - a.start)
    .map((f) => {
      const running = f.end === 0 || f.end > state.tick;
      // Both teams usually meet the same effect: say it once, and each team's own words when they differ.
      const text = effectWords(f).join(" · ");
      const at = !running
        ? `${span(state.tick - f.start, tps)} ago`
        : f.end > 0
          ? `Now (${span(f.end - state.tick, tps)} left)`
          : "Now";
      return { at, text, running };
    });
  const upcoming = [...state.upcoming.values()]
    .sort((a, b) => a.at - b.at)
    .map((e) => {
      const kind = e.kind as FailureKind;
      const whom = e.target ? `: ${targetWords(AIM[kind], e.target)}` : "";
      const howLong = e.duration ? ` for ${e.duration} s` : "";
      return {
        at: `in ${span(e.at * tps - state.tick, tps)}`,
        text: `${PLAIN[kind] ?? e.kind}${whom}${howLong}`,
      };
    });
  const sig = JSON.stringify([past, upcoming.map((u) => [u.at, u.text])]);
  if (box.dataset.sig === sig) return;
  box.dataset.sig = sig;
  box.replaceChildren(
    h("h4", {}, "Happened"),
    h(
      "ol",
      { class: "timeline past", id: "timeline-past" },
      ...(past.length
        ? past.map((p) => h("li", { class: p.running ? "running" : "" }, h("b", {}, p.at), ` ${p.text}`))
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
