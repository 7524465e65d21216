import { Scene } from "phaser";
import { session } from "../app";
import { clearUi, h, mount, option } from "../ui/dom";
import { scenarioPicker } from "./scenario-picker";

/** Sandbox play alone: pick a scenario and an architecture; bots hold every other node. */
export class Solo extends Scene {
  constructor() {
    super("Solo");
  }

  create(): void {
    const picker = scenarioPicker("solo-scenario");
    const topology = h(
      "select",
      { id: "solo-topology" },
      option("hub", "Hub (client-server)", true),
      option("swarm", "Swarm (peer-to-peer)"),
    );
    const error = h("p", { class: "error-text", role: "alert" });
    const submit = h("button", { id: "solo-go", class: "big", type: "submit" }, "Play");
    const form = h(
      "form",
      { class: "card stack", id: "solo-form" },
      h("h1", {}, "Play solo"),
      h(
        "p",
        { class: "muted" },
        "You run one node; bots run the rest. You are your own host: break things when you like.",
      ),
      picker.element,
      h("label", {}, "Architecture", topology),
      error,
      h(
        "div",
        { class: "row" },
        submit,
        h("button", { type: "button", class: "secondary", onclick: () => this.scene.start("Menu") }, "Back"),
      ),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      submit.disabled = true;
      try {
        await session.playSolo({
          scenario: picker.select.value,
          topology: topology.value as "hub" | "swarm",
          nickname: localStorage.getItem("nickname") ?? undefined,
        });
        this.scene.start("Lobby");
      } catch (err) {
        error.textContent = err instanceof Error ? err.message : String(err);
        submit.disabled = false;
      }
    });
    mount(form);
    this.events.once("shutdown", clearUi);
  }
}
