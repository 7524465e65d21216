/**
 * Why a decision was refused, as a code and its parameters: what crosses the wire. The words are made
 * where they are shown (refusalWords), so a screen can say them in its own language.
 */
import type { z } from "zod";
import { type FieldIssue, fieldIssue } from "./scenario";

/** Parameters of a refusal: names of nodes, links, items, amounts. */
export type RefusalParams = Record<string, string | number>;

const WORDS = {
  "round-over": () => "the round is over",
  "no-team": (p) => `there is no team ${p.team} in this match`,
  "no-node-on-team": (p) => `there is no node ${p.node} on team ${p.team}`,
  "host-holds-no-node": () => "the host does not hold a node",
  "not-yours": (p) => `you do not hold ${p.node}`,
  "not-on-autopilot": (p) => `${p.node} is not on autopilot`,
  "not-your-role": (p) => `${p.decision} is not something a ${p.kind} can do`,
  "node-gone": (p) => `${p.node} has left the network`,
  "node-down": (p) => `${p.node} is down`,
  "not-enough-coins": (p) => `not enough coins: it costs ${p.price}, ${p.left} left`,
  "no-node": (p) => `there is no node ${p.node}`,
  "route-to-self": () => "a router does not route to itself",
  "not-my-link": (p) => `${p.link} is not a link of ${p.node}`,
  "split-needs-two-links": () => "a split needs two different links",
  "drop-no-split": () => "packets dropped here are not sent on by a second link",
  "block-self": () => "a node cannot block itself",
  "already-blocked": (p) => `${p.node} is already blocked`,
  "not-blocked": (p) => `${p.node} is not blocked`,
  "already-priority": () => "that is already the priority",
  "origin-not-yours-upgrade": () => "the origin is not yours to upgrade",
  "fully-upgraded": (p) => `${p.node} is fully upgraded`,
  "origin-not-yours-copy": () => "the origin is not yours to copy",
  "no-region": (p) => `there is no region ${p.region} on this map`,
  "already-in-cloud": () => "already in the cloud",
  "not-in-cloud": () => "not in the cloud",
  "already-backed-up": () => "your computer is already backed up",
  "no-backup-to-stop": () => "there is no backup to stop",
  "backups-already-on": () => "backups are already on",
  "backups-already-off": () => "backups are already off",
  "sessions-already-shared": () => "sessions are already in the shared store",
  "sessions-already-local": () => "sessions are already on the server",
  "already-encrypting": () => "already encrypting",
  "already-not-encrypting": () => "already not encrypting",
  "disk-fine": () => "nothing to restore: the disk is fine",
  "no-backup": () => "there is no backup to restore from",
  "restore-running": () => "a restore is already running",
  "not-breached": (p) => `${p.node} is not breached`,
  "no-upstream": (p) => `${p.node} has no upstream server to fetch from`,
  "no-item": (p) => `there is no item ${p.item}`,
  "already-cached": () => "that item is already cached",
  "no-chunk": (p) => `there is no chunk ${p.chunk}`,
  "have-chunk": () => "you already have that chunk",
  "not-a-swarm-peer": (p) => `${p.node} is not a peer in the swarm`,
  "download-from-self": () => "you cannot download from yourself",
  "you-blocked": (p) => `you blocked ${p.node}`,
  "peer-lacks-chunk": (p) => `${p.node} does not have that chunk`,
  "slots-busy": () => "all your download slots are busy",
  "already-strategy": (p) => `already using ${p.strategy}`,
  "not-a-peer": (p) => `${p.node} is not a peer`,
  "that-is-you": () => "that is you",
  "already-policy": (p) => `the policy is already ${p.policy}`,
  "already-verifying": () => "already verifying",
  "already-not-verifying": () => "already not verifying",
  "already-autopilot": () => "already on autopilot",
  "already-off-autopilot": () => "already off autopilot",
  "not-crashed": (p) => `${p.node} did not crash: wait until it is back`,
  running: (p) => `${p.node} is running`,
  "up-to-date": (p) => `${p.node} has every update already`,
  "not-our-server": (p) => `${p.node} is not one of your team's servers`,
  "server-down": (p) => `${p.node} is down: pick another server`,
  "host-only": (p) => `only the host can ${p.decision}`,
  "already-paused": () => "already paused",
  "not-paused": () => "not paused",
  "not-a-seat": (p) => `${p.node} is not a seat a player can take`,
  // The room's own checks: the round's phase, the host's console.
  "round-started": () => "the round has already started",
  "round-not-running": () => "the round is not running",
  "round-not-paused": () => "the round is not paused",
  "trigger-while-running": () => "failures can be triggered while the round runs",
  "host-only-action": () => "only the host can do that",
  "no-player": () => "no such player",
  "seat-taken": (p) => `${p.node} is held by ${p.holder}`,
  "no-free-seat": () => "no free seat",
  "not-holdable": (p) => `${p.node} cannot be held by a player`,
  "not-in-this-room": () => "not available in this room",
  // A message the room could not read: its field (a path) and the rule it broke (zod's issue code).
  "unreadable-message": () => "That message could not be read.",
  "bad-decision": (p) => `That decision could not be read (${p.field}: ${ruleWords(p)}).`,
  "bad-host-action": (p) => `That host action could not be read (${p.field}: ${ruleWords(p)}).`,
  "bad-ping": () => "A ping needs { t: number }.",
  "unknown-message-type": (p) => `Unknown message type ${p.type}.`,
  "too-many-messages": () => "Too many messages: slow down a little.",
  "level-as-written": () => "Not in a level: it plays as written.",
  // Joining a class or opening a solo game: said in the join form, so whole sentences.
  "bad-class-code": () => "A class code is 5 letters and digits, as shown on the big screen.",
  "no-class": (p) => `No class with code ${p.code}. Check the code on the big screen.`,
  "class-locked": () => "This class is locked: ask your teacher.",
  "class-full": () => "Every seat is taken: you are watching.",
  "removed-from-class": () => "You were removed from this class.",
  "wrong-host-key": () => "That host key does not open this class.",
  "unreadable-join": () => "That join request could not be read: reload the page and try again.",
  "nickname-needed": () => "Choose a nickname to join.",
  "nickname-too-long": (p) => `A nickname has at most ${p.max} characters.`,
  "nickname-characters": () => "A nickname may use letters, digits, spaces and _ . ' -",
  "nickname-not-allowed": () => "That nickname is not allowed: choose another.",
  "nickname-reserved": () => "That name belongs to the host, a bot or a node: choose another.",
  "nickname-taken": (p) => `"${p.nickname}" is taken in this class: choose another nickname.`,
  "too-many-solo-games": () => "Too many games open from your network: close one and try again.",
  "too-many-wrong-codes": () =>
    "Too many wrong codes or names from your network: wait a minute and try again.",
  "too-many-joins": () => "Too many joins from your network: wait a minute and try again.",
  "too-many-new-games": () => "Too many new games from your network: wait a few minutes.",
  "too-many-requests": () => "Too many requests from your network: wait a few minutes.",
  "cross-site": () => "Requests from other sites are not accepted.",
  "server-busy": () => "The server is busy: try again in a moment.",
  "join-too-large": () => "The join request is too large.",
  "create-from-host-menu": () => "A class is created from the Host a class menu.",
  "not-matchmaking": () => "Not a matchmaking call.",
  "no-seat-to-play": () => "No seat to play.",
  "no-level": (p) => `There is no level "${p.level}".`,
  "level-sets-node": () => "A level sets its own node and length.",
  "level-needs-choice": (p) => `Level ${p.level}: this level needs a choice: hub or swarm.`,
  "level-played-as": (p) => `Level ${p.level}: this level is played as ${p.topology}.`,
  "no-scenario": (p) => `There is no scenario "${p.scenario}".`,
  "no-scenario-node": (p) => `There is no node ${p.node} in this scenario.`,
  "bad-solo-options": (p) =>
    `That game could not be opened (${p.field}: ${ruleWords(p)}): reload the page and try again.`,
  // A teacher's tools over HTTP (classes, saved scenarios, history): said on their screens.
  "server-restarting": () => "The server is restarting: try again in a minute.",
  "class-list-unreachable": () =>
    "The game server cannot reach its class list right now: try again in a moment.",
  "bad-scenario-code": () => "A scenario code is 6 letters and digits.",
  "no-saved-scenario": (p) => `No saved scenario with code ${p.code}.`,
  "wrong-edit-key": () => "That edit key does not open this scenario; save a copy instead.",
  "edit-key-needed": () => "Changing a saved scenario needs its edit key (x-edit-key); save a copy instead.",
  "host-key-needed": () => "The results history needs the host key of your classes (x-host-key).",
  "preview-busy": () => "Another preview is running: try again in a few seconds.",
  "no-match-in-history": () => "No such match in your history.",
  "no-shared-match": () => "No shared match with that link: ask your teacher to share it again.",
  "scenario-not-valid": (p) => `The scenario is not valid: ${p.field}: ${ruleWords(p)}.`,
  // One field of a scenario that is not valid (FieldIssue), as the editor lists them.
  "scenario-field": (p) => `${p.field}: ${ruleWords(p)}`,
  // Answers for whoever calls the API by hand.
  "no-endpoint": (p) => `no such endpoint: ${p.method} ${p.path}`,
  "no-file": (p) => `no such file: ${p.file}`,
  "metrics-key-needed": () => "The metrics need the operator's key (x-metrics-key).",
  "metrics-not-enabled": () => "Metrics are not enabled on this server.",
  "server-failed": () => "the server could not do that",
  "bad-address": () => "The address is not valid: it has a broken %-escape or a NUL character.",
  // A request body the API could not read: its type, its size (the limit in bytes), its JSON, a field.
  "send-json": () => "send JSON (content-type: application/json)",
  "body-too-large": (p) => `the body is larger than ${p.max} bytes`,
  "body-not-json": () => "the body is not valid JSON",
  "bad-body": (p) => `${p.field}: ${ruleWords(p)}`,
} satisfies Record<string, (p: RefusalParams) => string>;

