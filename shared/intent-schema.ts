/**
 * The shape of every decision (intent) players, the host and bots make: the schemas that check a
 * decision at the edge, and its types. Whether a decision may be made now is intents.ts's
 * validateIntent. Kept apart from it so the data model (types.ts) can name a decision without
 * importing the rules that read the model.
 */
import { z } from "zod";
import { PACKET_KINDS } from "./packet-kinds";
import type { Refusal } from "./refusals";
import { failureSchema } from "./scenario";

const team = z.enum(["hub", "swarm"], { message: "must be hub or swarm" });
const nodeId = z.string().min(1).max(24);
const on = z.boolean({ message: "must be true or false" });
const base = { team, node: nodeId };

export const nodeIntentSchema = z.discriminatedUnion("type", [
  z
    // A link of the router, or null: no route, drop them here (a destination that cannot be reached).
    .object({
      type: z.literal("route"),
      ...base,
      dest: nodeId,
      link: nodeId.nullable(),
      alt: nodeId.optional(),
    })
    .strict(),
  z.object({ type: z.literal("block"), ...base, source: nodeId }).strict(),
  z.object({ type: z.literal("unblock"), ...base, source: nodeId }).strict(),
  z.object({ type: z.literal("prioritise"), ...base, kind: z.enum(PACKET_KINDS).nullable() }).strict(),
  z.object({ type: z.literal("upgrade"), ...base }).strict(),
  z.object({ type: z.literal("replica"), ...base, region: z.string().min(1).max(24).optional() }).strict(),
  z.object({ type: z.literal("cloud"), ...base, on }).strict(),
  z.object({ type: z.literal("backup"), ...base, on }).strict(),
  z.object({ type: z.literal("stateless"), ...base, on }).strict(),
  z.object({ type: z.literal("encrypt"), ...base, on }).strict(),
  z.object({ type: z.literal("restore"), ...base }).strict(),
  z.object({ type: z.literal("patch"), ...base }).strict(),
  z.object({ type: z.literal("cache"), ...base, item: z.number().int().min(0) }).strict(),
  z
    .object({
      type: z.literal("request-chunk"),
      ...base,
      item: z.number().int().min(0),
      chunk: z.number().int().min(0),
      from: nodeId,
    })
    .strict(),
  z
    .object({ type: z.literal("strategy"), ...base, strategy: z.enum(["rarest", "sequential", "random"]) })
    .strict(),
  z.object({ type: z.literal("access"), ...base, peer: nodeId, allow: z.boolean() }).strict(),
  z.object({ type: z.literal("policy"), ...base, policy: z.enum(["allow", "approve", "deny"]) }).strict(),
  z.object({ type: z.literal("verify"), ...base, on }).strict(),
  z.object({ type: z.literal("leave"), ...base }).strict(),
  z.object({ type: z.literal("autopilot"), ...base, on }).strict(),
  z.object({ type: z.literal("server"), ...base, server: nodeId }).strict(),
  z.object({ type: z.literal("restart"), ...base }).strict(),
  z.object({ type: z.literal("update"), ...base }).strict(),
]);

export const hostIntentSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("pause") }).strict(),
  z.object({ type: z.literal("resume") }).strict(),
  z.object({ type: z.literal("end") }).strict(),
  z.object({ type: z.literal("add-time"), seconds: z.number().int().min(1).max(600) }).strict(),
  z.object({ type: z.literal("trigger"), failure: failureSchema }).strict(),
  z
    .object({ type: z.literal("assign"), team, node: nodeId, player: z.string().min(1).max(40).nullable() })
    .strict(),
]);

export const intentSchema = z.union([nodeIntentSchema, hostIntentSchema]);
export type NodeIntent = z.infer<typeof nodeIntentSchema>;
export type HostIntent = z.infer<typeof hostIntentSchema>;
export type Intent = NodeIntent | HostIntent;
/** A decision's check: accepted, or refused with a code and its parameters (and the same in words). */
export type IntentResult = { ok: true } | { ok: false; refusal: Refusal; reason: string };

const HOST_TYPES: ReadonlySet<string> = new Set(["pause", "resume", "end", "add-time", "trigger", "assign"]);
export function isHostIntent(intent: Intent): intent is HostIntent {
  return HOST_TYPES.has(intent.type);
}
