/**
 * What a player's browser downloads before the first screen: index.html, what it references (the
 * entry script, its preloaded chunks, the stylesheet) and the icons the preloader fetches, each
 * gzipped at level 9. The client benchmark prints it; a browser test holds it to the budget
 * (DESIGN.md §6: 500 KB).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

export const DOWNLOAD_BUDGET_KB = 500;

export interface DownloadFile {
  path: string;
  bytes: number;
  gzip: number;
}

export function initialDownload(dist: string): DownloadFile[] {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const referenced = [...html.matchAll(/(?:src|href)="\/?([^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((p) => !p.startsWith("http"));
  const icons = readdirSync(join(dist, "icons")).map((f) => `icons/${f}`);
  return ["index.html", ...new Set([...referenced, ...icons])].map((path) => {
    const data = readFileSync(resolve(dist, path));
    return { path, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
}
