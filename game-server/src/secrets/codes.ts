/** Join codes and secrets, from the operating system's random source. */
import { randomBytes, randomInt } from "node:crypto";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../../shared/index";

/** A code of the join-code alphabet: five characters for a class, six for a saved scenario. */
export function newJoinCode(length = JOIN_CODE_LENGTH): string {
  let code = "";
  for (let i = 0; i < length; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A 128-bit secret, URL-safe. */
export function newSecret(): string {
  return randomBytes(16).toString("base64url");
}
