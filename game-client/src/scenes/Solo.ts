import { Scene } from "phaser";
import { session } from "../net/app";
import { clearUi, formCard, h, mount, option } from "../ui/dom";
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
    const card = formCard({
      id: "solo-form",
      title: "Play solo",
      fields: [
        h(
          "p",
          { class: "muted" },
          "You run one node; bots run the rest. You are your own host: break things when you like.",
        ),
        picker.element,
        h("label", {}, "Architecture", topology),
      ],
      submitId: "solo-go",
      submitLabel: "Play",
      onBack: () => this.scene.start("Menu"),
      submit: async () => {
        const nickname = localStorage.getItem("nickname") ?? undefined;
        await session.playSolo({
          scenario: picker.select.value,
          topology: topology.value as "hub" | "swarm",
          nickname,
        });
        this.scene.start("Lobby");
      },
    });
    mount(card.form);
    this.events.once("shutdown", clearUi);
  }
}
