import type { MatchView, NodeView, PlayerView } from "../../../shared/index";
import { teamName } from "../../../shared/index";
import { session } from "../net/app";

/** The player record and node of this browser's player, if it holds one. */
export function mySeat(state: MatchView): { player: PlayerView; node: NodeView | undefined } | null {
  const player = state.players.get(session.sessionId);
  if (!player) return null;
  return { player, node: state.teams.get(player.team)?.nodes.get(player.node) };
}

/** A team's name as everyone says it (the simulation's own wording). */
export function teamLabel(team: string): string {
  return team === "hub" || team === "swarm" ? teamName(team) : team;
}

/** What each role is for, in a sentence a 14-year-old reads in five seconds. */
export const ROLE_JOB: Record<string, string> = {
  router:
    "You are a router: you pick which link each packet takes. When a link breaks, send traffic another way — fast.",
  server:
    "You are a server: clients ask you for data and you send it. Keep it up, keep it safe, and watch the cost.",
  client:
    "You are a user's computer: you download files from a server. If your server is down or busy, switch to another one.",
  peer: "You are a peer: you download the chunks you need from other peers and share the ones you have. Others leave once they are done: stay and share.",
  seed: "You are a seed: you hold the whole file. If you leave before others have copies, the data can be lost.",
};