export type RefusalCode = keyof typeof WORDS;

/** A broken rule (FieldIssue's `rule`, zod's issue code, and its limit) in words. */
function ruleWords(p: RefusalParams): string {
  switch (p.rule) {
    case "required":
      return "is required";
    case "invalid_type":
      return p.expected === undefined
        ? "wrong type or missing"
        : `must be ${TYPE_WORDS[p.expected] ?? p.expected}`;
    case "unrecognized_keys":
      return p.keys === undefined
        ? "unknown field"
        : `unknown field ${String(p.keys)
            .split(", ")
            .map((k) => `"${k}"`)
            .join(", ")}`;
    case "invalid_value":
      return p.values === undefined ? "not one of the choices" : `must be one of ${p.values}`;
    case "invalid_union":
      return "not one of the choices";
    case "too_small":
      if (p.above !== undefined) return `must be more than ${amount(p.above, p.unit)}`;
      if (p.minimum === undefined) return "too small or too short";
      if (p.of === "characters")
        return p.minimum === 1 ? "must not be empty" : `must have at least ${p.minimum} characters`;
      if (p.of === "items") return p.minimum === 1 ? "needs at least one" : `needs at least ${p.minimum}`;
      return `must be at least ${amount(p.minimum, p.unit)}`;
    case "too_big":
      if (p.below !== undefined) return `must be less than ${amount(p.below, p.unit)}`;
      if (p.maximum === undefined) return "too big or too long";
      if (p.of === "characters") return `must be at most ${p.maximum} characters`;
      if (p.of === "items") return `may have at most ${p.maximum}`;
      return `must be at most ${amount(p.maximum, p.unit)}`;
    case "invalid_format":
      return "is not in the right form";
    case "id-form":
      return `must start with a letter and use at most ${p.maximum} letters, digits or '_'`;
    // The checks of our own (shared/scenario.ts, protocol.ts): their rule names the reason.
    case "unknown-router":
      return `there is no router "${p.router}"`;
    case "id-used-twice":
      return `the id "${p.id}" is used twice`;
    case "link-to-itself":
      return "a link needs two different routers";
    case "whole-up-to":
      return `must be a whole number up to ${p.maximum}`;
    case "more-than-items":
      return "must be at most the number of items";
    case "all-zero":
      return "must not all be 0";
    case "between":
      return `must be between ${p.minimum} and ${p.maximum}`;
    case "stars-go-up":
      return "must go up: one star, two stars, three stars";
    case "no-hint":
      return "needs at least one hint";
    case "choice-needs-versus":
      return "a level where the player picks the architecture must be versus";
    case "level-needs-architecture":
      return "a level plays hub or swarm (or sets level.choose)";
    case "too-many-people":
      return `the flash crowds would bring the network to ${p.people} users: at most ${p.maximum} in all`;
    case "after-the-end":
      return "must be before the end of the round";
    case "scenario-or-level":
      return "name a scenario or a level (one of the two)";
    default:
      return "is not valid";
  }
}

