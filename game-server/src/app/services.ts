/**
 * What rooms and the HTTP API share in one process: the store. Colyseus constructs rooms itself, so
 * they reach it here; `startServer` sets it before the first room can exist.
 */

import type { PendingResults } from "../db/pending";
import type { Store } from "../db/store";
import type { SharedLimits } from "../edge/limits";
import type { GuardOptions } from "../edge/options";

export interface Services {
  store: Store;
  /** Set on SIGTERM: no new classes, saves or previews; running rounds are being stored. */
  shuttingDown: boolean;
  /** Origins, proxy trust and limit scale, for rooms' per-address limits too. */
  guard: GuardOptions;
  /** Per-address budgets, shared by every process when there is Redis. */
  limits: SharedLimits;
  /** Where students join (PUBLIC_URL, or this machine's LAN address and port); null when unknown. */
  joinAddress: string | null;
  /** Game seconds per real second: 1, except in tests that play whole rounds (see ServerOptions). */
  timeScale: number;
  /** Seconds a join call holds a seat for its websocket (ServerOptions). */
  seatReservationSeconds: number;
  /** Finished matches waiting for the database. */
  pending: PendingResults;
}

let current: Services | null = null;

export function setServices(s: Services | null): void {
  current = s;
}

export function services(): Services {
  if (!current) throw new Error("the server's services are not set up yet");
  return current;
}
