/**
 * The scenario document: one validated JSON shape for built-in scenarios, solo levels and teachers'
 * own scenarios. `parseScenario` is the edge: it turns unknown input into a typed Scenario or an error
 * that names the field and the reason. Everything inside shared/ trusts a parsed Scenario.
 */
import { z } from "zod";
import { MAX_CHUNKS } from "./constants";

export const FAILURE_KINDS = [
  "crash",
  "disk-failure",
  "link-cut",
  "congestion",
  "packet-loss",
  "flash-crowd",
  "ddos",
  "breach",
  "churn",
  "malicious-peer",
  "outage",
  "wiretap",
  "exploit",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export const TOPOLOGIES = ["hub", "swarm", "versus"] as const;
export type ScenarioTopology = (typeof TOPOLOGIES)[number];

/**
 * A failure target: a node or link id ("S1", "R1-R2"), a region name for outages, "random", "busiest",
 * or a role filter "role:<role>". Roles: server, router, peer, client, seed, origin, and "source" —
 * where the content lives (servers in the hub, seeds in the swarm), so one timeline fits both.
 */
const targetSchema = z
  .string()
  .min(1, "must not be empty")
  .max(40, "must be at most 40 characters")
  .regex(/^[A-Za-z0-9:_-]+$/, "may only use letters, digits, ':', '_' and '-'");

const failureFields = z
  .object({
    kind: z.enum(FAILURE_KINDS, { message: `must be one of ${FAILURE_KINDS.join(", ")}` }),
    at: z.number().min(0, "must be 0 or more seconds"),
    duration: z.number().positive("must be more than 0 seconds").optional(),
    target: targetSchema.optional(),
    magnitude: z.number().positive("must be more than 0").optional(),
  })
  .strict();

/** Default magnitude per kind, in the kind's own unit (see README: failures). */
export const DEFAULT_MAGNITUDE: Record<FailureKind, number> = {
  crash: 1,
  "disk-failure": 1,
  "link-cut": 1,
  congestion: 0.25, // bandwidth × 0.25, latency × 1/0.25 (capped at × 4)
  "packet-loss": 0.3, // each packet lost with probability 0.3
  "flash-crowd": 10, // users who join
  ddos: 12, // junk packets per tick, shared by the botnet sources
  breach: 1,
  churn: 3, // peers who leave
  "malicious-peer": 1, // malicious peers who join
  outage: 1,
  wiretap: 1,
  exploit: 0.5, // share of the machines still without the update that attackers get into
};

/** Each kind's magnitude has its own unit and range (README: failures). */
function checkMagnitude(
  f: { kind: FailureKind; magnitude?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  const m = f.magnitude;
  if (m === undefined) return;
  const fraction = f.kind === "congestion" || f.kind === "packet-loss" || f.kind === "exploit";
  const path = ["magnitude"];
  if (fraction && m > 1)
    ctx.addIssue({ code: "custom", path, message: "must be at most 1", params: atMost(1) });
  const count = f.kind === "flash-crowd" || f.kind === "churn" || f.kind === "malicious-peer";
  if (count && (!Number.isInteger(m) || m > 100))
    ctx.addIssue({
      code: "custom",
      path,
      message: "must be a whole number up to 100",
      params: { rule: "whole-up-to", maximum: 100 },
    });
  if (f.kind === "ddos" && m > 50)
    ctx.addIssue({ code: "custom", path, message: "must be at most 50", params: atMost(50) });
}

/** A check of our own that is a plain upper limit, as its FieldIssue parameters. */
function atMost(maximum: number): { rule: string; maximum: number } {
  return { rule: "too_big", maximum };
}

export const failureSchema = failureFields.superRefine(checkMagnitude);
/** A failure to start now (the host's console): the same fields without a start time. */
export const failureNowSchema = failureFields.omit({ at: true }).superRefine(checkMagnitude);
export type FailureEvent = z.infer<typeof failureSchema>;

const generatedMapSchema = z
  .object({
    shape: z.enum(["ring", "star", "grid"], { message: "must be ring, star or grid" }),
    routers: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(80, "must be at most 80"),
    regions: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(8, "must be at most 8"),
    servers: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(20, "must be at most 20"),
    users: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(400, "must be at most 400"),
    origin: z.boolean(),
    latency: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1 tick")
      .max(20, "must be at most 20 ticks"),
    bandwidth: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(64, "must be at most 64"),
  })
  .strict();

/** A node's id: a letter, then letters, digits or '_', 16 characters at most. */
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;
const idSchema = z.string().refine((id) => ID_PATTERN.test(id), {
  message: "must start with a letter and use at most 16 letters, digits or '_'",
  params: { rule: "id-form", maximum: 16 },
});

const explicitMapSchema = z
  .object({
    routers: z
      .array(
        z.object({ id: idSchema, region: z.string().min(1).max(20), x: z.number(), y: z.number() }).strict(),
      )
      .min(1, "needs at least one router")
      .max(80, "may have at most 80 routers"),
    links: z
      .array(
        z
          .object({
            a: idSchema,
            b: idSchema,
            latency: z.number().int().min(1, "must be at least 1 tick").max(40),
            bandwidth: z.number().int().min(1).max(64),
          })
          .strict(),
      )
      .max(400),
    servers: z
      .array(z.object({ id: idSchema, router: idSchema }).strict())
      .min(1, "needs at least one server")
      .max(20),
    users: z
      .array(z.object({ id: idSchema, router: idSchema }).strict())
      .min(1, "needs at least one user")
      .max(400),
    origin: z.object({ router: idSchema }).strict().optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const ids = new Set<string>();
    const routers = new Set(m.routers.map((r) => r.id));
    const all = [...m.routers.map((r) => r.id), ...m.servers.map((s) => s.id), ...m.users.map((u) => u.id)];
    all.forEach((id) => {
      if (ids.has(id))
        ctx.addIssue({
          code: "custom",
          path: [],
          message: `id "${id}" is used twice`,
          params: { rule: "id-used-twice", id },
        });
      ids.add(id);
    });
    const noRouter = (path: (string | number)[], router: string) =>
      ctx.addIssue({
        code: "custom",
        path,
        message: `no router "${router}"`,
        params: { rule: "unknown-router", router },
      });
    m.links.forEach((l, i) => {
      if (!routers.has(l.a)) noRouter(["links", i, "a"], l.a);
      if (!routers.has(l.b)) noRouter(["links", i, "b"], l.b);
      if (l.a === l.b)
        ctx.addIssue({
          code: "custom",
          path: ["links", i, "b"],
          message: "a link needs two routers",
          params: { rule: "link-to-itself" },
        });
    });
    for (const group of ["servers", "users"] as const) {
      m[group].forEach((n, i) => {
        if (!routers.has(n.router)) noRouter([group, i, "router"], n.router);
      });
    }
    if (m.origin && !routers.has(m.origin.router)) noRouter(["origin", "router"], m.origin.router);
  });

export const workloadSchema = z
  .object({
    items: z.number().int().min(1, "must be at least 1").max(20, "must be at most 20"),
    chunksPerItem: z
      .number()
      .int()
      .min(1, "must be at least 1")
      .max(MAX_CHUNKS, `must be at most ${MAX_CHUNKS}`),
    itemsPerUser: z.number().int().min(1, "must be at least 1").max(20, "must be at most 20"),
    /** Seconds over which users' first requests are spread. */
    rampUp: z.number().min(0, "must be 0 or more seconds"),
    /** Seconds a user waits after finishing an item before wanting the next. */
    thinkTime: z.number().min(0, "must be 0 or more seconds"),
    /** Direct messages each user sends per minute. */
    messagesPerMinute: z.number().min(0, "must be 0 or more").max(60, "must be at most 60"),
    /** Items each server holds at the start; the rest come from the origin (the server chain). */
    serverHolds: z.enum(["all", "some"], { message: "must be all or some" }),
  })
  .strict()
  .refine((w) => w.itemsPerUser <= w.items, {
    path: ["itemsPerUser"],
    message: "must be at most the number of items",
    params: { rule: "more-than-items" },
  });
export type Workload = z.infer<typeof workloadSchema>;

export const weightsSchema = z
  .object({
    speed: z.number().min(0, "must be 0 or more"),
    cost: z.number().min(0, "must be 0 or more"),
    survival: z.number().min(0, "must be 0 or more"),
  })
  .strict()
  .refine((w) => w.speed + w.cost + w.survival > 0, {
    message: "must not all be 0",
    params: { rule: "all-zero" },
  });

/** Three star thresholds on a 0–100 part score, lowest first: one star, two stars, three stars. */
const starThresholdsSchema = z
  .tuple([z.number(), z.number(), z.number()], { message: "must be three numbers" })
  .refine((t) => t.every((x) => x >= 0 && x <= 100), {
    message: "must be between 0 and 100",
    params: { rule: "between", minimum: 0, maximum: 100 },
  })
  .refine((t) => t[0] < t[1] && t[1] < t[2], {
    message: "must go up: one star, two stars, three stars",
    params: { rule: "stars-go-up" },
  });

const lineSchema = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** How a peer is set up when a level's round begins (what its owner would otherwise have to change). */
const peerSetupSchema = z
  .object({
    policy: z.enum(["allow", "approve", "deny"], { message: "must be allow, approve or deny" }).optional(),
    strategy: z
      .enum(["rarest", "sequential", "random"], { message: "must be rarest, sequential or random" })
      .optional(),
    verify: z.boolean({ message: "must be true or false" }).optional(),
  })
  .strict();

/**
 * A solo level: the same scenario document with a `level` block saying who the learner plays, what
 * they are told, and how many stars each score part earns. Without this block a scenario is not a
 * level; every other field means exactly what it means in any scenario.
 */
export const levelSchema = z
  .object({
    /** The intro card, in plain words: who you are, what to do, the idea behind it. */
    intro: z.object({ you: lineSchema(200), todo: lineSchema(240), idea: lineSchema(240) }).strict(),
    /** The player's node (the other seats are bots). */
    node: idSchema,
    /** The player's role in a word or two, as the level select shows it. */
    role: lineSchema(30),
    /** Short lines shown during play. */
    goals: z.array(lineSchema(80)).min(1, "needs at least one goal").max(4, "may have at most 4 goals"),
    /** Star thresholds per score part. */
    stars: z
      .object({
        speed: starThresholdsSchema,
        cost: starThresholdsSchema,
        survival: starThresholdsSchema,
      })
      .strict(),
    /** What to try next, per score part, shown after an attempt that missed a star there. */
    hints: z
      .object({ speed: lineSchema(200), cost: lineSchema(200), survival: lineSchema(200) })
      .partial()
      .strict()
      .refine((x) => Object.keys(x).length > 0, {
        message: "needs at least one hint",
        params: { rule: "no-hint" },
      }),
    /** The player's node, as it is set up when the round begins. */
    setup: peerSetupSchema.optional(),
    /**
     * Every other user's computer: how it is set up, and whether it reacts at all (react false: it keeps
     * its settings and never makes a decision, so what happens is down to the player).
     */
    others: peerSetupSchema
      .extend({ react: z.boolean({ message: "must be true or false" }) })
      .partial()
      .optional(),
    /** The player picks the architecture (hub or swarm) before playing: the scenario is versus. */
    choose: z.boolean({ message: "must be true or false" }).optional(),
  })
  .strict();
export type Level = z.infer<typeof levelSchema>;
export type PeerSetup = z.infer<typeof peerSetupSchema>;

/** The measures a lesson can name: a score part, or a share of the data (see shared/lessons.ts). */
export const LESSON_MEASURES = ["total", "speed", "cost", "survival", "lost", "corrupt", "leaked"] as const;
export type LessonMeasure = (typeof LESSON_MEASURES)[number];

/**
 * What a scenario teaches, stated so it can be checked: the claim a student reads, which architecture
 * must come out ahead, on which measure, by at least how many points (on every seed, with bots in
 * every seat). Built-in scenarios all carry one; a teacher's scenario may.
 */
export const lessonSchema = z
  .object({
    /** One sentence a 13-year-old reads on the results screen. */
    claim: lineSchema(200),
    ahead: z.enum(["hub", "swarm"], { message: "must be hub or swarm" }),
    measure: z.enum(LESSON_MEASURES, { message: `must be one of ${LESSON_MEASURES.join(", ")}` }),
    /** Points (0–100 scale) by which `ahead` must lead on `measure`. */
    margin: z.number().min(0, "must be 0 or more points").max(100, "must be at most 100 points"),
  })
  .strict();
export type LessonClaim = z.infer<typeof lessonSchema>;

export const scenarioSchema = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(60, "must be at most 60 characters"),
    description: z.string().max(600, "must be at most 600 characters"),
    topology: z.enum(TOPOLOGIES, { message: "must be hub, swarm or versus" }),
    seed: z.number().int("must be a whole number").min(0).max(0xffffffff),
    duration: z.number().min(10, "must be at least 10 seconds").max(1800, "must be at most 1800 seconds"),
    budget: z.number().positive("must be more than 0 coins"),
    weights: weightsSchema.default({ speed: 40, cost: 30, survival: 30 }),
    map: z.union([generatedMapSchema, explicitMapSchema], {
      message: "must be a generated map or an explicit map",
    }),
    workload: workloadSchema,
    failures: z.array(failureSchema).max(100, "may have at most 100 events"),
    /** Only for solo levels. */
    level: levelSchema.optional(),
    /** What the scenario teaches, checked by `npm run lessons`. */
    lesson: lessonSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.level?.choose && s.topology !== "versus")
      ctx.addIssue({
        code: "custom",
        path: ["level", "choose"],
        message: "a level where the player picks the architecture must be versus",
        params: { rule: "choice-needs-versus" },
      });
    if (s.level && !s.level.choose && s.topology === "versus")
      ctx.addIssue({
        code: "custom",
        path: ["topology"],
        message: "a level plays hub or swarm (or sets level.choose)",
        params: { rule: "level-needs-architecture" },
      });
    const busiest = peopleAtBusiest(s);
    if (busiest > MAX_PEOPLE)
      ctx.addIssue({
        code: "custom",
        path: ["failures"],
        message: `the flash crowds would bring the network to ${busiest} users: at most ${MAX_PEOPLE} in all, counting everyone who joins`,
        params: { rule: "too-many-people", people: busiest, maximum: MAX_PEOPLE },
      });
    s.failures.forEach((f, i) => {
      if (f.at >= s.duration)
        ctx.addIssue({
          code: "custom",
          path: ["failures", i, "at"],
          message: "must be before the end of the round",
          params: { rule: "after-the-end" },
        });
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;

/**
 * Most users a network may hold at its busiest, the map's own plus everyone a flash crowd or a
 * malicious-peer event brings in. With the caps on routers (80) and servers (20), this bounds the
 * work of one tick, so no room's tick, preview or par measurement holds the server for long.
 */
export const MAX_PEOPLE = 400;

/** Users of the map plus everyone who joins during the round. */
export function peopleAtBusiest(s: {
  map: { users: number | readonly unknown[] };
  failures: readonly { kind: FailureKind; magnitude?: number | undefined }[];
}): number {
  const base = typeof s.map.users === "number" ? s.map.users : s.map.users.length;
  let joining = 0;
  for (const f of s.failures)
    if (f.kind === "flash-crowd" || f.kind === "malicious-peer")
      joining += f.magnitude ?? DEFAULT_MAGNITUDE[f.kind];
  return base + joining;
}
export type GeneratedMap = z.infer<typeof generatedMapSchema>;
export type ExplicitMap = z.infer<typeof explicitMapSchema>;
export type Weights = z.infer<typeof weightsSchema>;

export function isGeneratedMap(map: Scenario["map"]): map is GeneratedMap {
  return "shape" in map;
}

/**
 * Where a document broke its schema, as parameters a screen words: the field's path, the rule broken
 * (zod's issue code, "required" for a missing field, or one of our own checks' rules, which they pass
 * as the issue's `params`) and the rule's own limit or subject when it has one (minimum, maximum,
 * above, below, of, expected, values, keys, router, id, people).
 */
export type FieldIssue = Record<string, string | number> & { field: string; rule: string };

/** `errors` in English ("field: reason", for a person reading JSON), `issues` the same as codes. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[]; issues: FieldIssue[] };

/** Formats a field path the way a teacher reads it: failures[2].at */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(scenario)";
}

/** Validates anything claiming to be a scenario. Errors read "field: reason". */
export function parseScenario(input: unknown): ParseResult<Scenario> {
  const r = scenarioSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const issues = mapBranchIssues(r.error.issues, input);
  return {
    ok: false,
    errors: issues.map((i) => `${formatPath(i.path)}: ${readableMessage(i, input)}`),
    issues: issues.map((i) => fieldIssue(i, input)),
  };
}

/** One schema issue as parameters (FieldIssue); `input`, when given, tells a missing field apart. */
export function fieldIssue(issue: z.core.$ZodIssue, input?: unknown): FieldIssue {
  const field = formatPath(issue.path);
  const missing =
    input !== undefined &&
    issue.path.length > 0 &&
    issue.code !== "custom" &&
    valueAt(input, issue.path) === undefined;
  if (missing) return { field, rule: "required" };
  switch (issue.code) {
    case "invalid_type":
      return { field, rule: issue.code, expected: issue.expected };
    case "too_small": {
      // "more than 0" (positive) is not "at least 0"; a limit counts characters, items or a unit.
      const size = { ...sizeOf(issue.origin), ...unitOf(issue.path) };
      if (issue.inclusive === false)
        return { field, rule: issue.code, above: Number(issue.minimum), ...size };
      return { field, rule: issue.code, minimum: Number(issue.minimum), ...size };
    }
    case "too_big": {
      const size = { ...sizeOf(issue.origin), ...unitOf(issue.path) };
      if (issue.inclusive === false)
        return { field, rule: issue.code, below: Number(issue.maximum), ...size };
      return { field, rule: issue.code, maximum: Number(issue.maximum), ...size };
    }
    case "invalid_value":
      return { field, rule: issue.code, values: issue.values.map(String).join(", ") };
    case "unrecognized_keys":
      return { field, rule: issue.code, keys: issue.keys.join(", ") };
    case "custom":
      return { field, rule: issue.code, ...plainParams(issue.params) };
    default:
      return { field, rule: issue.code };
  }
}

/** What a length limit counts: characters of a text, items of a list (a number's limit counts itself). */
function sizeOf(origin: string): { of?: "characters" | "items" } {
  if (origin === "string") return { of: "characters" };
  if (origin === "array" || origin === "set") return { of: "items" };
  return {};
}

/** The unit of a number field, by its name, wherever it stands in a document (README: scenarios). */
const FIELD_UNITS: Record<string, "seconds" | "ticks" | "coins" | "points"> = {
  duration: "seconds",
  at: "seconds",
  rampUp: "seconds",
  thinkTime: "seconds",
  latency: "ticks",
  budget: "coins",
  margin: "points",
};

function unitOf(path: readonly PropertyKey[]): { unit?: string } {
  const name = path.at(-1);
  const unit = typeof name === "string" ? FIELD_UNITS[name] : undefined;
  return unit ? { unit } : {};
}

/** A custom check's parameters (its `rule` and subject) that can cross the wire: texts and numbers. */
function plainParams(params: Record<string, unknown> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {}))
    if (k !== "field" && (typeof v === "string" || typeof v === "number")) out[k] = v;
  return out;
}

