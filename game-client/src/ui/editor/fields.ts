/**
 * Form fields bound to a path of the draft, and the marks that put each validation error next to the
 * field it names. An error whose field is not on screen is listed with the others at the top.
 */
import { formatPath } from "../../../../shared/index";
import { h } from "../dom";
import { type EditorModel, type FieldError, getAt, mmss, setAt } from "./model";

type Path = (string | number)[];

export class FieldMarks {
  private fields = new Map<string, { input: HTMLElement; note: HTMLElement; refresh: () => void }>();

  register(path: string, input: HTMLElement, note: HTMLElement, refresh: () => void): void {
    this.fields.set(path, { input, note, refresh });
  }

  /** Shows the draft's values in every field (a field being typed in keeps what is typed). */
  refresh(): void {
    for (const f of this.fields.values()) f.refresh();
  }

  /** Forgets fields under a prefix ("failures[") before their rows are rebuilt. */
  forget(prefix: string): void {
    for (const k of [...this.fields.keys()]) if (k.startsWith(prefix)) this.fields.delete(k);
  }

  /** Marks fields with their errors; returns the errors that have no field on screen. */
  show(errors: readonly FieldError[]): FieldError[] {
    const byPath = new Map<string, string[]>();
    for (const e of errors) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e.reason]);
    for (const [path, f] of this.fields) {
      const reasons = byPath.get(path);
      f.input.toggleAttribute("aria-invalid", !!reasons);
      f.input.classList.toggle("invalid", !!reasons);
      f.note.textContent = reasons ? reasons.join("; ") : "";
    }
    return errors.filter((e) => !this.fields.has(e.path));
  }

  focus(path: string): boolean {
    const f = this.fields.get(path);
    if (!f) return false;
    f.input.scrollIntoView({ block: "center" });
    f.input.focus();
    return true;
  }
}

export interface FieldOptions {
  label: string;
  /** Shown after the input: a unit, or (for "clock") the value as m:ss. */
  unit?: string;
  clock?: boolean;
  min?: number;
  max?: number;
  step?: number | "any";
  /** An empty optional field removes the value instead of making it invalid. */
  optional?: boolean;
  placeholder?: string;
  id?: string;
  wide?: boolean;
}

/** The label, input, unit and error note of one field. */
function fieldShell(o: FieldOptions, path: string, input: HTMLElement, after?: HTMLElement): HTMLElement {
  const note = h("small", { class: "field-error", "data-for": path });
  return h(
    "label",
    { class: o.wide ? "field wide" : "field", "data-path": path },
    h("span", { class: "field-label" }, o.label),
    h("span", { class: "field-input" }, input, after ?? null),
    note,
  );
}

export function numberField(model: EditorModel, marks: FieldMarks, path: Path, o: FieldOptions): HTMLElement {
  const key = formatPath(path);
  const input = h("input", {
    type: "number",
    id: o.id,
    name: key,
    min: o.min,
    max: o.max,
    step: o.step ?? "any",
    placeholder: o.placeholder,
    inputmode: "decimal",
  });
  const after = o.unit || o.clock ? h("span", { class: "unit" }) : undefined;
  const show = () => {
    const v = getAt(model.draft, path);
    if (document.activeElement !== input)
      input.value = typeof v === "number" && Number.isFinite(v) ? String(v) : "";
    if (after) after.textContent = o.clock ? `s = ${mmss(Number(v))}` : (o.unit ?? "");
  };
  input.addEventListener("input", () => {
    const raw = input.value.trim();
    // An empty or half-typed number is NaN: the schema then names the field ("must be a number").
    const v = raw === "" ? (o.optional ? undefined : Number.NaN) : Number(raw);
    model.change((d) => setAt(d, path, v));
    if (after && o.clock) after.textContent = `s = ${mmss(Number(v))}`;
  });
  show();
  const el = fieldShell(o, key, input, after);
  marks.register(key, input, el.querySelector(".field-error")!, show);
  return el;
}

export function textField(
  model: EditorModel,
  marks: FieldMarks,
  path: Path,
  o: FieldOptions & { multiline?: boolean; maxLength?: number },
): HTMLElement {
  const key = formatPath(path);
  const input = o.multiline
    ? h("textarea", { id: o.id, name: key, rows: 3, maxlength: o.maxLength })
    : h("input", { type: "text", id: o.id, name: key, maxlength: o.maxLength });
  const show = () => {
    if (document.activeElement !== input) input.value = String(getAt(model.draft, path) ?? "");
  };
  input.addEventListener("input", () => model.change((d) => setAt(d, path, input.value)));
  show();
  const el = fieldShell(o, key, input);
  marks.register(key, input, el.querySelector(".field-error")!, show);
  return el;
}

export function selectField(
  model: EditorModel,
  marks: FieldMarks,
  path: Path,
  o: FieldOptions & { choices: [string, string][]; parse?: (v: string) => unknown },
): HTMLElement {
  const key = formatPath(path);
  const input = h("select", { id: o.id, name: key });
  input.replaceChildren(...o.choices.map(([v, t]) => h("option", { value: v }, t)));
  const show = () => {
    input.value = String(getAt(model.draft, path));
  };
  input.addEventListener("change", () =>
    model.change((d) => setAt(d, path, (o.parse ?? String)(input.value))),
  );
  show();
  const el = fieldShell(o, key, input);
  marks.register(key, input, el.querySelector(".field-error")!, show);
  return el;
}
