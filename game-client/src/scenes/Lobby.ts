import { Scene } from "phaser";
import type { MatchView } from "../../../shared/index";
import { isSeatKind, plural, refusal, refusalWords } from "../../../shared/index";
import { joinAddress } from "../net/api";
import { session } from "../net/app";
import { clearUi, h, mount } from "../ui/dom";
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
    const count = h("span", { id: "lobby-count", class: "lobby-count" });
    const leave = h("button", { class: "secondary", onclick: () => this.scene.start("Menu") }, "Leave");
    const qr = h("img", { id: "join-qr", class: "join-qr", alt: "", hidden: true });
    mount(
      h(
        "section",
        { class: "card stack", id: "lobby" },
        // The host starts from the top: the list below grows with the class.
        session.role === "host" ? h("div", { class: "row lobby-head" }, start, count, leave) : null,
        session.role === "host"
          ? h(
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
            )
          : h("h1", {}, session.role === "solo" ? "Ready?" : "You're in!"),
        h("h2", { id: "lobby-scenario" }),
        seat,
        host ? null : h("p", { class: "muted" }, "Waiting for your teacher to start the round…"),
        teams,
        session.role === "solo" ? h("div", { class: "row" }, start, leave) : host ? null : leave,
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
      // A student with no seat joined a full class: they watch, and are told so here.
      seat.textContent = mine?.node
        ? `${teamLabel(mine.player.team)} · ${mine.node.label}. ${ROLE_JOB[mine.node.role] ?? ""}`
        : session.role === "student" && !mine
          ? refusalWords(refusal("class-full"))
          : "";
      teams.replaceChildren(...this.teamBoxes(state));
      const n = state.players.size;
      count.textContent = n === 0 ? "Nobody has joined yet" : `${plural(n, "student")} joined`;
      // A big class: the code and QR code shrink a little so every name stays on the screen.
      document.getElementById("lobby")?.classList.toggle("crowded", n > 12);
    };
    this.offPatch = session.on("patch", render);
    render();
    this.events.once("shutdown", () => {
      this.offPatch?.();
      clearUi();
    });
  }

  private teamBoxes(state: MatchView): HTMLElement[] {
    const boxes: HTMLElement[] = [];
    for (const [key, team] of state.teams) {
      const players = [...state.players.values()].filter((p) => p.team === key);
      const seats = [...team.nodes.values()].filter((n) => isSeatKind(n.kind, n.id)).length;
      boxes.push(
        h(
          "div",
          // Each team's box as wide as its share of the class: a big team gets more columns.
          { class: `team-box ${key}`, style: `flex-grow: ${Math.max(1, players.length)}` },
          h(
            "b",
            {},
            `${team.name}: ${plural(players.length, "player")}, ${plural(Math.max(0, seats - players.length), "computer")} playing for the rest`,
          ),
          h(
            "ul",
            { class: "names" },
            ...players.map((p) =>
              h(
                "li",
                { title: `${p.nickname}: ${team.nodes.get(p.node)?.label ?? p.node}` },
                p.nickname,
                h("span", { class: "muted" }, ` · ${team.nodes.get(p.node)?.label ?? p.node}`),
              ),
            ),
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
    // Only the host's lobby draws a QR code: its encoder is fetched here, not with the game.
    const { qrDataUrl } = await import("../ui/qr");
    qr.src = qrDataUrl(`${url}/?code=${session.code}`);
    qr.alt = `QR code: ${url}/?code=${session.code}`;
    qr.hidden = false;
  }
}
