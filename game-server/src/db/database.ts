/**
 * One small SQL interface over the two databases the server runs on: PGlite (PostgreSQL compiled to
 * WebAssembly, embedded, stored in a folder: the zero-setup default) and a PostgreSQL server when
 * DATABASE_URL is set. Both speak the same SQL, so every query in the stores runs unchanged on both.
 */
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

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
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url) : openEmbedded(options.dataDir ?? "data/db");
}

async function openEmbedded(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
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
    throw new Error("DATABASE_URL is not a valid URL (postgres://user:password@host:port/database)");
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at start, with the reason, rather than at the first finished match.
  const client = await pool.connect().catch((e: Error) => {
    throw new Error(`cannot reach the database at ${where}: ${e.message}`);
  });
  client.release();
  return {
    description: `PostgreSQL at ${where}`,
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await pool.query(sql, [...params])).rows as Row[],
    transaction: async (work) => {
      const tx = await pool.connect();
      try {
        await tx.query("BEGIN");
        const out = await work({
          query: async <Row>(sql: string, params: readonly unknown[] = []) =>
            (await tx.query(sql, [...params])).rows as Row[],
        });
        await tx.query("COMMIT");
        return out;
      } catch (e) {
        await tx.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        tx.release();
      }
    },
    close: () => pool.end(),
  };
}
