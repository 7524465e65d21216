/** A refused join or solo game: the refusal's code and parameters in the error's text, no words (shared/join-refusals.ts). */
import { ServerError } from "@colyseus/core";
import { type RefusalCode, type RefusalParams, refusal, refusalText } from "../../../shared/index";

export function refusedJoin(status: number, code: RefusalCode, params: RefusalParams = {}): ServerError {
  return new ServerError(status, refusalText(refusal(code, params)));
}
