/**
 * One small SQL interface over the two databases the server runs on: PGlite (PostgreSQL compiled to
 * WebAssembly, embedded, stored in a folder: the zero-setup default) and a PostgreSQL server when
 * DATABASE_URL is set. Both speak the same SQL, so every query in the stores runs unchanged on both.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { log, oneLine } from "../ops/log";

/** Something that runs parameterised SQL: the database itself, or a transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  /** "embedded (data/db)" or "PostgreSQL at host:port/name", for the start-up log. */
  readonly description: string;
  /** Runs `work` in one transaction: all of it is written, or none of it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; without it the embedded database is used. */
  url?: string | undefined;
  /** Folder of the embedded database; "memory://" keeps it in memory (tests). */
  dataDir?: string;
  /**
   * A test seam: a freshly initialised embedded database (a tarball from `freshEmbeddedTarball`),
   * loaded into a new folder instead of running PostgreSQL's initdb, which costs seconds of CPU per
   * start; tests start dozens of servers. Defaults to HUB_SWARM_TEST_DB_TEMPLATE, which only the
   * test suite sets (tests/global-setup.ts). Migrations still run as at any first start.
   */
  template?: string | undefined;
}

/** The embedded database's folder when DATA_DIR is not set. */
export const DEFAULT_DATA_DIR = "data/db";

/**
 * A PostgreSQL server that stops answering must not hold a request, or a round's results, for ever:
 * a new connection gives up after CONNECT_TIMEOUT_MS, a query after QUERY_TIMEOUT_MS (cancelled in
 * the server by `statement_timeout`, and given up here by `query_timeout` when the server or the
 * network hangs and no answer comes at all). An idle connection is closed after IDLE_TIMEOUT_MS.
 */
const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 15_000;
const IDLE_TIMEOUT_MS = 30_000;
/** Connections per process: a class writes a few rows at the end of a round, the API one at a time. */
const POOL_SIZE = 10;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  const template = options.template ?? (process.env.HUB_SWARM_TEST_DB_TEMPLATE || undefined);
  return openEmbedded(options.dataDir ?? DEFAULT_DATA_DIR, template);
}

/**
 * The embedded database's memory settings. PostgreSQL's defaults (128 MB of shared buffers) suit a
 * server of its own; a classroom game writes a few rows a second and keeps its data small, and these
 * take about 120 MB off the process (an idle server stays under 300 MB).
 */
const EMBEDDED_SETTINGS = [
  "shared_buffers = 16MB",
  "wal_buffers = 1MB",
  "work_mem = 2MB",
  "maintenance_work_mem = 8MB",
  "temp_buffers = 2MB",
];

/** A new embedded database, initialised and dumped as a tarball: what `template` loads. */
export async function freshEmbeddedTarball(): Promise<Blob> {
  const db = await PGlite.create("memory://", { postgresqlconf: EMBEDDED_SETTINGS });
  const tarball = await db.dumpDataDir("none");
  await db.close();
  return tarball;
}

/**
 * Opens PGlite in `dataDir`. The caller holds the folder's lock (see lock.ts and openStore): PGlite
 * itself does not stop a second process from opening the same folder.
 */
async function openEmbedded(dataDir: string, template: string | undefined): Promise<Database> {
  let db: PGlite;
  try {
    const memory = dataDir.startsWith("memory://");
    if (!memory) await mkdir(dataDir, { recursive: true });
    const fresh = memory || !existsSync(join(dataDir, "PG_VERSION"));
    const loadDataDir = template && fresh ? new Blob([await readFile(template)]) : undefined;
    db = await PGlite.create(dataDir, {
      postgresqlconf: EMBEDDED_SETTINGS,
      ...(loadDataDir && { loadDataDir }),
    });
  } catch (e) {
    const reason = oneLine(e instanceof Error ? e.message : String(e));
    throw new Error(
      `cannot open the embedded database in DATA_DIR "${dataDir}" (${reason}): set DATA_DIR to another folder.`,
    );
  }
  // PGlite runs one query at a time; a transaction must not interleave with another caller's queries.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    description: dataDir.startsWith("memory://") ? "embedded, in memory" : `embedded (${dataDir})`,
    query: <Row>(sql: string, params: readonly unknown[] = []) =>
      exclusive(async () => (await db.query<Row>(sql, [...params])).rows),
    transaction: (work) =>
      exclusive(() =>
        db.transaction((tx) =>
          work({
            query: async <Row>(sql: string, params: readonly unknown[] = []) =>
              (await tx.query<Row>(sql, [...params])).rows,
          }),
        ),
      ),
    close: () => exclusive(() => db.close()),
  };
}

async function openPostgres(url: string): Promise<Database> {
  let where: string;
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    throw new Error(
      "DATABASE_URL is not a valid URL: set it to postgres://user:password@host:port/database.",
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    statement_timeout: QUERY_TIMEOUT_MS,
  });
  // PostgreSQL restarting (or a proxy dropping idle connections) fails every idle connection at once;
  // unheard, that `error` event ends the process. The pool has already dropped those connections and
  // opens new ones for the next queries, so a log line is all that is needed.
  pool.on("error", (e) => log.error(`database: a connection to ${where} was lost (${e.message})`));
  // A connection lent out (a transaction between two queries) has no pool listener: its error would
  // end the process too. The transaction's next query fails with it, and the connection is dropped.
  pool.on("connect", (client) => client.on("error", () => {}));
  // Fail at start, with the reason, rather than at the first finished match.
  const client = await pool.connect().catch(async (e: Error) => {
    await pool.end().catch(() => undefined);
    throw new Error(
      `cannot reach the database at ${where} (${oneLine(e.message)}): start PostgreSQL, or correct DATABASE_URL.`,
    );
  });
  client.release();
  return {
    description: `PostgreSQL at ${where}`,
    // pg's pool.query drops a connection whose query failed, so a broken one is never reused.
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await pool.query(sql, [...params])).rows as Row[],
    transaction: (work) => inTransaction(pool, work),
    close: () => pool.end(),
  };
}

/**
 * Runs `work` in one transaction on one pooled connection. After a failure the connection goes back
 * to the pool only if PostgreSQL itself refused something (a broken constraint, a cancelled statement)
 * and the rollback went through; after a timeout or a lost connection its state is unknown, and
 * `release(error)` makes the pool close it (PostgreSQL then rolls the transaction back itself).
 */
async function inTransaction<T>(pool: pg.Pool, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  let out: T;
  try {
    await tx.query("BEGIN");
    out = await work({
      query: async <Row>(sql: string, params: readonly unknown[] = []) =>
        (await tx.query(sql, [...params])).rows as Row[],
    });
    await tx.query("COMMIT");
  } catch (e) {
    const usable =
      e instanceof pg.DatabaseError &&
      (await tx.query("ROLLBACK").then(
        () => true,
        () => false,
      ));
    tx.release(usable ? undefined : e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
  tx.release();
  return out;
}
