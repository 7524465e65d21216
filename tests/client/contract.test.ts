/**
 * The screen's only contract with the server is shared/: the client reads the match through the view
 * types there (shared/view.ts), which the server's schema classes implement. A client file that
 * reaches into game-server/ (even with `import type`) fails here, naming the file and the import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { expect, it } from "vitest";

const CLIENT = "game-client/src";
/** Folders a client file may import from by a relative path; packages (colyseus.js, phaser) are fine. */
const ALLOWED = ["game-client", "shared"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every relative import of a file: `from "…"`, `import "…"` and `import("…")`, type imports too. */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
}

/** The imports of client files that leave game-client/ and shared/, as "file: import". */
function strayImports(): string[] {
  const stray: string[] = [];
  for (const file of sources(CLIENT)) {
    for (const spec of relativeImports(readFileSync(file, "utf8"))) {
      const top = normalize(relative(".", join(dirname(file), spec))).split(/[\\/]/)[0]!;
      if (!ALLOWED.includes(top)) stray.push(`${file}: ${spec}`);
    }
  }
  return stray;
}

it("reads the import forms a client file may use", () => {
  const text = [
    'import type { MatchState } from "../../../game-server/src/rooms/schema";',
    'import { x } from "./local";',
    'import "../style.css";',
    'const m = await import("../../../game-server/src/http/api");',
    'import { Client } from "colyseus.js";',
  ].join("\n");
  expect(relativeImports(text)).toEqual([
    "../../../game-server/src/rooms/schema",
    "./local",
    "../style.css",
    "../../../game-server/src/http/api",
  ]);
});

it("the client imports nothing from the server: only its own files, shared/ and packages", () => {
  const files = sources(CLIENT);
  expect(files.length).toBeGreaterThan(20); // the scan sees the client's sources
  expect(strayImports()).toEqual([]);
});