/**
 * A map that fits neither kind fails as a whole ("must be a generated map or an explicit map"), which
 * names no field when one number is missing or mistyped. A map with a `shape` means to be generated,
 * any other object explicit: report that kind's own field errors instead.
 */
function mapBranchIssues(issues: readonly z.core.$ZodIssue[], input: unknown): z.core.$ZodIssue[] {
  return issues.flatMap((i) => {
    if (i.code !== "invalid_union" || formatPath(i.path) !== "map") return [i];
    const map = valueAt(input, i.path);
    if (typeof map !== "object" || map === null || Array.isArray(map)) return [i];
    const inner = i.errors["shape" in map ? 0 : 1];
    if (!inner?.length) return [i];
    return inner.map((e) => ({ ...e, path: [...i.path, ...e.path] }));
  });
}

/** The value at a field path of the raw input, or undefined when it is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path)
    v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function readableMessage(issue: z.core.$ZodIssue, input: unknown): string {
  // A missing field reads "is required" whatever its type (an enum's own message lists the choices).
  if (issue.path.length > 0 && issue.code !== "custom" && valueAt(input, issue.path) === undefined)
    return "is required";
  if (issue.code === "invalid_type") {
    if (/received undefined$/.test(issue.message)) return "is required";
    const article = /^[aeiou]/.test(issue.expected) ? "an" : "a";
    return `must be ${article} ${issue.expected}`;
  }
  if (issue.code === "unrecognized_keys")
    return `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return issue.message;
}
