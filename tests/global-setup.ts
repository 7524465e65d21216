/**
 * Once per run, before any test file:
 * - the server compiled from the current sources (game-server/dist, what `npm start` runs and the
 *   tests that start server processes run): compiled here once, so no two of them compile at once;
 * - a freshly initialised embedded database, kept as a tarball in the system's temporary folder (per
 *   PGlite version) and reused by every server the tests start (HUB_SWARM_TEST_DB_TEMPLATE, see
 *   game-server/src/db/database.ts). PostgreSQL's initdb costs seconds of CPU; loading the tarball a
 *   fraction of that.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freshEmbeddedTarball } from "../game-server/src/db/database";

export default async function setup(): Promise<void> {
  execFileSync(process.execPath, ["game-server/build.mjs"], { stdio: "inherit" });
  const manifest = await readFile(resolve("node_modules/@electric-sql/pglite/package.json"), "utf8");
  const { version } = JSON.parse(manifest) as { version: string };
  const path = join(tmpdir(), `hub-swarm-test-db-pglite-${version}.tar`);
  if (!existsSync(path)) {
    const tarball = Buffer.from(await (await freshEmbeddedTarball()).arrayBuffer());
    const partial = `${path}.${process.pid}`;
    await writeFile(partial, tarball);
    await rename(partial, path); // whole or not at all: another run may be reading it
  }
  process.env.HUB_SWARM_TEST_DB_TEMPLATE = path;
}
