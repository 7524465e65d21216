import { Scene } from "phaser";
import type { MatchState } from "../../../game-server/src/rooms/schema";
import { isSeatKind } from "../../../shared/index";
import { session } from "../app";
import { joinAddress } from "../net/api";
import { clearUi, h, mount } from "../ui/dom";
import { qrDataUrl } from "../ui/qr";
import { mySeat, ROLE_JOB, teamLabel } from "./seat";

/** Who is here, on which team and node; the host sees the join code large and starts the round. */
export class Lobby extends Scene {
  private offPatch: (() => void) | null = null;

  constructor() {
    super("Lobby");
  }

  create(): void {
    const host = session.role !== "student";
    const teams = h("div", { class: "teams", id: "lobby-teams" });
    const seat = h("p", { id: "lobby-seat", class: "you-badge" });
    const start = h(
      "button",
      { id: "start", class: "big", onclick: () => session.sendHost({ type: "start" }) },
      "Start the round",
    );
    const where = h("b", { id: "join-address", class: "join-address" }, location.host);
    const qr = h("img", { id: "join-qr", class: "join-qr", alt: "", hidden: true });
    mount(
      h(
        "section",
        { class: "card stack", id: "lobby" },
        session.role === "host"
          ? h(
              "div",
              { class: "stack" },
              h(
                "div",
                { class: "join-how" },
                h(
                  "div",
                  { class: "stack" },
                  h("p", { class: "join-line" }, "Go to ", where),
                  h("p", { class: "join-line" }, "and type the code"),
                  h("span", { class: "code-big", id: "join-code" }, session.code),
                ),
                qr,
              ),
            )
          : h("h1", {}, session.role === "solo" ? "Ready?" : "You're in!"),
        h("h2", { id: "lobby-scenario" }),
        seat,
        teams,
        host ? start : h("p", { class: "muted" }, "Waiting for your teacher to start the round…"),
        h("button", { class: "secondary", onclick: () => this.scene.start("Menu") }, "Leave"),
      ),
    );
    if (session.role === "host") void this.showJoinAddress(where, qr);
    let leaving = false;
    const render = (): void => {
      const state = session.state;
      if (!state || leaving) return;
      const next =
        state.phase === "playing" || state.phase === "paused"
          ? "GameScene"
          : state.phase === "results"
            ? "Results"
            : null;
      if (next) {
        leaving = true;
        this.scene.start(next);
        return;
      }
      document.getElementById("lobby-scenario")!.textContent = `${state.scenario} — ${state.description}`;
      const mine = mySeat(state);
      seat.textContent = mine?.node
        ? `${teamLabel(mine.player.team)} · ${mine.node.label}. ${ROLE_JOB[mine.node.role] ?? ""}`
        : "";
      teams.replaceChildren(...this.teamBoxes(state));
    };
    this.offPatch = session.on("patch", render);
    render();
    this.events.once("shutdown", () => {
      this.offPatch?.();
      clearUi();
    });
  }

  private teamBoxes(state: MatchState): HTMLElement[] {
    const boxes: HTMLElement[] = [];
    for (const [key, team] of state.teams) {
      const players = [...state.players.values()].filter((p) => p.team === key);
      const seats = [...team.nodes.values()].filter((n) => isSeatKind(n.kind, n.id)).length;
      boxes.push(
        h(
          "div",
          { class: `team-box ${key}` },
          h("b", {}, `${team.name}: ${players.length} players, ${seats - players.length} bots`),
          h(
            "ul",
            {},
            ...players.map((p) => h("li", {}, `${p.nickname} — ${team.nodes.get(p.node)?.label ?? p.node}`)),
          ),
        ),
      );
    }
    return boxes;
  }

  /**
   * The address students type, as the server knows it (the teacher's own browser may say localhost),
   * and a QR code that opens the join form with the code filled in.
   */
  private async showJoinAddress(where: HTMLElement, qr: HTMLImageElement): Promise<void> {
    const url = (await joinAddress().catch(() => null)) ?? location.origin;
    where.textContent = url.replace(/^https?:\/\//, "");
    qr.src = qrDataUrl(`${url}/?code=${session.code}`);
    qr.alt = `QR code: ${url}/?code=${session.code}`;
    qr.hidden = false;
  }
}
