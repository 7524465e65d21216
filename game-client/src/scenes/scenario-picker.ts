import { h, option } from "../ui/dom";

interface ScenarioInfo {
  id: string;
  name: string;
  description: string;
}

/** A select of the server's scenarios with the chosen one's description under it. */
export function scenarioPicker(id: string): { element: HTMLElement; select: HTMLSelectElement } {
  const select = h("select", { id, "aria-label": "Scenario" });
  const about = h("p", { class: "muted" });
  const scenarios: ScenarioInfo[] = [];
  select.addEventListener("change", () => {
    about.textContent = scenarios.find((s) => s.id === select.value)?.description ?? "";
  });
  fetch("/api/scenarios")
    .then((r) => r.json())
    .then((body: { scenarios: ScenarioInfo[] }) => {
      scenarios.push(...body.scenarios);
      select.replaceChildren(...scenarios.map((s) => option(s.id, s.name, s.id === "calm")));
      select.dispatchEvent(new Event("change"));
    })
    .catch(() => {
      about.textContent = "Could not load the scenarios: is the server running?";
    });
  return { element: h("label", {}, "Scenario", select, about), select };
}
