/**
 * The server's storage: one database (embedded or PostgreSQL), migrated at open, with a store for
 * saved scenarios and one for finished matches.
 */
import { type Database, type DatabaseOptions, openDatabase } from "./database";
import { MatchStore } from "./match-store";
import { migrate } from "./migrations";
import { ScenarioStore } from "./scenario-store";

export interface Store {
  readonly description: string;
  readonly scenarios: ScenarioStore;
  readonly matches: MatchStore;
  close(): Promise<void>;
}

export async function openStore(options: DatabaseOptions): Promise<Store> {
  const db: Database = await openDatabase(options);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return {
    description: db.description,
    scenarios: new ScenarioStore(db),
    matches: new MatchStore(db),
    close: () => db.close(),
  };
}
