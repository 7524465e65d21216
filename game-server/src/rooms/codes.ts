/** Join codes and secrets, from the operating system's random source. */
import { randomBytes, randomInt } from "node:crypto";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../../shared/index";

export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A 128-bit secret, URL-safe. */
export function newSecret(): string {
  return randomBytes(16).toString("base64url");
}
