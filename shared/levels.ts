/**
 * Solo levels: the star rule and what an attempt earns. Stars are counted once, here, from a team's
 * 0–100 part scores and the thresholds stored in the level; the server, the client and the tests all
 * call `starsFor`. The ladder itself (which levels, in which order, which is unlocked) is
 * levels/catalog.ts: the rules here know a level, never the list.
 */
import type { Level, Scenario } from "./scenario";
import type { Scores } from "./scoring";
import type { Architecture } from "./types";

/** A scenario that is a level: its level block is present. */
export type LevelScenario = Scenario & { level: Level };

export interface LevelInfo {
  id: string;
  /** 1-based place on the ladder. */
  number: number;
  scenario: LevelScenario;
}

export const STAR_PARTS = ["speed", "cost", "survival"] as const;
export type StarPart = (typeof STAR_PARTS)[number];
/** Stars per part, 0–3 each; null for a part the round did not test (survival without a failure). */
export type Stars = Record<StarPart, number | null>;

/** Stars a part earns: one for each threshold the score reaches; none for a part not tested. */
export function starsFor(scores: Pick<Scores, StarPart>, level: Level): Stars {
  const count = (part: StarPart) => {
    const score = scores[part];
    return score === null ? null : level.stars[part].filter((t) => score >= t).length;
  };
  return { speed: count("speed"), cost: count("cost"), survival: count("survival") };
}

/** A level is passed with at least one star in every part it tested: that unlocks the next one. */
export function passed(stars: Stars): boolean {
  return STAR_PARTS.every((p) => stars[p] === null || stars[p] >= 1);
}

export function totalStars(stars: Stars): number {
  return (stars.speed ?? 0) + (stars.cost ?? 0) + (stars.survival ?? 0);
}

/** The hints for an attempt: one for each part that earned no star (and has a hint). */
export function hintsFor(stars: Stars, level: Level): string[] {
  return STAR_PARTS.flatMap((p) => (stars[p] === 0 && level.hints[p] ? [level.hints[p]] : []));
}

/**
 * The scenario an attempt at a level plays: the level's own architecture, or the one the player
 * picked when the level asks for a choice. A string says why the pick is not possible.
 */
export function levelPlay(info: LevelInfo, pick: Architecture | undefined): LevelScenario | string {
  const sc = info.scenario;
  if (sc.level.choose) return pick ? { ...sc, topology: pick } : "this level needs a choice: hub or swarm";
  if (pick && pick !== sc.topology) return `this level is played as ${sc.topology}`;
  return sc;
}

/** How an attempt at a level went: what the results screen shows and the browser saves. */
export interface LevelOutcome {
  id: string;
  number: number;
  topology: Architecture;
  stars: Stars;
  passed: boolean;
  /** For an attempt that missed a star somewhere: what to try next (the level's own hints). */
  hints: string[];
  /** The player ended the level before its time was up: no stars for that attempt. */
  gaveUp?: true;
}

export function levelOutcome(info: LevelInfo, topology: Architecture, scores: Scores): LevelOutcome {
  const stars = starsFor(scores, info.scenario.level);
  return {
    id: info.id,
    number: info.number,
    topology,
    stars,
    passed: passed(stars),
    hints: hintsFor(stars, info.scenario.level),
  };
}
