/**
 * Corrects how @colyseus/schema 3.0.x writes one length of string. Its msgpack "str 8" header stores
 * `length % 255`, so a string of exactly 255 UTF-8 bytes goes out with length 0 (colyseus/schema#216,
 * open at 3.0.76). Every client then reads an empty string and takes the 255 bytes of text for field
 * operations: `field not defined at { index: 49 }` ("1", from a packed crossing), `definition
 * mismatch`, and the rest of that structure in the patch is skipped. A team's `transits` field (all
 * packet crossings of one tick, packed as text) lands on 255 bytes every few seconds in a large
 * network, so every student in a district-sized room lost parts of patches; a teacher's scenario
 * description of 255 bytes broke every join's first state the same way.
 *
 * The encoder looks `encode.string` up on the exported object at each call, so replacing it here fixes
 * every state this process sends. Only the header of that one length changes, to what any msgpack
 * decoder (colyseus.js included) expects: nothing changes on the client.
 */
import { encode } from "@colyseus/schema";

/** msgpack "str 8": one byte of length follows. */
const STR8 = 0xd9;
/** The one length the library writes wrong: 255 % 255 is 0. */
const MISWRITTEN_LENGTH = 255;

const libraryString = encode.string;

function writeString(
  bytes: Parameters<typeof libraryString>[0],
  value: string,
  it: { offset: number },
): number {
  const text = value || "";
  if (encode.utf8Length(text) !== MISWRITTEN_LENGTH) return libraryString(bytes, value, it);
  const target = bytes as Uint8Array;
  target[it.offset++] = STR8;
  target[it.offset++] = MISWRITTEN_LENGTH;
  encode.utf8Write(bytes, text, it);
  return 2 + MISWRITTEN_LENGTH;
}

/** Installs the corrected string writer once per process (importing this module does it). */
if ((encode.string as { corrected?: boolean }).corrected !== true) {
  encode.string = Object.assign(writeString, { corrected: true });
}
