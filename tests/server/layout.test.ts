/**
 * Folders import each other in one direction only (README, Layout), in the server, the client and
 * shared/: a folder that imports another is never imported back by it, directly or round a longer
 * loop. Read from the sources' own import lines, so a new import that closes a loop fails here,
 * naming the files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/**
 * The folder under `root` a file is in ("" for the files at the top). shared/index.ts, the package's
 * front that re-exports every folder, is a layer of its own ("(entry)"), as in npm run graph.
 */
const folderOf = (root: string, file: string) => {
  const parts = relative(root, file).split("/");
  if (parts.length > 1) return parts[0]!;
  return root === "shared" && parts[0] === "index.ts" ? "(entry)" : "";
};

/** Folder → the folders its files import, each with one import that shows it (inside `root` only). */
function folderImports(root: string): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of sources(root)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = normalize(join(dirname(file), m[1]!));
      if (relative(root, target).startsWith("..")) continue; // outside this root (shared/, for the others)
      const [from, to] = [
        folderOf(root, file),
        folderOf(root, target.endsWith(".ts") ? target : `${target}.ts`),
      ];
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      edges.get(from)!.set(to, `${relative(root, file)} imports ${m[1]}`);
    }
  }
  return edges;
}

/** A loop of folders, if there is one: [a, b, …, a]. */
function findLoop(edges: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (folder: string): string[] | null => {
    if (state.get(folder) === "open") return [...path.slice(path.indexOf(folder)), folder];
    if (state.get(folder) === "done") return null;
    state.set(folder, "open");
    path.push(folder);
    for (const next of edges.get(folder)?.keys() ?? []) {
      const loop = visit(next);
      if (loop) return loop;
    }
    path.pop();
    state.set(folder, "done");
    return null;
  };
  for (const folder of edges.keys()) {
    const loop = visit(folder);
    if (loop) return loop;
  }
  return null;
}

function expectNoLoop(edges: Map<string, Map<string, string>>): void {
  const loop = findLoop(edges);
  const shown = loop?.slice(1).map((to, i) => edges.get(loop[i]!)!.get(to)) ?? [];
  expect(shown, `a loop: ${loop?.map((f) => f || "(top)").join(" → ")}`).toEqual([]);
}

describe("the server's folders", () => {
  const SRC = "game-server/src";

  it("import each other in one direction only", () => {
    const edges = folderImports(SRC);
    expect(edges.get("rooms")?.has("db")).toBe(true); // the reading works: rooms store their results
    expectNoLoop(edges);
  });

  it("rooms and the HTTP API never import each other: both stand on app/", () => {
    const edges = folderImports(SRC);
    expect(edges.get("http")?.get("rooms")).toBeUndefined();
    expect(edges.get("rooms")?.get("http")).toBeUndefined();
    expect(edges.get("http")?.has("app")).toBe(true); // the reading works: the API finds scenarios in app/
  });

  it("a loop is found when there is one", () => {
    const edges = new Map([
      ["db", new Map([["rooms", "db/x.ts imports ../rooms/y"]])],
      ["rooms", new Map([["db", "rooms/y.ts imports ../db/x"]])],
    ]);
    expect(findLoop(edges)).toEqual(["db", "rooms", "db"]);
  });
});

describe("the client's folders", () => {
  it("import each other in one direction only; nothing imports the pages' entries at the top", () => {
    const edges = folderImports("game-client/src");
    expect(edges.get("scenes")?.has("render")).toBe(true); // the reading works: scenes draw with MapView
    expectNoLoop(edges);
    const intoTop = [...edges].flatMap(([from, row]) => (row.has("") ? [`${from}: ${row.get("")}`] : []));
    expect(intoTop).toEqual([]);
  });
});

describe("shared/", () => {
  it("the simulation stands below the levels and scenarios that use it; only the front imports them", () => {
    const edges = folderImports("shared");
    expect(edges.get("levels")?.has("")).toBe(true); // the reading works: levels are scenarios
    expectNoLoop(edges);
    expect(edges.get("")?.get("levels")).toBeUndefined();
    expect(edges.get("")?.get("scenarios")).toBeUndefined();
  });
});
