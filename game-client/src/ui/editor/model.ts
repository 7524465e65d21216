/**
 * The scenario being edited. The draft has the shape of a scenario but may break its rules while the
 * teacher types (an empty number field is NaN, a start time past the end); every change re-runs the
 * shared `parseScenario`, so the errors a teacher sees are the ones the server would give (worded
 * here from their codes).
 */
import { BUILT_IN_SCENARIOS, issueWords, parseScenario, type Scenario } from "../../../../shared/index";

/** Where the draft came from, which decides what Save does. */
export type Origin =
  | { kind: "new" }
  | { kind: "built-in"; id: string }
  /** A saved scenario; `editKey` is set when this browser may change it. */
  | { kind: "saved"; code: string; editKey: string | null };

/** One error, split into the field it names and the reason. */
export interface FieldError {
  path: string;
  reason: string;
}

export type Change = "values" | "structure" | "load";
type Listener = (change: Change) => void;

export class EditorModel {
  draft: Scenario;
  origin: Origin;
  /** The draft as a valid scenario, or null while it has errors. */
  valid: Scenario | null = null;
  errors: FieldError[] = [];
  /** Index of the failure being edited (map clicks aim it), or -1. */
  selected = -1;
  /** True when the draft differs from what was last loaded or saved. */
  dirty = false;
  private listeners: Listener[] = [];

  constructor(draft: Scenario, origin: Origin) {
    this.draft = structuredClone(draft);
    this.origin = origin;
    this.validate();
  }

  on(fn: Listener): void {
    this.listeners.push(fn);
  }

  /** Replaces the whole draft (a built-in, a file, a saved scenario). */
  load(draft: Scenario, origin: Origin): void {
    this.draft = structuredClone(draft);
    this.origin = origin;
    this.selected = this.draft.failures.length ? 0 : -1;
    this.dirty = false;
    this.validate();
    this.emit("load");
  }

  /** Applies an edit. "structure" when rows appear, vanish or change kind; "values" otherwise. */
  change(edit: (draft: Scenario) => void, change: Exclude<Change, "load"> = "values"): void {
    edit(this.draft);
    this.dirty = true;
    this.validate();
    this.emit(change);
  }

  select(index: number): void {
    if (index === this.selected) return;
    this.selected = index;
    this.emit("values");
  }

  /** Marks the draft as saved under an origin (after a save answered). */
  saved(origin: Origin): void {
    this.origin = origin;
    this.dirty = false;
    this.emit("values");
  }

  get canUpdate(): boolean {
    return this.origin.kind === "saved" && this.origin.editKey !== null;
  }

  private validate(): void {
    const r = parseScenario(this.draft);
    this.valid = r.ok ? r.value : null;
    // Words made here from each field's rule and limit (FieldIssue), as for a server's answer.
    this.errors = r.ok ? [] : r.issues.map((i) => ({ path: i.field, reason: issueWords(i) }));
  }

  private emit(change: Change): void {
    for (const fn of this.listeners) fn(change);
  }
}

/** A fresh scenario: the classroom map, a steady workload, no failures yet. */
export function blankScenario(seed: number): Scenario {
  const base = structuredClone(BUILT_IN_SCENARIOS.calm!);
  return { ...base, name: "My scenario", description: "", seed, failures: [] };
}

/** A new random seed for the match PRNG (Math.random is fine here: it only picks the document's seed). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0xffffffff);
}

/** Reads a value at a field path such as ["map", "routers"] or ["failures", 2, "at"]. */
export function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const p of path)
    v = v === null || typeof v !== "object" ? undefined : (v as Record<string, unknown>)[p];
  return v;
}

/** Writes a value at a field path; `undefined` removes an optional field. */
export function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let v = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) v = v[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete v[last];
  else v[last] = value;
}

/** Seconds as m:ss, the way the game's clock shows them. */
export function mmss(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–:––";
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
