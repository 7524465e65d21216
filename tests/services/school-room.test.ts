/**
 * A school in one room: 400 students on the district network, every join succeeds and every client
 * decodes the same state as the server holds (tests/server/crowd.ts). The size at which every client
 * once showed decoding failures; `npm test` checks the same on a class of 40 (big-room.test.ts), this
 * checks that nothing else breaks at a school's size. It needs no service, only time: it runs with
 * the service tests (`npm run test:services`, and so in `.ci/run`).
 */
import { afterAll, beforeAll, describe, it, vi } from "vitest";
import { crowdedClass, listenToDecoders } from "../server/crowd";
import { boot, type Harness } from "../server/harness";

/** Students in the school: the size at which every client showed decoding failures. */
const STUDENTS = 400;
/** Students joining at the same moment (a class arrives over a few seconds, not in one instant). */
const WAVE = 25;

let h: Harness;
beforeAll(async () => {
  // Four hundred joins from one address, quickly: the per-address join budget is for one class.
  h = await boot("memory://", 1000);
  listenToDecoders();
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await h.server.close();
});

describe("a school-sized class", () => {
  it(`${STUDENTS} students on the district network: every join succeeds and every client decodes every patch`, async () => {
    // Enough play for thousands of packet crossings to reach every client (each patch packs them).
    await crowdedClass(h, STUDENTS, WAVE, 80);
  }, 180_000);
});
