/**
 * Scenarios over HTTP: the built-in list, reading one by id or share code, saving (which hands out
 * the edit key, once), updating with the edit key, and the editor's preview.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  BUILT_IN_SCENARIOS,
  parseScenario,
  previewRequestSchema,
  refusal,
  type SavedScenario,
  type Scenario,
  type ScenarioListEntry,
  saveScenarioSchema,
  secretSchema,
  shareCodeSchema,
} from "../../../shared/index";
import { previewScenario } from "../app/headless";
import { findBuiltIn } from "../app/scenarios";
import { services } from "../app/services";
import { Refused, readBody, readHeader, sendJson } from "./respond";

export function listScenarios(res: ServerResponse): void {
  const scenarios: ScenarioListEntry[] = Object.entries(BUILT_IN_SCENARIOS).map(([id, s]) => ({
    id,
    name: s.name,
    description: s.description,
    duration: s.duration,
  }));
  sendJson(res, 200, { scenarios });
}

/** A scenario document from a body, or a 400 listing every field that is wrong. */
function validScenario(raw: unknown): Scenario {
  const parsed = parseScenario(raw);
  if (!parsed.ok) {
    const { errors, issues } = parsed;
    const error = `the scenario is not valid: ${errors[0]}`;
    throw new Refused(400, refusal("scenario-not-valid", issues[0]), { error, errors, issues });
  }
  return parsed.value;
}

/** The `id` parameters below are path segments, already decoded by handleApi. */
function shareCode(id: string): string {
  const code = shareCodeSchema.safeParse(id);
  if (!code.success) throw new Refused(400, refusal("bad-scenario-code"));
  return code.data;
}

export async function getScenario(id: string, res: ServerResponse): Promise<void> {
  const builtIn = findBuiltIn(id);
  if (builtIn) {
    const answer: SavedScenario = { id, builtIn: true, scenario: builtIn };
    return sendJson(res, 200, answer);
  }
  const saved = await services().store.scenarios.get(shareCode(id));
  if (!saved) throw new Refused(404, refusal("no-saved-scenario", { code: shareCode(id) }));
  sendJson(res, 200, saved);
}

export async function saveScenario(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, saveScenarioSchema);
  const saved = await services().store.scenarios.create(validScenario(body.scenario));
  sendJson(res, 201, saved);
}

export async function updateScenario(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const code = shareCode(id);
  const editKey = readHeader(req, "x-edit-key", secretSchema, 401, refusal("edit-key-needed"));
  const body = await readBody(req, saveScenarioSchema);
  const outcome = await services().store.scenarios.update(code, editKey, validScenario(body.scenario));
  if (!outcome.ok && outcome.reason === "not-found")
    throw new Refused(404, refusal("no-saved-scenario", { code }));
  if (!outcome.ok) throw new Refused(403, refusal("wrong-edit-key"));
  sendJson(res, 200, outcome.saved);
}

/** One preview at a time per process: each is a few seconds of simulation, sliced but not free. */
let previewRunning = false;

export async function preview(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, previewRequestSchema);
  const scenario = validScenario(body.scenario);
  if (previewRunning) throw new Refused(503, refusal("preview-busy"));
  previewRunning = true;
  try {
    sendJson(res, 200, await previewScenario(scenario));
  } finally {
    previewRunning = false;
  }
}
