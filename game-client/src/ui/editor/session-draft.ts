/**
 * The draft survives a reload: the last valid version and where it came from are kept in this
 * browser. What is read back is checked again; anything odd is ignored and the editor starts blank.
 */
import { parseScenario, type Scenario, shareCodeSchema } from "../../../../shared/index";
import { browserStore, editKeyFor } from "../../net/teacher-keys";
import type { EditorModel, Origin } from "./model";

const DRAFT_KEY = "hubSwarm.editorDraft";

export function storeDraft(model: EditorModel): void {
  if (!model.valid) return;
  const o = model.origin;
  // The edit key is not copied here: it is read from the key list when the draft comes back.
  const origin = o.kind === "saved" ? { kind: "saved", code: o.code } : o;
  try {
    browserStore()?.setItem(DRAFT_KEY, JSON.stringify({ draft: model.valid, origin, dirty: model.dirty }));
  } catch {
    // Not remembering the draft is no reason to stop editing.
  }
}

export function restoreDraft(): { draft: Scenario; origin: Origin; dirty: boolean } | null {
  let raw: { draft?: unknown; origin?: { kind?: unknown; id?: unknown; code?: unknown }; dirty?: unknown };
  try {
    raw = JSON.parse(browserStore()?.getItem(DRAFT_KEY) ?? "null") ?? {};
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const parsed = parseScenario(raw.draft);
  if (!parsed.ok) return null;
  const o = raw.origin ?? {};
  const code = shareCodeSchema.safeParse(o.code);
  const origin: Origin =
    o.kind === "saved" && code.success
      ? { kind: "saved", code: code.data, editKey: editKeyFor(code.data) }
      : o.kind === "built-in" && typeof o.id === "string"
        ? { kind: "built-in", id: o.id }
        : { kind: "new" };
  return { draft: parsed.value, origin, dirty: raw.dirty === true };
}