/** A limit with its unit (FieldIssue's `unit`), one or many: "1 tick", "10 seconds". */
function amount(n: string | number, unit: string | number | undefined): string {
  const words = unit === undefined ? undefined : UNIT_WORDS[unit];
  if (!words) return String(n);
  return `${n} ${Number(n) === 1 ? words[0] : words[1]}`;
}

const UNIT_WORDS: Record<string | number, [one: string, many: string]> = {
  seconds: ["second", "seconds"],
  ticks: ["tick", "ticks"],
  coins: ["coin", "coins"],
  points: ["point", "points"],
};

/** A JSON type as the rule's words say it. */
const TYPE_WORDS: Record<string | number, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
};

export interface Refusal {
  code: RefusalCode;
  params: RefusalParams;
}

export const REFUSAL_CODES = Object.keys(WORDS) as RefusalCode[];

export function isRefusalCode(code: string): code is RefusalCode {
  return Object.hasOwn(WORDS, code);
}

export function refusal(code: RefusalCode, params: RefusalParams = {}): Refusal {
  return { code, params };
}

/** Why one field is wrong (a FieldIssue: its rule and the rule's limit), in words, without the field. */
export function issueWords(issue: FieldIssue): string {
  return ruleWords(issue);
}

/** The refusal in words, for a screen, a log or a test. */
export function refusalWords(r: Refusal): string {
  return WORDS[r.code](r.params);
}

/**
 * Where a message or body broke its schema, as refusal parameters: the first issue's field path
 * ("message" for the whole) and the rule it broke (zod's issue code, worded on the screen).
 */
export function brokenRule(error: z.ZodError): FieldIssue {
  const issue = error.issues[0];
  if (!issue) return { field: "message", rule: "custom" };
  return { ...fieldIssue(issue), ...(issue.path.length ? {} : { field: "message" }) };
}
