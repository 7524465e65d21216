/** Plain-text report of a match result, for the headless command. */
import { failureWords, type MatchResult, type TeamResult, teamName } from "../../shared/index";

const pad = (s: string | number, n: number) => String(s).padEnd(n);

function sparkline(values: readonly number[], width = 60): string {
  if (values.length === 0) return "";
  const bars = " ▁▂▃▄▅▆▇█";
  const per = Math.ceil(values.length / width);
  const buckets: number[] = [];
  for (let i = 0; i < values.length; i += per) {
    const slice = values.slice(i, i + per);
    buckets.push(slice.reduce((a, b) => a + b, 0) / slice.length);
  }
  const max = Math.max(1, ...buckets);
  return buckets.map((v) => bars[Math.round((v / max) * (bars.length - 1))]).join("");
}

function team(t: TeamResult, seconds: number): string {
  const dropped = Object.entries(t.packets.dropped)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${r} ${n}`)
    .join(", ");
  const lines = [
    teamName(t.team),
    `  scores      speed ${t.scores.speed}  cost ${t.scores.cost}  survival ${t.scores.survival ?? "not tested"}  total ${t.scores.total}`,
    `  vs autopilot ${t.againstAutopilot === null ? "not compared" : `${t.againstAutopilot} (autopilot's total ${t.autopilotTotal}; 100 = as well as the autopilot)`}`,
    `  goodput     ${t.averageGoodput} useful chunks/s   (per second of game time, 0–${seconds}s)`,
    `              ${sparkline(t.goodputPerSecond)}`,
    `  items       ${t.itemsCompleted} of ${t.itemsWanted} completed, median ${t.medianCompletionSeconds ?? "–"} s`,
    `  chunks      ${t.chunksDelivered} delivered, ${t.usefulChunks} useful, ${t.corruptDeliveries} corrupt`,
    `  packets     ${t.packets.created} created = ${t.packets.delivered} delivered + ${Object.values(t.packets.dropped).reduce((a, b) => a + b, 0)} dropped + ${t.packets.inFlight} in flight`,
    `  dropped     ${dropped || "none"}`,
    `  messages    ${t.messages.delivered} delivered, median ${t.messages.medianLatencySeconds ?? "–"} s`,
    `  cost        ${t.coinsSpent} coins (setup ${t.spending.setup}, running ${t.spending.running}, upgrades ${t.spending.upgrades}, bandwidth ${t.spending.bandwidth}, upkeep ${t.spending.upkeep})`,
    `  leaks       ${t.leakedPackets} unencrypted packets copied`,
    `  content     ${t.contentLost ? `LOST: item(s) ${t.lostItems.join(", ")} no longer exist anywhere` : "every item still exists"}`,
    "  failures    " +
      (t.failures.length
        ? t.failures
            .map((f) => `${f.startSecond}–${f.endSecond}s ${failureWords(f)}`)
            .join("\n              ")
        : "none"),
  ];
  return lines.join("\n");
}

export function formatResult(r: MatchResult): string {
  // Points are what players' decisions added (shared/points.ts): a run of bots has none to list.
  const top = r.players
    .filter((p) => p.points > 0)
    .slice(0, 5)
    .map((p) => `${pad(p.holder ?? p.label, 18)} ${pad(p.label, 6)} ${pad(p.team, 6)} ${p.points} pts`);
  return [
    `${r.scenario} — ${r.topology}, seed ${r.seed}, ${r.seconds} s of game time`,
    `par: ${r.par.goodput} useful chunks/s, typical wait for an item ${r.par.completionSeconds} s`,
    "",
    ...r.teams.map((t) => `${team(t, r.seconds)}\n`),
    ...(top.length ? ["Top players", ...top.map((l) => `  ${l}`), ""] : []),
    `state hash ${r.stateHash}`,
    "",
  ].join("\n");
}
