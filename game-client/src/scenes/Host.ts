import { Scene } from "phaser";
import { plural, shareCodeSchema } from "../../../shared/index";
import { loadScenario } from "../net/api";
import { session } from "../net/app";
import { clearUi, formCard, h, mount, option } from "../ui/dom";
import { mmss } from "../ui/editor/model";
import { scenarioPicker } from "./scenario-picker";

/**
 * A teacher hosts a class: a built-in scenario or a saved one by its share code, a mode, a round
 * length; the join code comes next.
 */
export class Host extends Scene {
  constructor() {
    super("Host");
  }

  create(data: { scenario?: string } = {}): void {
    const picker = scenarioPicker("host-scenario");
    const code = h("input", {
      id: "host-code",
      class: "code",
      maxlength: 6,
      autocomplete: "off",
      placeholder: "CODE",
      "aria-label": "Saved scenario's share code",
    });
    const about = h("p", { class: "muted", id: "host-code-about" });
    let looked = "";
    const lookUp = async () => {
      const c = shareCodeSchema.safeParse(code.value);
      // A share code names the scenario: the built-in list (and its description) steps aside.
      picker.select.disabled = code.value.trim() !== "";
      picker.element.hidden = picker.select.disabled;
      if (!c.success) {
        looked = "";
        about.textContent = code.value.trim() ? "A share code has 6 letters and digits." : "";
        return;
      }
      if (c.data === looked) return;
      looked = c.data;
      about.textContent = "Looking it up…";
      try {
        const s = (await loadScenario(c.data)).scenario;
        if (looked !== c.data) return;
        about.textContent = `Scenario "${s.name}": ${s.topology}, ${mmss(s.duration)}, ${plural(s.failures.length, "failure")}. ${s.description}`;
      } catch {
        if (looked === c.data) about.textContent = `No saved scenario has the code ${c.data}.`;
      }
    };
    code.addEventListener("input", () => void lookUp());
    if (data.scenario) {
      code.value = data.scenario;
      void lookUp();
    }
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
      fields: [
        picker.element,
        h("label", {}, "…or a saved scenario's share code", code, about),
        h("label", {}, "Mode", mode),
        h("label", {}, "Round length", minutes),
      ],
      submitId: "host-go",
      submitLabel: "Create the class",
      submitClass: "hub",
      onBack: () => this.scene.start("Menu"),
      submit: async () => {
        const duration = minutes.value ? Number(minutes.value) : undefined;
        let scenario = picker.select.value;
        if (code.value.trim()) {
          const c = shareCodeSchema.safeParse(code.value);
          if (!c.success) throw new Error("A share code has 6 letters and digits.");
          scenario = c.data;
        }
        await session.hostClass(scenario, mode.value as "versus" | "coop", duration);
        this.scene.start("Lobby");
      },
    });
    mount(card.form);
    this.events.once("shutdown", clearUi);
  }
}
