/**
 * A teacher's results history, by host key: the list of past matches, one match in full, and CSV
 * files per player and per team. Another host key sees nothing (404, not 403: no hint it exists).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { refusal, secretSchema } from "../../../shared/index";
import { services } from "../app/services";
import { toCsv } from "../db/csv";
import { Refused, readBody, readHeader, sendCsv, sendJson } from "./respond";

const matchIdPattern = /^[A-Za-z0-9_-]{12}$/;

function hostKey(req: IncomingMessage): string {
  return readHeader(req, "x-host-key", secretSchema, 401, refusal("host-key-needed"));
}

const shareSchema = z.object({ shared: z.boolean({ message: "must be true or false" }) }).strict();

/**
 * PUT /api/history/:id/share: the teacher shares one match (anyone with its link may watch it again,
 * players numbered instead of named) or stops sharing it. Only the match's own host key can.
 */
export async function shareMatch(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const key = hostKey(req);
  const [id, file, ...rest] = path.split("/").filter(Boolean);
  if (id === undefined || !matchIdPattern.test(id) || file !== "share" || rest.length)
    throw new Refused(404, refusal("no-match-in-history"));
  const { shared } = await readBody(req, shareSchema);
  if (!(await services().store.matches.share(key, id, shared)))
    throw new Refused(404, refusal("no-match-in-history"));
  sendJson(res, 200, { shared });
}

/**
 * GET /api/watch/:id: a shared match, for anyone with its link. A match that does not exist and one
 * that is not shared get the same answer, so a link tells nothing about matches it does not open.
 */
export async function watchMatch(id: string, res: ServerResponse): Promise<void> {
  const match = matchIdPattern.test(id) ? await services().store.matches.watch(id) : null;
  if (!match) throw new Refused(404, refusal("no-shared-match"));
  sendJson(res, 200, match);
}

/** Routes /api/history, /api/history/:id, /api/history/:id/players.csv and /teams.csv. */
export async function history(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const key = hostKey(req);
  const matches = services().store.matches;
  const [id, file, ...rest] = path.split("/").filter(Boolean);
  if (id === undefined) return sendJson(res, 200, { matches: await matches.list(key) });
  if (!matchIdPattern.test(id) || rest.length) throw new Refused(404, refusal("no-match-in-history"));
  const missing = () => new Refused(404, refusal("no-match-in-history"));
  if (file === undefined) {
    const match = await matches.get(key, id);
    if (!match) throw missing();
    return sendJson(res, 200, match);
  }
  if (file === "players.csv") {
    const rows = await matches.players(key, id);
    if (!rows) throw missing();
    return sendCsv(
      res,
      `players-${id}.csv`,
      toCsv(
        ["nickname", "team", "role", "node", "points", "packets_forwarded", "chunks_served"],
        rows.map((r) => [
          r.nickname ?? "(bot)",
          r.team,
          r.role,
          r.node,
          r.points,
          r.forwarded,
          r.chunks_served,
        ]),
      ),
    );
  }
  if (file === "teams.csv") {
    const rows = await matches.teams(key, id);
    if (!rows) throw missing();
    return sendCsv(
      res,
      `teams-${id}.csv`,
      toCsv(
        [
          "team",
          "name",
          "speed",
          "cost",
          "survival",
          "total",
          "items_completed",
          "coins_spent",
          "autopilot_total",
          "against_autopilot_percent",
        ],
        rows.map((r) => [
          r.team,
          r.name,
          r.speed,
          r.cost,
          r.survival,
          r.total,
          r.items_completed,
          r.coins_spent,
          r.autopilot_total,
          r.against_autopilot,
        ]),
      ),
    );
  }
  throw new Refused(404, refusal("no-file", { file: String(file) }));
}
