/**
 * How a room's state reaches its clients: which teams' packets each client is sent (shared views),
 * and when a joiner gets its first full state.
 *
 * Views are shared, one per team and one with every team, so a patch is encoded once per view, not
 * once per client. Colyseus sends the full state when a client acknowledges its join; a lone joiner
 * gets it at once, but when another full state went out less than a patch ago (many students joining
 * together), the joiner waits for the next patch and shares one encoding with everyone who joined
 * meanwhile: encoding a fresh full state for every one of 400 students took longer than a seat
 * reservation lasts.
 */
import type { Client } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { MatchState } from "../schema";

/** The key of the view that holds every team. */
const EVERY_TEAM = "*";

export class Delivery {
  private readonly views = new Map<string, StateView>();
  /** Joined clients still waiting for their first full state (sent before the next patch). */
  private waiting: Client[] = [];
  /** When the last full state went out (performance.now()). */
  private lastFullStateAt = -Infinity;

  /** @param patchMs real milliseconds between patches */
  constructor(private readonly patchMs: () => number) {}

  /** Makes the views of a state whose teams are all in place. */
  makeViews(state: MatchState): void {
    const everything = new StateView();
    for (const [key, team] of state.teams) {
      const one = new StateView();
      one.add(team);
      everything.add(team);
      this.views.set(key, one);
    }
    this.views.set(EVERY_TEAM, everything);
  }

  /** Shows a client one team's packets (a student's own team), or every team's (null: host, watchers). */
  watch(client: Client, team: string | null): void {
    client.view = this.views.get(team ?? EVERY_TEAM) ?? this.views.get(EVERY_TEAM);
  }

  /** True when a joiner's full state goes out now; false when it waits for the next patch. */
  fullStateNow(client: Client): boolean {
    const now = performance.now();
    if (this.waiting.length > 0 || now - this.lastFullStateAt < this.patchMs()) {
      this.waiting.push(client);
      return false;
    }
    this.lastFullStateAt = now;
    return true;
  }

  /** The joiners that waited, to get their full state at `now`, just before the patch; none wait after. */
  takeWaiting(now: number): Client[] {
    const joined = this.waiting;
    if (joined.length > 0) {
      this.waiting = [];
      this.lastFullStateAt = now;
    }
    return joined;
  }
}
