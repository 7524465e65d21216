/**
 * A round's phases and the host's commands over them. A round goes lobby → playing ⇄ paused →
 * results (or error, when a tick fails). Each command is checked against the phase, then reaches the
 * match as the host's decision, validated and recorded (shared/replay.ts): pause, resume and added
 * time at once, between two ticks; a failure at the next tick. Kick, lock and move belong to
 * classrooms (ClassroomRoom.classroomAction).
 */
import {
  applyNow,
  type HostAction,
  type Match,
  type Refusal,
  refusal,
  submitIntent,
} from "../../../../shared/index";
import type { MatchState } from "../schema";

/** The host commands every room has; the others are a classroom's. */
export type RoundCommand = Exclude<HostAction, { type: "kick" | "lock" | "move" }>;

export const isRoundCommand = (action: HostAction): action is RoundCommand =>
  action.type !== "kick" && action.type !== "lock" && action.type !== "move";

/** What a command acts on: the room's state (its phase), its match, its clock and its ending. */
export interface HostedRound {
  readonly state: MatchState;
  readonly match: Match;
  /** Starts the room's tick clock. */
  startTicking(): void;
  /** Ends the round: the closing step, then the results (see MatchRoom.finish). */
  finish(): void;
}

/** Carries out a host command; returns why not when it cannot (and then nothing changed). */
export function runHostCommand(round: HostedRound, action: RoundCommand): Refusal | null {
  const { state, match } = round;
  const phase = state.phase;
  switch (action.type) {
    case "start":
      if (phase !== "lobby") return refusal("round-started");
      state.phase = "playing";
      round.startTicking();
      return null;
    case "pause":
    case "resume": {
      if (phase !== (action.type === "pause" ? "playing" : "paused"))
        return refusal(action.type === "pause" ? "round-not-running" : "round-not-paused");
      // The match's own clock stops and starts, at once and recorded: the round replays with it.
      const check = applyNow(match, { kind: "host" }, { type: action.type });
      if (!check.ok) return check.refusal;
      state.phase = match.paused ? "paused" : "playing";
      return null;
    }
    case "end":
      if (phase !== "playing" && phase !== "paused") return refusal("round-not-running");
      round.finish();
      return null;
    case "add-time": {
      if (phase === "results" || phase === "error") return refusal("round-over");
      // Applied at once (not at the next tick) so a paused clock shows the new time too.
      const intent = { type: "add-time" as const, seconds: action.seconds };
      const check = applyNow(match, { kind: "host" }, intent);
      if (!check.ok) return check.refusal;
      state.endTick = match.endTick;
      return null;
    }
    case "trigger": {
      if (phase !== "playing" && phase !== "paused") return refusal("trigger-while-running");
      const r = submitIntent(
        match,
        { kind: "host" },
        { type: "trigger", failure: { ...action.failure, at: 0 } },
      );
      return r.ok ? null : r.refusal;
    }
  }
}
