/**
 * The state encoder's string header at the lengths around the one @colyseus/schema 3.0 miswrites
 * (game-server/src/rooms/string-encoding.ts): what the server writes, a client's decoder reads back.
 */
import { decode, encode } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import "../../game-server/src/rooms/string-encoding";

/** Writes a string as the server's state encoder does, then reads it as colyseus.js's decoder does. */
function roundTrip(text: string): { read: string; written: number; consumed: number } {
  const bytes = new Uint8Array(1024);
  const writing = { offset: 0 };
  encode.string(bytes as unknown as Buffer, text, writing);
  // A field written after the string: a wrong length header makes the decoder read into it.
  bytes[writing.offset] = 0x2a;
  const reading = { offset: 0 };
  const read = decode.string(bytes as unknown as Buffer, reading);
  return { read, written: writing.offset, consumed: reading.offset };
}

describe("strings in the state a client decodes", () => {
  for (const length of [31, 32, 254, 255, 256, 300]) {
    it(`a string of ${length} UTF-8 bytes reads back whole, and the next field after it`, () => {
      const text = "0123456789 packet crossings, ".repeat(20).slice(0, length);
      expect(Buffer.byteLength(text)).toBe(length);
      const { read, written, consumed } = roundTrip(text);
      expect(read).toBe(text);
      expect(consumed).toBe(written);
    });
  }

  it("multi-byte text of exactly 255 bytes reads back whole", () => {
    const text = `${"é".repeat(127)}x`; // 127 two-byte letters and one one-byte letter
    expect(Buffer.byteLength(text)).toBe(255);
    expect(roundTrip(text).read).toBe(text);
  });
});
