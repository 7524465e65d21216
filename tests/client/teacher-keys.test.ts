/** What a teacher's browser keeps: keys are read back only when they are well formed. */
import { describe, expect, it } from "vitest";
import {
  editKeyFor,
  type KeyStore,
  keepEditKey,
  keepHostKey,
  readEditKeys,
  readHostKey,
} from "../../game-client/src/net/teacher-keys";

function memory(initial: Record<string, string> = {}): KeyStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
    removeItem: (k) => {
      delete data[k];
    },
  };
}

const KEY = "AbCdEfGhIjKlMnOpQrSt_-";

describe("teacher keys in browser storage", () => {
  it("keeps and reads back a host key and edit keys", () => {
    const store = memory();
    expect(readHostKey(store)).toBeNull();
    expect(keepHostKey(` ${KEY} `, store)).toBe(true);
    expect(readHostKey(store)).toBe(KEY);
    keepEditKey("k7mq4t", KEY, store);
    expect(editKeyFor("K7MQ4T", store)).toBe(KEY);
    expect(editKeyFor("AAAAAA", store)).toBeNull();
  });

  it("refuses to keep something that is not a key", () => {
    const store = memory();
    expect(keepHostKey("short", store)).toBe(false);
    expect(store.data).toEqual({});
    keepEditKey("K7MQ4T", "not a key", store);
    keepEditKey("bad code", KEY, store);
    expect(readEditKeys(store)).toEqual({});
  });

  it("ignores corrupt storage instead of failing", () => {
    expect(readHostKey(memory({ "hubSwarm.hostKey": "x".repeat(40) }))).toBeNull();
    expect(readEditKeys(memory({ "hubSwarm.editKeys": "{not json" }))).toEqual({});
    expect(readEditKeys(memory({ "hubSwarm.editKeys": "[1,2]" }))).toEqual({});
    expect(
      readEditKeys(memory({ "hubSwarm.editKeys": JSON.stringify({ K7MQ4T: KEY, OOPS: KEY, AAAAAA: 7 }) })),
    ).toEqual({
      K7MQ4T: KEY,
    });
    const throwing: KeyStore = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("blocked");
      },
      removeItem: () => {},
    };
    expect(readHostKey(throwing)).toBeNull();
    expect(keepHostKey(KEY, throwing)).toBe(true);
    expect(readEditKeys(throwing)).toEqual({});
  });
});
