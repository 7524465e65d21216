/**
 * How the thirteen failure kinds are presented to a teacher: plain names, what each one aims at, the
 * unit of its magnitude, and the target choices worth offering. Which node a kind can really hit is
 * the simulation's rule (shared `canHit`); the editor filters these choices through it.
 */
import { DEFAULT_DURATION, DEFAULT_MAGNITUDE, type FailureKind } from "../../../shared/index";

export type Aim = "node" | "link" | "region" | "none";

/** What a kind's target names: a node, a link, a map region, or nothing (it hits the workload). */
export const FAILURE_AIM: Record<FailureKind, Aim> = {
  crash: "node",
  "disk-failure": "node",
  "link-cut": "link",
  congestion: "link",
  "packet-loss": "link",
  "flash-crowd": "none",
  ddos: "node",
  breach: "node",
  churn: "node",
  "malicious-peer": "none",
  outage: "region",
  wiretap: "node",
  exploit: "none",
};

export const FAILURE_LABEL: Record<FailureKind, string> = {
  crash: "Crash a node",
  "disk-failure": "Disk failure",
  "link-cut": "Cut a link",
  congestion: "Congest a link",
  "packet-loss": "Lossy link",
  "flash-crowd": "Flash crowd",
  ddos: "DDoS attack",
  breach: "Hack a server",
  churn: "Peers leave",
  "malicious-peer": "Malicious peer joins",
  outage: "Regional outage",
  wiretap: "Wiretap a router",
  exploit: "Security hole",
};

/** The magnitude's unit, for kinds that have one (README: failures). */
export const MAGNITUDE_UNIT: Partial<Record<FailureKind, { unit: string; step: number }>> = {
  congestion: { unit: "× bandwidth (0–1)", step: 0.05 },
  "packet-loss": { unit: "chance of loss (0–1)", step: 0.05 },
  "flash-crowd": { unit: "new users", step: 1 },
  ddos: { unit: "junk packets / tick", step: 1 },
  churn: { unit: "users leaving", step: 1 },
  "malicious-peer": { unit: "peers joining", step: 1 },
  exploit: { unit: "share of unupdated machines attacked (0–1)", step: 0.05 },
};

export function magnitudeHint(kind: FailureKind): string {
  return MAGNITUDE_UNIT[kind] ? `default ${DEFAULT_MAGNITUDE[kind]}` : "no strength";
}

/** What an empty duration means for a kind. */
export function durationHint(kind: FailureKind): string {
  const d = DEFAULT_DURATION[kind];
  if (d !== undefined) return `default ${d} s`;
  if (kind === "exploit") return "empty: attacks until the end";
  return kind === "churn" ? "empty: for good" : "instant";
}

/** Role filters worth offering per kind, most useful first; the editor keeps those the map has. */
export const ROLE_CHOICES: Partial<Record<FailureKind, string[]>> = {
  crash: ["role:source", "role:router", "role:server", "role:seed", "role:peer"],
  "disk-failure": ["role:source", "role:server", "role:seed", "role:peer"],
  ddos: ["role:source", "role:server", "role:peer"],
  breach: ["role:source", "role:server", "role:seed"],
  churn: ["role:user", "role:seed", "role:peer"],
  wiretap: ["role:router"],
};

const TARGET_WORDS: Record<string, string> = {
  random: "random",
  busiest: "the busiest",
  "role:source": "a content holder (server or seed)",
  "role:router": "a router",
  "role:server": "a server (hub)",
  "role:seed": "a seed (swarm)",
  "role:peer": "a peer (swarm)",
  "role:user": "a user (client or peer)",
  "role:client": "a client (hub)",
  "role:origin": "the origin",
  "role:core": "a router-to-router link",
  "role:access": "an access link",
};

/** A target in words: "a router", "the busiest link", "R1-R2". */
export function targetWords(aim: Aim, target: string): string {
  if (aim === "link" && target === "busiest") return "the busiest link";
  if (aim === "link" && target === "random") return "a random link";
  if (aim === "region" && target === "random") return "a random region";
  return TARGET_WORDS[target] ?? target;
}
