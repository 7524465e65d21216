/**
 * The rooms this process holds, for what must be told again about all of them: when Redis restarts
 * empty, every room's listing (how other processes find it by its code) and every class's join code
 * are written back, so a running class stays reachable without anyone noticing.
 */
import { log } from "../ops/log";

/** What a room puts back into a Redis that lost it. */
export interface Registered {
  readonly roomId: string;
  /** Writes the room's listing and anything else it keeps in presence. */
  register(): Promise<void>;
}

const rooms = new Set<Registered>();

export function holdRoom(room: Registered): void {
  rooms.add(room);
}

export function releaseRoom(room: Registered): void {
  rooms.delete(room);
}

/** Registers every room of this process again (after Redis came back without them). */
export async function registerAllAgain(): Promise<number> {
  let done = 0;
  for (const room of rooms) {
    try {
      await room.register();
      done++;
    } catch (e) {
      log.error(`room ${room.roomId}: not registered again: ${e instanceof Error ? e.message : "failed"}`);
    }
  }
  return done;
}
