/**
 * Draws the crossover: one scenario with 5 to 150 users, both architectures' totals (mean, and the
 * spread over seeds), as a table and an SVG chart (users on x, totals on y).
 *
 *   npm run crossover -- [--scenario big-school] [--seeds 20] [--out docs/crossover.svg]
 */
import { writeFileSync } from "node:fs";
import {
  aheadOnEverySeed,
  BUILT_IN_SCENARIOS,
  type CrossoverPoint,
  measureCrossover,
} from "../../shared/index";

const SIZES = [5, 8, 12, 20, 30, 40, 50, 75, 100, 150];

function parse(argv: readonly string[]) {
  const o = { scenario: "big-school", seeds: 20, out: "docs/crossover.svg" };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === "--scenario" && v && BUILT_IN_SCENARIOS[v]) o.scenario = v;
    else if (argv[i] === "--seeds" && v && /^\d+$/.test(v) && Number(v) >= 1) o.seeds = Number(v);
    else if (argv[i] === "--out" && v) o.out = v;
    else {
      process.stderr.write("usage: npm run crossover -- [--scenario NAME] [--seeds N] [--out FILE.svg]\n");
      process.exit(2);
    }
    i++;
  }
  return o;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function crossoverTable(points: readonly CrossoverPoint[]): string {
  const lines = ["users   hub (mean, min–max)   swarm (mean, min–max)   ahead on every seed"];
  for (const p of points) {
    const cell = (xs: number[]) =>
      `${mean(xs).toFixed(1).padStart(5)} (${Math.min(...xs)}–${Math.max(...xs)})`.padEnd(22);
    lines.push(
      `${String(p.users).padStart(5)}   ${cell(p.hub)}${cell(p.swarm)}  ${aheadOnEverySeed(p) ?? "—"}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A plain SVG line chart: x = users (log scale), y = total 0–100; a band for the seeds' spread. */
export function crossoverSvg(points: readonly CrossoverPoint[], title: string): string {
  const W = 640;
  const H = 360;
  const L = 50;
  const R = 20;
  const T = 40;
  const B = 50;
  const lx = (u: number) =>
    L +
    ((Math.log(u) - Math.log(points[0]!.users)) /
      (Math.log(points.at(-1)!.users) - Math.log(points[0]!.users))) *
      (W - L - R);
  const ly = (v: number) => T + (1 - v / 100) * (H - T - B);
  const series = (team: "hub" | "swarm", colour: string) => {
    const band = [
      ...points.map((p) => `${lx(p.users).toFixed(1)},${ly(Math.max(...p[team])).toFixed(1)}`),
      ...[...points].reverse().map((p) => `${lx(p.users).toFixed(1)},${ly(Math.min(...p[team])).toFixed(1)}`),
    ].join(" ");
    const line = points.map((p) => `${lx(p.users).toFixed(1)},${ly(mean(p[team])).toFixed(1)}`).join(" ");
    return `<polygon points="${band}" fill="${colour}" fill-opacity="0.18"/><polyline points="${line}" fill="none" stroke="${colour}" stroke-width="2.5"/>${points.map((p) => `<circle cx="${lx(p.users).toFixed(1)}" cy="${ly(mean(p[team])).toFixed(1)}" r="3" fill="${colour}"/>`).join("")}`;
  };
  const grid = [0, 20, 40, 60, 80, 100]
    .map(
      (v) =>
        `<line x1="${L}" x2="${W - R}" y1="${ly(v)}" y2="${ly(v)}" stroke="#ddd"/><text x="${L - 8}" y="${ly(v) + 4}" text-anchor="end">${v}</text>`,
    )
    .join("");
  const ticks = points
    .map(
      (p) =>
        `<line x1="${lx(p.users)}" x2="${lx(p.users)}" y1="${H - B}" y2="${H - B + 5}" stroke="#333"/><text x="${lx(p.users)}" y="${H - B + 18}" text-anchor="middle">${p.users}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<title>${title}: users on x, total score on y, Hub and Swarm</title>
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${title}</text>
${grid}${ticks}
<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#333"/>
<text x="${W / 2}" y="${H - 12}" text-anchor="middle">users (computers), log scale</text>
<text x="14" y="${H / 2}" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">total score</text>
${series("hub", "#e69f00")}${series("swarm", "#009e73")}
<rect x="${W - R - 150}" y="${T + 6}" width="12" height="12" fill="#e69f00"/><text x="${W - R - 132}" y="${T + 16}">Hub (client-server)</text>
<rect x="${W - R - 150}" y="${T + 24}" width="12" height="12" fill="#009e73"/><text x="${W - R - 132}" y="${T + 34}">Swarm (peer-to-peer)</text>
</svg>
`;
}

function main(): void {
  const o = parse(process.argv.slice(2));
  const sc = BUILT_IN_SCENARIOS[o.scenario]!;
  const points = measureCrossover(sc, SIZES, o.seeds);
  process.stdout.write(
    `${sc.name}: totals by number of users, seeds 1..${o.seeds}, versus, bots in every seat\n\n`,
  );
  process.stdout.write(crossoverTable(points));
  writeFileSync(o.out, crossoverSvg(points, `${sc.name}: total score by network size (${o.seeds} seeds)`));
  process.stdout.write(`\nchart written to ${o.out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
