/**
 * The solo ladder, in the order it is climbed: each level teaches one idea and builds on the one
 * before — from "what is a server?" to "which network would you build, and why?".
 */
import type { Scenario } from "../scenario";
import { askAndAnswer } from "./01-ask-and-answer";
import { detour } from "./02-detour";
import { chain } from "./03-chain";
import { rushHour } from "./04-rush-hour";
import { backups } from "./05-backups";
import { breach } from "./06-breach";
import { seed } from "./07-seed";
import { rarestFirst } from "./08-rarest-first";
import { keepSeeding } from "./09-keep-seeding";
import { stranger } from "./10-stranger";
import { askMeFirst } from "./11-ask-me-first";
import { smallOffice } from "./12-small-office";
import { fifty } from "./13-fifty";

/** Level id → scenario document, in ladder order (object keys keep insertion order). */
export const LEVEL_SCENARIOS: Record<string, Scenario> = {
  "ask-and-answer": askAndAnswer,
  detour,
  chain,
  "rush-hour": rushHour,
  backups,
  breach,
  seed,
  "rarest-first": rarestFirst,
  "keep-seeding": keepSeeding,
  stranger,
  "ask-me-first": askMeFirst,
  "small-office": smallOffice,
  fifty,
};
