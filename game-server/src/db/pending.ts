/**
 * Finished matches the database did not take (PostgreSQL down, a full disk): each waits here as a file
 * until it is stored, so neither a slow database nor a restart in between loses a class's results.
 * The room tries again while it lives; the server drains the folder at start and every minute. A write
 * is atomic (a temporary file renamed into place), so a crash leaves a whole record or none.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { log } from "../ops/log";
import type { MatchRecord, MatchStore } from "./match-store";

/** How often the server tries the waiting results again. */
export const DRAIN_EVERY_MS = 60_000;

export class PendingResults {
  /** In memory when there is no folder (a database in memory: nothing outlives the process anyway). */
  private readonly held = new Map<string, MatchRecord>();

  constructor(private readonly dir: string | null) {}

  private file(id: string): string {
    return join(this.dir!, `${id.replace(/[^A-Za-z0-9_-]/g, "_")}.json`);
  }

  /** Keeps a record until it is stored (replacing an earlier copy of the same match). */
  async add(record: MatchRecord): Promise<void> {
    if (!this.dir) return void this.held.set(record.id, record);
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.file(record.id)}.tmp`;
    await writeFile(tmp, JSON.stringify(record));
    await rename(tmp, this.file(record.id));
  }

  async remove(id: string): Promise<void> {
    if (!this.dir) return void this.held.delete(id);
    await rm(this.file(id), { force: true });
  }

  /** Stores every waiting record it can; returns how many were stored. */
  async drain(matches: MatchStore): Promise<number> {
    let stored = 0;
    for (const record of await this.all()) {
      try {
        await matches.record(record);
        await this.remove(record.id);
        stored++;
      } catch (e) {
        log.warn(`results of ${record.roomCode} still waiting: ${e instanceof Error ? e.message : "failed"}`);
        break; // the database is still away: try again at the next drain
      }
    }
    if (stored) log.info(`stored ${stored} waiting results`);
    return stored;
  }

  private async all(): Promise<MatchRecord[]> {
    if (!this.dir) return [...this.held.values()];
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const records: MatchRecord[] = [];
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      try {
        records.push(JSON.parse(await readFile(join(this.dir, name), "utf8")) as MatchRecord);
      } catch {
        log.error(`pending results file ${name} cannot be read: left in ${this.dir}`);
      }
    }
    return records;
  }
}
