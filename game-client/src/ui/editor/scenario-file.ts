/**
 * Scenario files: the draft as a JSON document and back. A file is read through the shared
 * parseScenario, like anything else from outside; a broken one is explained and changes nothing.
 */
import { issueWords, parseScenario, type Scenario } from "../../../../shared/index";

/** Largest scenario file read, in bytes (the biggest valid document is far smaller). */
export const MAX_FILE_BYTES = 512 * 1024;

export type FileRead = { ok: true; scenario: Scenario } | { ok: false; message: string; errors: string[] };

/** Checks a file's text: JSON first, then the scenario's rules. */
export function readScenarioText(text: string, fileName: string): FileRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      message: `"${fileName}" is not a JSON file, so nothing was changed (${why}).`,
      errors: [],
    };
  }
  const r = parseScenario(data);
  if (!r.ok)
    return {
      ok: false,
      message: `"${fileName}" is not a valid scenario, so nothing was changed:`,
      errors: r.issues.map((i) => `${i.field}: ${issueWords(i)}`),
    };
  return { ok: true, scenario: r.value };
}

/** A file name from the scenario's name: "Server crash" → "server-crash.json". */
export function fileNameOf(s: Scenario): string {
  const slug = s.name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "scenario"}.json`;
}
