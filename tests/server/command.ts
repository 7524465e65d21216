/**
 * Running a headless command (`npm run sim`, `npm run lessons`) in a test: as a user does, in its own
 * process, or by calling its main in the test's process, with the same arguments, output and exit
 * code, without starting a process and loading the simulation again (a second or two each).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { vi } from "vitest";

const run = promisify(execFile);

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command as a user runs it: `node --import tsx <script> ...args`. */
export async function inOwnProcess(script: string, args: readonly string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: process.cwd(),
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Thrown in place of process.exit, so the command's exit ends its call and not the test's process. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The command's main called here: what it writes to stdout and stderr, and the code it exits with. */
export function inThisProcess(main: (argv: readonly string[]) => void, args: readonly string[]): Ran {
  const out = { stdout: "", stderr: "" };
  const writer = (to: "stdout" | "stderr") => (chunk: string | Uint8Array) => {
    out[to] += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(writer("stdout"));
  vi.spyOn(process.stderr, "write").mockImplementation(writer("stderr"));
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Exit(Number(code ?? 0));
  });
  let code = 0;
  try {
    main(args);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    code = e.code;
  } finally {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  }
  return { code, ...out };
}
