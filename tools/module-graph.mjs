/**
 * npm run graph: the folder-level import graph of the server, the client and shared/, read by
 * dependency-cruiser (its swc parser, type-only imports included: a type ties two folders as much as
 * a value does). Prints who imports whom, every loop between folders and every loop between files,
 * and exits 1 when any folders import each other in a loop (README, Layout).
 *
 *   npm run graph                  the graph and its loops, as text
 *   npm run graph -- --mermaid     the same graph as a Mermaid flowchart (docs/module-graph.md)
 *   npm run graph -- --mermaid game-server/src/rooms    the files of one folder and their imports
 */
import { cruise } from "dependency-cruiser";

const ROOTS = [
  { dir: "game-server/src", label: "server" },
  { dir: "game-client/src", label: "client" },
  { dir: "shared", label: "shared" },
];

/** The folder a file counts in: its first folder under a root, or the root itself for its top files. */
function folderOf(file) {
  for (const { dir, label } of ROOTS) {
    if (!file.startsWith(`${dir}/`)) continue;
    const parts = file.slice(dir.length + 1).split("/");
    if (parts.length > 1) return `${label}/${parts[0]}`;
    // shared/index.ts is the package's front: it re-exports every folder and nothing in shared/ imports
    // it, so it is a layer of its own above them (counted in shared, it would draw a loop that is not).
    if (label === "shared") return parts[0] === "index.ts" ? "shared/(entry)" : "shared";
    return `${label}/(top)`;
  }
  return null;
}

const areaOf = (folder) => folder.split("/")[0];

async function readModules() {
  const { output } = await cruise(
    ROOTS.map((r) => r.dir),
    {
      parser: "swc",
      tsPreCompilationDeps: true,
      includeOnly: `^(${ROOTS.map((r) => r.dir).join("|")})/`,
      doNotFollow: { path: "node_modules" },
      exclude: { path: "\\.d\\.ts$" },
    },
  );
  return output.modules;
}

/** Folder → folder → the imports between them (file → file), folders in a stable order. */
function folderEdges(modules) {
  const edges = new Map();
  for (const m of modules) {
    const from = folderOf(m.source);
    if (!from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (!to || to === from) continue;
      const row = edges.get(from);
      if (!row.has(to)) row.set(to, []);
      row.get(to).push(`${m.source} → ${d.resolved}`);
    }
  }
  const byName = ([a], [b]) => a.localeCompare(b);
  return new Map([...edges].sort(byName).map(([from, row]) => [from, new Map([...row].sort(byName))]));
}

/** Strongly connected groups of two or more folders (Tarjan): each one holds at least one loop. */
function loops(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const group = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return groups;
}

/** One loop through a group, as folders [a, b, …, a], found by walking edges inside the group. */
function loopIn(group, edges) {
  const inside = new Set(group);
  const path = [group[0]];
  const seen = new Set(path);
  for (;;) {
    const here = path.at(-1);
    const next = [...(edges.get(here)?.keys() ?? [])].filter((f) => inside.has(f));
    const back = next.find((f) => seen.has(f));
    if (back !== undefined) return [...path.slice(path.indexOf(back)), back];
    path.push(next[0]);
    seen.add(next[0]);
  }
}

/** Loops between files, each once, as dependency-cruiser reports them on the import that closes it. */
function fileLoops(modules) {
  const found = new Map();
  for (const m of modules)
    for (const d of m.dependencies) {
      if (!d.circular || !d.cycle) continue;
      const files = [m.source, ...d.cycle.map((c) => c.name)];
      const key = [...new Set(files)].sort().join(" ");
      if (!found.has(key)) found.set(key, files.join(" → "));
    }
  return [...found.values()].sort();
}

function mermaid(edges) {
  const id = (folder) => `f_${folder.replace(/[^a-z]/gi, "_")}`;
  const lines = ["flowchart LR"];
  for (const { label } of ROOTS) {
    const folders = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((r) => [...r.keys()])])]
      .filter((f) => areaOf(f) === label)
      .sort();
    lines.push(`  subgraph area_${label} [${label}]`);
    for (const f of folders) lines.push(`    ${id(f)}["${f}"]`);
    lines.push("  end");
  }
  for (const [from, row] of edges) for (const to of row.keys()) lines.push(`  ${id(from)} --> ${id(to)}`);
  return lines.join("\n");
}

/** The files under one folder and the imports between them, as a Mermaid flowchart. */
function filesMermaid(modules, folder) {
  const inside = (file) => file.startsWith(`${folder}/`);
  const name = (file) => file.slice(folder.length + 1).replace(/\.ts$/, "");
  const id = (file) => `m_${name(file).replace(/[^a-z0-9]/gi, "_")}`;
  const files = modules.filter((m) => inside(m.source)).sort((a, b) => a.source.localeCompare(b.source));
  const lines = ["flowchart LR"];
  for (const m of files) lines.push(`  ${id(m.source)}["${name(m.source)}"]`);
  for (const m of files)
    for (const d of [...m.dependencies].sort((a, b) => a.resolved.localeCompare(b.resolved)))
      if (inside(d.resolved)) lines.push(`  ${id(m.source)} --> ${id(d.resolved)}`);
  return lines.join("\n");
}

const modules = await readModules();
const edges = folderEdges(modules);
const asMermaid = process.argv.indexOf("--mermaid");
if (asMermaid >= 0) {
  const folder = process.argv[asMermaid + 1]?.replace(/\/$/, "");
  console.log(folder ? filesMermaid(modules, folder) : mermaid(edges));
  process.exit(0);
}

console.log(
  `Folders and the folders they import (${modules.length} files; n: imports from one to the other):`,
);
for (const [from, row] of edges) {
  const targets = [...row].map(([to, imports]) => `${to} (${imports.length})`);
  console.log(`  ${from.padEnd(20)} → ${targets.join(", ") || "nothing"}`);
}

const groups = loops(edges);
console.log(`\nLoops between folders: ${groups.length || "none"}`);
for (const group of groups) {
  const loop = loopIn(group, edges);
  console.log(`  ${group.join(", ")}; for example:`);
  for (let i = 0; i + 1 < loop.length; i++) {
    const imports = edges.get(loop[i]).get(loop[i + 1]);
    console.log(
      `    ${loop[i]} → ${loop[i + 1]}: ${imports[0]}${imports.length > 1 ? ` (+${imports.length - 1})` : ""}`,
    );
  }
}

const files = fileLoops(modules);
console.log(`\nLoops between files: ${files.length || "none"}`);
for (const loop of files) console.log(`  ${loop}`);

if (groups.length > 0) {
  console.error(`\nFolders import each other in a loop (${groups.length}): README, Layout.`);
  process.exit(1);
}
