/**
 * The editor's toolbar: where the draft comes from (a built-in, a blank page, a share code, a file),
 * where it goes (a file, the server), and what the teacher may do with it. Save answers with a share
 * code and, the first time, an edit key that this browser keeps; a scenario without its key is
 * saved as a copy under a new code.
 */
import { BUILT_IN_SCENARIOS, type Scenario, shareCodeSchema } from "../../../../shared/index";
import { ApiError, loadScenario, saveScenario, updateScenario } from "../../net/api";
import { editKeyFor, keepEditKey, readEditKeys } from "../../net/teacher-keys";
import { h, option, toast } from "../dom";
import { exportScenario, readScenarioFile } from "./files";
import { blankScenario, type EditorModel, randomSeed } from "./model";

export interface Toolbar {
  element: HTMLElement;
  /** Enables what the draft allows and says where it stands. */
  update(): void;
}

export interface ToolbarActions {
  preview(s: Scenario): void;
  host(code: string): void;
  back(): void;
  /** A file or save was refused: show why, field by field. */
  problem(message: string, errors: string[]): void;
}

export function buildToolbar(model: EditorModel, act: ToolbarActions): Toolbar {
  const keepGoing = () => !model.dirty || confirm("Your changes are not saved. Leave them?");

  const start = h(
    "select",
    { id: "ed-start", "aria-label": "Start from" },
    option("", "Start from…", true),
    option("blank", "A blank scenario"),
    ...Object.entries(BUILT_IN_SCENARIOS).map(([id, s]) => option(id, `Built-in: ${s.name}`)),
  );
  // The scenarios saved from this browser (it holds their edit keys), named once the server answers.
  for (const savedCode of Object.keys(readEditKeys())) {
    const mine = option(`saved:${savedCode}`, `Yours: ${savedCode}`);
    start.append(mine);
    loadScenario(savedCode)
      .then((saved) => {
        mine.textContent = `Yours: ${saved.scenario.name} (${savedCode})`;
      })
      .catch(() => mine.remove()); // gone from the server (another database): not offered
  }
  start.addEventListener("change", () => {
    const id = start.value;
    start.value = "";
    if (!id || !keepGoing()) return;
    if (id.startsWith("saved:")) {
      code.value = id.slice("saved:".length);
      void open(false);
      return;
    }
    if (id === "blank") model.load(blankScenario(randomSeed()), { kind: "new" });
    else model.load(BUILT_IN_SCENARIOS[id]!, { kind: "built-in", id });
  });

  const code = h("input", {
    id: "ed-open-code",
    class: "code small",
    maxlength: 6,
    placeholder: "CODE",
    autocomplete: "off",
    "aria-label": "Share code to open",
  });
  const open = async (ask = true) => {
    const c = shareCodeSchema.safeParse(code.value);
    if (!c.success) return toast("A share code has 6 letters and digits.", "error");
    if (ask && !keepGoing()) return;
    try {
      const saved = await loadScenario(c.data);
      model.load(saved.scenario, { kind: "saved", code: saved.id, editKey: editKeyFor(saved.id) });
      code.value = "";
      toast(`Opened ${saved.id}: "${saved.scenario.name}".`, "ok");
    } catch (e) {
      toast(
        e instanceof ApiError && e.status === 404
          ? `No saved scenario has the code ${c.data}.`
          : String((e as Error).message),
        "error",
      );
    }
  };
  code.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void open();
  });

  const file = h("input", {
    type: "file",
    accept: ".json,application/json",
    id: "ed-import-file",
    hidden: true,
  });
  file.addEventListener("change", async () => {
    const f = file.files?.[0];
    file.value = "";
    if (!f) return;
    const r = await readScenarioFile(f);
    if (!r.ok) return act.problem(r.message, r.errors);
    if (!keepGoing()) return;
    model.load(r.scenario, { kind: "new" });
    toast(`Imported "${r.scenario.name}" from ${f.name}. Save it to get a share code.`, "ok");
  });

  const exportBtn = h("button", { type: "button", class: "secondary", id: "ed-export" }, "Export file");
  exportBtn.addEventListener("click", () => model.valid && exportScenario(model.valid));
  const previewBtn = h("button", { type: "button", id: "ed-preview-go" }, "Preview");
  previewBtn.addEventListener("click", () => model.valid && act.preview(model.valid));
  const save = h("button", { type: "button", id: "ed-save", class: "swarm" }, "Save");
  const copy = h("button", { type: "button", id: "ed-save-copy", class: "secondary" }, "Save a copy");
  const host = h("button", { type: "button", id: "ed-host", class: "hub" }, "Host a class with it");

  const store = async (asCopy: boolean) => {
    const s = model.valid;
    if (!s) return;
    save.disabled = copy.disabled = true;
    try {
      const o = model.origin;
      if (!asCopy && o.kind === "saved" && o.editKey) {
        await updateScenario(o.code, s, o.editKey);
        model.saved(o);
        toast(`Saved. Code ${o.code} now plays this version.`, "ok");
      } else {
        const saved = await saveScenario(s);
        keepEditKey(saved.id, saved.editKey);
        model.saved({ kind: "saved", code: saved.id, editKey: saved.editKey });
        toast(`Saved with the share code ${saved.id}.`, "ok", 6000);
      }
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, String(e));
      if (err.status === 403)
        act.problem(`${err.message} Use "Save a copy" to keep your version under a new code.`, []);
      else act.problem(`Not saved: ${err.message}`, err.errors);
    } finally {
      update();
    }
  };
  save.addEventListener("click", () => void store(false));
  copy.addEventListener("click", () => void store(true));
  host.addEventListener("click", () => model.origin.kind === "saved" && act.host(model.origin.code));

  const status = h("div", { class: "ed-status", id: "ed-status" });
  const update = () => {
    const o = model.origin;
    const valid = model.valid !== null;
    const why = valid ? "" : "Fix the problems listed first";
    for (const b of [exportBtn, previewBtn, save, copy]) {
      b.disabled = !valid;
      b.title = why;
    }
    save.hidden = o.kind === "saved" && !o.editKey;
    save.textContent = model.canUpdate ? "Save" : "Save and share";
    copy.hidden = o.kind !== "saved";
    host.disabled = o.kind !== "saved" || model.dirty;
    host.title = host.disabled ? "Save the scenario first: a class plays a saved version" : "";
    const dirty = model.dirty ? h("span", { class: "ed-dirty" }, "unsaved changes") : "";
    if (o.kind === "saved") {
      status.replaceChildren(
        h("span", {}, "Share code "),
        h("b", { class: "ed-code", id: "ed-share-code" }, o.code),
        h(
          "span",
          { class: "muted" },
          o.editKey
            ? " · yours: Save changes it for everyone who uses the code"
            : " · made by someone else: Save a copy to change it",
        ),
        dirty,
      );
    } else {
      const from =
        o.kind === "built-in" ? `Based on the built-in "${BUILT_IN_SCENARIOS[o.id]?.name}"` : "New scenario";
      status.replaceChildren(h("span", {}, `${from} · not saved yet`), dirty);
    }
  };
  update();

  return {
    element: h(
      "div",
      { class: "ed-toolbar" },
      h(
        "div",
        { class: "row" },
        start,
        h("span", { class: "ed-or" }, "or open"),
        code,
        h(
          "button",
          { type: "button", class: "secondary", id: "ed-open", onclick: () => void open() },
          "Open",
        ),
        h(
          "button",
          { type: "button", class: "secondary", id: "ed-import", onclick: () => file.click() },
          "Import file",
        ),
        exportBtn,
        file,
        h("span", { class: "grow" }),
        previewBtn,
        save,
        copy,
        host,
        h(
          "button",
          { type: "button", class: "secondary", id: "ed-back", onclick: () => keepGoing() && act.back() },
          "Back",
        ),
      ),
      status,
    ),
    update,
  };
}
