/**
 * Who sits where: players seated on bots' nodes, given back to the bots, away (the autopilot runs
 * their node) and back. Every change reaches the match at once through a decision, validated and
 * recorded (the host's assign, the player's own autopilot), so a round with joins, leaves and
 * reconnections replays; the players' list in state follows at the next patch.
 */
import type { MapSchema } from "@colyseus/schema";
import { applyNow, holderOf, type Match, pickSeat, type Seat, seatOf } from "../../../../shared/index";
import { PlayerState } from "../schema";

export class Seats {
  /** The nickname of each player seated now, by player id. */
  readonly nicknames = new Map<string, string>();
  /** Every player seated in this round, also those who left: the stored match names who decided. */
  readonly everyName = new Map<string, string>();

  /**
   * @param players the room state's players
   * @param changed called after every change: the room projects it before the next patch
   */
  constructor(
    private readonly match: Match,
    private readonly players: MapSchema<PlayerState>,
    private readonly changed: () => void,
  ) {}

  /**
   * Seats a player on a bot's node: the one asked for if it is free, otherwise the seat that keeps
   * teams and roles balanced. False when every seat has a human.
   */
  seat(player: string, nickname: string, wish?: Seat): boolean {
    const free = wish && !holderOf(this.match, wish) && this.assign(wish, player);
    const seat = free ? wish : pickSeat(this.match);
    if (!seat) return false;
    if (!free) this.assign(seat, player);
    const p = new PlayerState();
    p.nickname = nickname;
    p.team = seat.team;
    p.node = seat.node;
    this.players.set(player, p);
    this.nicknames.set(player, nickname);
    this.everyName.set(player, nickname);
    this.changed();
    return true;
  }

  /** A player's seat goes back to the bots. */
  unseat(player: string): void {
    const seat = seatOf(this.match, player);
    if (seat) this.assign({ team: seat.world.team, node: seat.node.id }, null);
    this.players.delete(player);
    this.nicknames.delete(player);
    this.changed();
  }

  /** While a player is away, the autopilot runs their node; it hands back when they return. */
  setAway(player: string, away: boolean): void {
    const seat = seatOf(this.match, player);
    // The player's own decision, made for them: recorded, so the round replays.
    if (seat && seat.node.autopilot !== away)
      applyNow(
        this.match,
        { kind: "player", id: player },
        { type: "autopilot", team: seat.world.team, node: seat.node.id, on: away },
      );
    const p = this.players.get(player);
    if (p) p.connected = !away;
    this.changed();
  }

  /**
   * Puts a player on a seat (or gives it back to the bots) at once, through the host's assign
   * decision: validated and recorded like every change to the match, so the round replays.
   */
  private assign(seat: Seat, player: string | null): boolean {
    const intent = { type: "assign" as const, team: seat.team, node: seat.node, player };
    return applyNow(this.match, { kind: "host" }, intent).ok;
  }
}
