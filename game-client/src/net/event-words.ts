/**
 * What happened in a match, in words: a banner arrives as an event (a code and parameters, shared/
 * events.ts) and its words are made here, read leniently (a code this page does not know yet says the
 * code, not nothing).
 */
import { type Banner, loggedWords } from "../../../shared/index";

/** A banner's news in words, without the team's name (the banner adds it where it is needed). */
export function bannerWords(m: Banner): string {
  return loggedWords(m);
}
