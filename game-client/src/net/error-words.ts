/** Errors from the server in words: a refused decision arrives as a code, and its words are made here. */
import { isRefusalCode, type RefusalParams, refusalWords } from "../../../shared/index";

export interface ServerError {
  code: string;
  /** In words: the server's, or made here from a refused decision's code (refusalWords). */
  message: string;
}

/** An error as it arrives: a refused decision carries a code and parameters, not words. */
export function errorWords(e: { code?: unknown; message?: unknown; refusal?: unknown }): ServerError {
  const code = typeof e.code === "string" ? e.code : "error";
  const r = e.refusal as { code?: unknown; params?: unknown } | undefined;
  if (r && typeof r.code === "string" && isRefusalCode(r.code)) {
    const params = r.params && typeof r.params === "object" ? (r.params as RefusalParams) : {};
    return { code, message: refusalWords({ code: r.code, params }) };
  }
  return { code, message: typeof e.message === "string" ? e.message : "that was refused" };
}
