/** Small DOM helpers for the form and panel layer above the Phaser canvas. */

import { BannerStrip, type StripChange } from "./banner-strip";

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

/** Creates an element: h("button", { class: "big", onclick: go }, "Start"). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children)
    if (c !== null && c !== undefined && c !== false) el.append(typeof c === "object" ? c : String(c));
  return el;
}

const uiRoot = () => document.getElementById("ui")!;

/** Replaces the UI layer's content (one screen at a time). */
export function mount(...nodes: Node[]): void {
  uiRoot().replaceChildren(...nodes);
}

export function clearUi(): void {
  uiRoot().replaceChildren();
  // A match's banners belong to the match, shown or waiting: they do not follow the player on.
  for (const el of strip.clear()) el.remove();
  clearTimeout(stripTimer);
  for (const el of document.querySelectorAll("#toasts .toast.banner")) el.remove();
}

/** Failures' banners shown at once: the maps keep room under their titles for this many (GameScene). */
export const BANNERS_AT_ONCE = 2;

type ToastKind = "info" | "ok" | "error" | "banner";

/** A short message at the top of the screen. */
export function toast(text: string, kind: ToastKind = "info", ms = 3500): void {
  addToast(text, kind, ms);
}

/**
 * How long a failure's banner stays up before a newer one may push it out: long enough to read it
 * aloud. Failures beginning together wait their turn for that long (BannerStrip).
 */
export const BANNER_READ_MS = 4000;
/** Banners waiting for room beyond this many: the oldest waiting is dropped (the console keeps all). */
const BANNERS_WAITING = 6;
const strip = new BannerStrip<HTMLElement>(BANNERS_AT_ONCE, BANNER_READ_MS, BANNERS_WAITING, bannerFits);

/**
 * Whether a banner fits the strip beside those up: the strip is as high as the maps' room (GameScene),
 * and a long banner takes two lines of it. Measured: fonts and widths differ between screens.
 */
function bannerFits(up: readonly HTMLElement[], item: HTMLElement): boolean {
  const box = document.getElementById("toasts");
  const room = Number.parseFloat(box?.style.maxHeight ?? "");
  if (!box || !(room > 0)) return true;
  const gap = Number.parseFloat(getComputedStyle(box).rowGap) || 0;
  // A banner not up yet (this one, or one the same turn put up) is measured as an unseen copy.
  const height = (el: HTMLElement) => {
    if (el.isConnected) return el.getBoundingClientRect().height;
    const probe = el.cloneNode(true) as HTMLElement;
    probe.style.visibility = "hidden";
    probe.setAttribute("aria-hidden", "true");
    box.append(probe);
    const h = probe.getBoundingClientRect().height;
    probe.remove();
    return h;
  };
  let used = height(item);
  for (const el of up) used += gap + height(el);
  return used <= room + 0.5;
}
const bannerMs = new WeakMap<HTMLElement, number>();
/** What to do as a banner shows (its chime): a banner that waits its turn chimes when it shows. */
const bannerShown = new WeakMap<HTMLElement, () => void>();
let stripTimer: ReturnType<typeof setTimeout> | undefined;

/** Puts up and takes down what the strip says, and looks again when a waiting banner's turn comes. */
function applyStrip(change: StripChange<HTMLElement>): void {
  const box = document.getElementById("toasts");
  for (const el of change.hide) el.remove();
  for (const el of change.show) {
    box?.append(el);
    markCut(el);
    bannerShown.get(el)?.();
    // A banner's full time counts from when it shows, not from when it began waiting.
    setTimeout(() => applyStrip(strip.remove(el, performance.now())), bannerMs.get(el) ?? 0);
  }
  clearTimeout(stripTimer);
  if (change.next !== null)
    stripTimer = setTimeout(() => applyStrip(strip.turn(performance.now())), change.next - performance.now());
  if (box && change.show.length > 0) fitStrip(box);
}

/**
 * A short message at the top of the screen, returned (a banner may be reworded while it shows).
 * `onShow` runs as it shows: for a banner that waits its turn, later than this call.
 */
export function addToast(text: string, kind: ToastKind, ms: number, onShow?: () => void): HTMLElement {
  const box = document.getElementById("toasts")!;
  // News folds a banner read whole back into the strip: the strip's room is measured for two lines.
  for (const open of box.querySelectorAll(".whole")) open.classList.remove("whole");
  const el = h("div", { class: `toast ${kind}`, "data-kind": kind }, text);
  if (kind === "banner") {
    // A failure's banner stays its full time, unless a newer one pushes it out once it has been read
    // (the console's timeline keeps them all).
    bannerMs.set(el, ms);
    if (onShow) bannerShown.set(el, onShow);
    applyStrip(strip.add(el, performance.now()));
  } else {
    box.append(el);
    onShow?.();
    setTimeout(() => el.remove(), ms);
    fitStrip(box);
  }
  return el;
}

/** A message says something else while it shows ("Both teams: …"): a longer text may now be cut. */
export function rewordToast(el: HTMLElement, text: string): void {
  el.textContent = text;
  if (el.isConnected) markCut(el);
}

