/**
 * Bot-only matches the server runs for itself (a saved scenario's par, the editor's preview) without
 * stalling the rooms that share its event loop: the match is stepped in slices of a few milliseconds,
 * yielding between them, so a long preview delays a classroom's tick by one slice at most.
 */
import {
  decidingPlayers,
  type Match,
  type Par,
  type Preview,
  parMatch,
  parOf,
  pointsOf,
  replayWithout,
  type Scenario,
  stepMatch,
  stepWithout,
  teamResult,
} from "../../../shared/index";

/** Longest stretch, in milliseconds, a headless match holds the event loop. */
const SLICE_MS = 8;

const yieldToRooms = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Steps a match to its end, a slice at a time. */
export async function runInSlices(match: Match): Promise<Match> {
  while (!match.ended) {
    const t0 = performance.now();
    while (!match.ended && performance.now() - t0 < SLICE_MS) stepMatch(match);
    await yieldToRooms();
  }
  return match;
}

/**
 * Every deciding player's points (shared/points.ts): the round played again without each one's
 * decisions, one replay after another, a slice at a time. About a tenth of a second of work a player
 * on a classroom map.
 */
export async function countPoints(match: Match, par: Par): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  // One replay at a time: each holds a whole network while it plays.
  for (const [player, team] of decidingPlayers(match)) {
    const w = replayWithout(match, player, team);
    for (;;) {
      const t0 = performance.now();
      let more = true;
      while (more && performance.now() - t0 < SLICE_MS) more = stepWithout(w);
      if (!more) break;
      await yieldToRooms();
    }
    out.set(player, pointsOf(match, par, w));
  }
  return out;
}

/** Par of a scenario (both architectures, bots everywhere), and the finished match it came from. */
export async function measurePar(scenario: Scenario): Promise<{ par: Par; match: Match }> {
  const match = await runInSlices(parMatch(scenario));
  return { par: parOf(match), match };
}

/**
 * The editor's preview: the teams a class would field (both in versus), scored against par. One run
 * gives both, because par is measured on exactly this bots-only match.
 */
export async function previewScenario(scenario: Scenario): Promise<Preview> {
  const t0 = performance.now();
  const { par, match } = await measurePar(scenario);
  const teams = match.worlds
    .filter((w) => scenario.topology === "versus" || w.team === scenario.topology)
    .map((w) => {
      const t = teamResult(match, w, par);
      return {
        team: t.team,
        scores: t.scores,
        goodputPerSecond: t.goodputPerSecond,
        averageGoodput: t.averageGoodput,
        failures: t.failures,
        coinsSpent: t.coinsSpent,
      };
    });
  const round2 = (x: number) => (Number.isNaN(x) ? 0 : Math.round(x * 100) / 100);
  return {
    seconds: scenario.duration,
    par: { goodput: round2(par.goodput), completionSeconds: round2(par.completionSeconds) },
    teams,
    tookMs: Math.round(performance.now() - t0),
  };
}
