/**
 * Who leads, in the top bar's words. In a classroom it is the competition, live: each team against its
 * own autopilot so far (shared/twin.ts LiveStanding), teams within TOO_CLOSE_TO_CALL of each
 * other level, as the results will judge them. A classroom on a network too large to follow live
 * (`district`, the school network) names the leading *network*, and says the winner comes at the end.
 * Elsewhere (a level with two networks) it is the networks' totals, as those results compare them.
 * No DOM here, so the words are tested on their own.
 */
import { type Architecture, competitionWinner, TOO_CLOSE_TO_CALL } from "../../../shared/index";

export interface LeadTeam {
  team: string;
  name: string;
  total: number;
  /** Against its autopilot so far (100 = as well as it); -1 where it is not followed live. */
  standing: number;
}

export interface Lead {
  text: string;
  /** The leading team's key; null when level. */
  team: string | null;
  /** What a pointer over the words explains. */
  title: string;
}

/** The teams as the leader line reads them (schema objects copied field by field: no spreading). */
export function leadTeams(teams: Iterable<[string, Omit<LeadTeam, "team">]>): LeadTeam[] {
  return [...teams].map(([team, t]) => ({ team, name: t.name, total: t.total, standing: t.standing }));
}

/**
 * Whether these teams are compared with their autopilots, followed live: a classroom's two teams, or
 * a co-op class's one network (its own race against the autopilot, with nobody to lead).
 */
export function isCompetition(teams: readonly LeadTeam[]): boolean {
  return teams.length > 0 && teams.every((t) => t.standing >= 0);
}

/** "+7 %", "−2 %", "±0 %": a team's standing (100 = its autopilot) as what it gained on it. */
export function standingWords(standing: number): string {
  const d = standing - 100;
  return d > 0 ? `+${d} %` : d < 0 ? `\u2212${-d} %` : "\u00b10 %";
}

const short = (name: string) => name.replace(/^Team /, "");

/**
 * The leader line: null with fewer than two teams. `classroom`: the round ends with the competition
 * (each team against its autopilot), whether or not it is followed live.
 */
export function leadOf(teams: readonly LeadTeam[], classroom = false): Lead | null {
  if (teams.length < 2) return null;
  if (isCompetition(teams)) {
    const title = `Each team against its own autopilot so far: the same network and failures with the computer deciding. More than ${TOO_CLOSE_TO_CALL} % apart to lead.`;
    const win = competitionWinner(
      teams.map((t) => ({ team: t.team as Architecture, againstAutopilot: t.standing })),
    );
    if (win) return { text: `${short(teams.find((t) => t.team === win)!.name)} leads`, team: win, title };
    const level = teams.every((t) => t.standing === teams[0]!.standing);
    return { text: level ? "Level pegging" : "Too close to call", team: null, title };
  }
  const [first, second] = [...teams].sort((a, b) => b.total - a.total);
  if (classroom) {
    const title =
      "The networks' total scores. The winning team is decided at the end: each team against its own autopilot.";
    if (first!.total === second!.total) return { text: "Networks level", team: null, title };
    const by = first!.total - second!.total;
    return { text: `${short(first!.name)}'s network ahead by ${by}`, team: first!.team, title };
  }
  const title = "The networks' total scores";
  if (first!.total === second!.total) return { text: "Level pegging", team: null, title };
  return { text: `${short(first!.name)} leads by ${first!.total - second!.total}`, team: first!.team, title };
}