/** How long a banner tapped to read whole stays whole before it folds back into the strip. */
const WHOLE_MS = 8000;

/**
 * A banner cut short by the strip's two lines (a long failure on a phone) says so and opens whole
 * when tapped, over the map until tapped again or WHOLE_MS later (the console's timeline on the
 * teacher's screen has every one whole too).
 */
function markCut(el: HTMLElement): void {
  if (el.classList.contains("cut") || el.scrollHeight <= el.clientHeight + 1) return;
  el.classList.add("cut");
  el.title = "Tap to read it all";
  // A key opens it too (its whole text is there for a screen reader all along).
  el.tabIndex = 0;
  el.setAttribute("role", "button");
  let fold: ReturnType<typeof setTimeout> | undefined;
  const toggle = () => {
    clearTimeout(fold);
    if (el.classList.toggle("whole")) fold = setTimeout(() => el.classList.remove("whole"), WHOLE_MS);
  };
  el.addEventListener("click", toggle);
  el.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    toggle();
  });
}

/** Quick confirmations give way to banners; together they fit the room the maps leave. */
function fitStrip(box: HTMLElement): void {
  const confirmations = box.querySelectorAll(".toast:not(.banner)");
  const keep = Math.max(1, BANNERS_AT_ONCE - box.querySelectorAll(".toast.banner").length);
  for (let i = 0; i < confirmations.length - keep; i++) confirmations[i]?.remove();
  // In a match the messages have a strip of their own (GameScene sets its height): a two-line message
  // on a phone makes the oldest give way, confirmations first, so none spills over the map.
  const room = Number.parseFloat(box.style.maxHeight);
  const used = () => box.lastElementChild!.getBoundingClientRect().bottom - box.getBoundingClientRect().top;
  while (room > 0 && box.childElementCount > 1 && used() > room + 0.5) {
    const gone = (box.querySelector(".toast:not(.banner)") ?? box.firstElementChild) as HTMLElement;
    gone.remove();
    // A banner given up for room is done: what waits still waits its turn.
    if (gone.classList.contains("banner")) strip.drop(gone);
  }
}

/** The height of a one-line banner in pixels now (measured: fonts differ between computers). */
export function bannerHeight(): number {
  const box = document.getElementById("toasts");
  if (!box) return 0;
  const probe = h("div", { class: "toast banner", style: "visibility: hidden", "aria-hidden": "true" }, "M");
  box.append(probe);
  const gap = Number.parseFloat(getComputedStyle(box).rowGap) || 0;
  const height = probe.getBoundingClientRect().height + gap;
  probe.remove();
  return height;
}

/** Minutes and seconds of a tick count. */
export function clock(ticks: number, perSecond: number): string {
  const s = Math.max(0, Math.ceil(ticks / perSecond));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Saves a Blob as a file through a temporary link (the browser asks or saves to Downloads). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function option(value: string, text: string, selected = false): HTMLOptionElement {
  const o = h("option", { value }, text);
  o.selected = selected;
  return o;
}

export interface FormCard {
  form: HTMLFormElement;
  /** Shows why the submission failed; the form is usable again. */
  fail(message: string): void;
}

/**
 * A screen that is one form: a title, its fields, an error line, a submit button and Back. While
 * `submit` runs the button is disabled; a thrown error is shown in words and the form can be retried.
 */
export function formCard(options: {
  id: string;
  title: string;
  fields: Node[];
  submitId: string;
  submitLabel: string;
  submitClass?: string;
  onBack: () => void;
  submit: (card: FormCard) => Promise<void>;
}): FormCard {
  const error = h("p", { class: "error-text", id: `${options.id}-error`, role: "alert" });
  const button = h(
    "button",
    { id: options.submitId, class: `big ${options.submitClass ?? ""}`.trim(), type: "submit" },
    options.submitLabel,
  );
  const form = h(
    "form",
    { class: "card stack", id: options.id },
    h("h1", {}, options.title),
    ...options.fields,
    error,
    h(
      "div",
      { class: "row" },
      button,
      h("button", { type: "button", class: "secondary", onclick: options.onBack }, "Back"),
    ),
  );
  const card: FormCard = {
    form,
    fail(message) {
      error.textContent = message;
      button.disabled = false;
    },
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    button.disabled = true;
    try {
      await options.submit(card);
    } catch (err) {
      card.fail(err instanceof Error ? err.message : String(err));
    }
  });
  return card;
}

/**
 * A button that asks before it acts, in the page (the browser's confirm box looks like an error on a
 * projector and blocks every other tab's timers): the first click turns it into the question, a
 * second click within 4 s does it, otherwise it turns back.
 */
export function armOnFirstClick(
  button: HTMLButtonElement,
  question: string,
  act: () => void,
): HTMLButtonElement {
  const label = button.textContent ?? "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener("click", () => {
    if (button.dataset.armed === "yes") {
      clearTimeout(timer);
      button.dataset.armed = "";
      button.textContent = label;
      act();
      return;
    }
    button.dataset.armed = "yes";
    button.textContent = question;
    timer = setTimeout(() => {
      button.dataset.armed = "";
      button.textContent = label;
    }, 4000);
  });
  return button;
}
