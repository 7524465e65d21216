/** Scenario files in the browser: pick one to import, download the draft to export it. */
import type { Scenario } from "../../../../shared/index";
import { downloadBlob } from "../dom";
import { type FileRead, fileNameOf, MAX_FILE_BYTES, readScenarioText } from "./scenario-file";

export async function readScenarioFile(file: File): Promise<FileRead> {
  if (file.size > MAX_FILE_BYTES)
    return { ok: false, message: `"${file.name}" is too big for a scenario file (over 512 KB).`, errors: [] };
  return readScenarioText(await file.text(), file.name);
}

export function exportScenario(s: Scenario): void {
  downloadBlob(new Blob([`${JSON.stringify(s, null, 2)}\n`], { type: "application/json" }), fileNameOf(s));
}
