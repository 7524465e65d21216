/**
 * The simulation's data model (types.ts) and its decisions (intents.ts) are in no import loop: the
 * model names a decision through its schema (intent-schema.ts), never through the rules that read
 * the model. Read from the sources' own import lines (type imports and import("…") types included),
 * so an import that closes a loop again fails here, naming it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** File → the shared/ files it imports. */
function imports(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sources("shared")) {
    const text = readFileSync(file, "utf8");
    const to = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) =>
      normalize(join(dirname(file), m[1]!.endsWith(".ts") ? m[1]! : `${m[1]}.ts`)),
    );
    edges.set(file, to);
  }
  return edges;
}

/** An import path from `start` back to itself, if there is one. */
function loopThrough(start: string, edges: Map<string, string[]>): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, path: string[]): string[] | null => {
    for (const next of edges.get(file) ?? []) {
      if (next === start) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const loop = walk(next, [...path, next]);
      if (loop) return loop;
    }
    return null;
  };
  return walk(start, [start]);
}

it("the data model and the decisions import nothing that imports them back", () => {
  const edges = imports();
  expect(edges.get("shared/types.ts")).toContain("shared/intent-schema.ts"); // the model names decisions
  for (const file of ["shared/types.ts", "shared/intents.ts", "shared/intent-schema.ts"])
    expect(loopThrough(file, edges), file).toBeNull();
});
