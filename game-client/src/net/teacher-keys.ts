/**
 * What a teacher's browser remembers between visits: one host key (all their classes' results are
 * kept under it) and the edit key of every scenario they saved (only that key may change it).
 * Anything read back is checked: storage edited by hand or by an older version never crashes a page,
 * it is ignored.
 */
import { secretSchema, shareCodeSchema } from "../../../shared/index";

/** The part of the Web Storage API used here, so tests can pass a plain object. */
export interface KeyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const HOST_KEY = "hubSwarm.hostKey";
const EDIT_KEYS = "hubSwarm.editKeys";

/** The browser's localStorage, or null where it is unavailable (blocked, private mode). */
export function browserStore(): KeyStore | null {
  try {
    return (globalThis as { localStorage?: KeyStore }).localStorage ?? null;
  } catch {
    return null;
  }
}

function read(store: KeyStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(store: KeyStore | null, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    // A full or blocked storage only means the key is not remembered; the page goes on.
  }
}

export function readHostKey(store = browserStore()): string | null {
  const r = secretSchema.safeParse(read(store, HOST_KEY));
  return r.success ? r.data : null;
}

/** Keeps a host key; a value that is not a key is refused (returns false) and nothing changes. */
export function keepHostKey(key: string, store = browserStore()): boolean {
  const r = secretSchema.safeParse(key.trim());
  if (!r.success) return false;
  write(store, HOST_KEY, r.data);
  return true;
}

/** Every share code → edit key pair that reads back well; broken entries are skipped. */
export function readEditKeys(store = browserStore()): Record<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(read(store, EDIT_KEYS) ?? "{}");
  } catch {
    return {};
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  const keys: Record<string, string> = {};
  for (const [code, key] of Object.entries(raw)) {
    const c = shareCodeSchema.safeParse(code);
    const k = secretSchema.safeParse(key);
    if (c.success && k.success) keys[c.data] = k.data;
  }
  return keys;
}

export function editKeyFor(code: string, store = browserStore()): string | null {
  const c = shareCodeSchema.safeParse(code);
  return c.success ? (readEditKeys(store)[c.data] ?? null) : null;
}

export function keepEditKey(code: string, key: string, store = browserStore()): void {
  const keys = readEditKeys(store);
  const c = shareCodeSchema.safeParse(code);
  const k = secretSchema.safeParse(key);
  if (!c.success || !k.success) return;
  keys[c.data] = k.data;
  write(store, EDIT_KEYS, JSON.stringify(keys));
}
