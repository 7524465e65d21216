/**
 * The one session every scene shares. It is opened by `startGame` (game.ts), never at import: a module
 * that needs only the palette (palette.ts) or the display helpers (display.ts) connects to nothing.
 */
import { Session } from "./session";

/** Set once by `openSession`, before the first scene runs (an ES module binding: importers see it). */
export let session: Session;

export function openSession(baseUrl?: string): Session {
  session = new Session(baseUrl);
  return session;
}
