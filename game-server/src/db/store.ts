/**
 * The server's storage: one database (embedded or PostgreSQL), migrated at open, with a store for
 * saved scenarios and one for finished matches.
 */
import { type Database, type DatabaseOptions, DEFAULT_DATA_DIR, openDatabase } from "./database";
import { lockDataDir } from "./lock";
import { MatchStore } from "./match-store";
import { migrate } from "./migrations";
import { ScenarioStore } from "./scenario-store";

export interface Store {
  readonly description: string;
  readonly scenarios: ScenarioStore;
  readonly matches: MatchStore;
  /**
   * Settles when the database is open and migrated (or failed to). Queries made before wait for it, so
   * the server answers /health and serves pages while an embedded database starts (about a second;
   * several on the very first start, when it is created).
   */
  readonly ready: Promise<void>;
  /** Where opening stands, for /health: an operator (or a test) can wait for "ready". */
  readonly state: () => "opening" | "ready" | "failed";
  close(): Promise<void>;
}

export async function openStore(options: DatabaseOptions): Promise<Store> {
  const unlock = await lockEmbedded(options);
  const opening = (async () => {
    const db = await openDatabase(options);
    try {
      await migrate(db);
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
    return db;
  })();
  let state: "opening" | "ready" | "failed" = "opening";
  opening.then(
    () => (state = "ready"),
    () => {
      state = "failed";
      return unlock();
    },
  );
  const db = waitingFor(opening, describe(options));
  return {
    description: db.description,
    scenarios: new ScenarioStore(db),
    matches: new MatchStore(db),
    ready: opening.then(() => undefined),
    state: () => state,
    close: async () => {
      try {
        await (await opening.catch(() => null))?.close();
      } finally {
        await unlock();
      }
    },
  };
}

/** A database whose queries wait until it is open: the stores can be made before it is. */
function waitingFor(opening: Promise<Database>, description: string): Database {
  return {
    description,
    query: async (sql, params) => (await opening).query(sql, params),
    transaction: async (work) => (await opening).transaction(work),
    close: async () => (await opening).close(),
  };
}

/** What the start-up log says about the database, known before it is open. */
function describe(options: DatabaseOptions): string {
  if (options.url) {
    try {
      const u = new URL(options.url);
      return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return "PostgreSQL";
    }
  }
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  return dataDir.startsWith("memory://") ? "embedded, in memory" : `embedded (${dataDir})`;
}

/**
 * The embedded database's folder is locked before PGlite opens it: a second process on the same
 * folder would otherwise run on its own copy and overwrite the first one's saves when it stops. A
 * PostgreSQL server, and a database in memory, are shared or private by nature: nothing to lock.
 */
async function lockEmbedded(options: DatabaseOptions): Promise<() => Promise<void>> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (options.url || dataDir.startsWith("memory://")) return async () => {};
  return lockDataDir(dataDir);
}
