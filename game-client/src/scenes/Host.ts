import { Scene } from "phaser";
import { session } from "../app";
import { clearUi, formCard, h, mount, option } from "../ui/dom";
import { scenarioPicker } from "./scenario-picker";

/** A teacher hosts a class: a scenario, a mode, a round length; the join code comes next. */
export class Host extends Scene {
  constructor() {
    super("Host");
  }

  create(): void {
    const picker = scenarioPicker("host-scenario");
    const mode = h(
      "select",
      { id: "host-mode" },
      option("versus", "Versus: Team Hub against Team Swarm", true),
      option("coop", "Co-op: the whole class on one network"),
    );
    const minutes = h(
      "select",
      { id: "host-minutes" },
      option("", "as the scenario says", true),
      ...[2, 3, 5, 8, 10, 15].map((m) => option(String(m * 60), `${m} minutes`)),
    );
    const card = formCard({
      id: "host-form",
      title: "Host a class",
      fields: [picker.element, h("label", {}, "Mode", mode), h("label", {}, "Round length", minutes)],
      submitId: "host-go",
      submitLabel: "Create the class",
      submitClass: "hub",
      onBack: () => this.scene.start("Menu"),
      submit: async () => {
        const duration = minutes.value ? Number(minutes.value) : undefined;
        await session.hostClass(picker.select.value, mode.value as "versus" | "coop", duration);
        this.scene.start("Lobby");
      },
    });
    mount(card.form);
    this.events.once("shutdown", clearUi);
  }
}
