/**
 * One process per embedded database folder. PGlite writes no usable lock of its own (its
 * postmaster.pid holds -42), so two servers started on one DATA_DIR both run, each with its own copy
 * in memory, and whichever stops last overwrites the other's saves. A lock file beside the folder
 * (`data/db.lock` for `data/db`) holding the owner's PID and start time refuses the second start.
 */
import { readFileSync, unlinkSync } from "node:fs";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** Lock files held by this process: a second open in the same process is refused too. */
const held = new Set<string>();

/** What a lock file says about its owner. */
interface Owner {
  pid: number;
}

/**
 * Takes the lock of the embedded database in `dataDir`, or throws one sentence naming DATA_DIR and
 * the process that holds it. A lock left by a process that no longer runs (killed with -9, a power
 * cut) is replaced. Resolves with the function that releases it; a process that exits without
 * calling it still removes the file on the way out.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  // Beside the folder, not in it: the folder may not exist yet, and PGlite owns its contents.
  const path = `${resolve(dataDir)}.lock`;
  if (held.has(path)) throw inUse(dataDir, process.pid);
  await mkdir(dirname(path), { recursive: true }).catch((e: unknown) => {
    throw cannotLock(dataDir, e);
  });
  const mine = `${process.pid}\n${new Date().toISOString()}\n`;
  // Two tries: the second follows the removal of a stale lock. Two processes that find the same
  // stale lock at the same moment race for the new one; the loser sees the winner as a live owner.
  for (let attempt = 0; ; attempt++) {
    const created = await create(path, mine).catch((e: unknown) => {
      throw cannotLock(dataDir, e);
    });
    if (created) break;
    const owner = await readOwner(path);
    if (owner && alive(owner.pid)) throw inUse(dataDir, owner.pid);
    if (attempt > 0) throw inUse(dataDir, owner?.pid ?? null);
    await unlink(path).catch((e: unknown) => {
      if (code(e) !== "ENOENT") throw cannotLock(dataDir, e);
    });
  }
  held.add(path);
  // Synchronous: nothing asynchronous runs on "exit". Best effort, like the release below.
  const onExit = () => {
    if (ownedByMe(readFileSafe(path))) tryUnlinkSync(path);
  };
  process.on("exit", onExit);
  return async () => {
    if (!held.delete(path)) return;
    process.off("exit", onExit);
    // Only our own file: a lock that was replaced meanwhile belongs to someone else.
    if (ownedByMe(await readFile(path, "utf8").catch(() => null))) await unlink(path).catch(ignoreMissing);
  };
}

/**
 * Creates the lock file with its contents in one step, so another process never reads a half-written
 * (empty) lock and mistakes it for garbage: written under a private name, then hard-linked into place,
 * which fails if the name exists. Resolves false when it exists. Where hard links are not supported,
 * an exclusive create (`wx`) does the same with a tiny window between create and write.
 */
async function create(path: string, contents: string): Promise<boolean> {
  const scratch = `${path}.${process.pid}.tmp`;
  await writeFile(scratch, contents);
  try {
    await link(scratch, path);
    return true;
  } catch (e) {
    if (code(e) === "EEXIST") return false;
    return await writeFile(path, contents, { flag: "wx" }).then(
      () => true,
      (e2: unknown) => (code(e2) === "EEXIST" ? false : Promise.reject(e2)),
    );
  } finally {
    await unlink(scratch).catch(ignoreMissing);
  }
}

/** The owner a lock file names; null for a file that is gone, unreadable or not a lock (stale). */
async function readOwner(path: string): Promise<Owner | null> {
  return parse(await readFile(path, "utf8").catch(() => null));
}

function parse(text: string | null): Owner | null {
  const first = text?.split("\n", 1)[0]?.trim() ?? "";
  if (!/^\d{1,10}$/.test(first)) return null;
  const pid = Number(first);
  return pid > 0 ? { pid } : null;
}

/**
 * Whether a process with this PID runs. Signal 0 checks without sending anything; EPERM means it runs
 * under another user. A PID of this very process that this process did not lock (it was checked
 * against `held` first) is a lock left by an earlier run that had the same PID, as happens in
 * containers, where the server is often process 1 on every start.
 */
function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) !== "ESRCH";
  }
}

function ownedByMe(text: string | null): boolean {
  return parse(text)?.pid === process.pid;
}

function readFileSafe(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function tryUnlinkSync(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or the folder is read-only now: the next start treats the file as stale.
  }
}

function inUse(dataDir: string, pid: number | null): Error {
  const who = pid === null ? "another Hub & Swarm" : `another Hub & Swarm (process ${pid})`;
  return new Error(
    `DATA_DIR "${dataDir}" is in use by ${who}: stop that one first, or set DATA_DIR to another folder.`,
  );
}

function cannotLock(dataDir: string, e: unknown): Error {
  const reason = e instanceof Error ? e.message : String(e);
  return new Error(
    `DATA_DIR "${dataDir}" cannot be locked (${reason}): set DATA_DIR to a folder this user can write.`,
  );
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

function ignoreMissing(e: unknown): void {
  if (code(e) !== "ENOENT") throw e;
}
