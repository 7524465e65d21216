import { Scene } from "phaser";
import { session } from "../app";
import { clearUi, h, mount, option } from "../ui/dom";
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
    const error = h("p", { class: "error-text", role: "alert" });
    const submit = h("button", { id: "host-go", class: "big hub", type: "submit" }, "Create the class");
    const form = h(
      "form",
      { class: "card stack", id: "host-form" },
      h("h1", {}, "Host a class"),
      picker.element,
      h("label", {}, "Mode", mode),
      h("label", {}, "Round length", minutes),
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
      error.textContent = "";
      try {
        await session.hostClass(
          picker.select.value,
          mode.value as "versus" | "coop",
          minutes.value ? Number(minutes.value) : undefined,
        );
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
