/** What the headless commands (`npm run sim`, `npm run lessons`) share: how a bad argument ends them. */

/** A bad or missing argument: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

/** Runs a command's body; a UsageError ends it with the message, the usage and exit code 2. */
export function runCli(usage: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message ? `error: ${e.message}\n` : ""}${usage}\n`);
    process.exit(2);
  }
}
