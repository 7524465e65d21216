/** Log lines with a time stamp; quiet in tests unless LOG_LEVEL asks for more. */
const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? "error" : "info");
const order = ["debug", "info", "warn", "error"];
const on = (l: string) => order.indexOf(l) >= order.indexOf(level);
const stamp = () => new Date().toISOString();

export const log = {
  info: (msg: string) => on("info") && console.log(`${stamp()} ${msg}`),
  warn: (msg: string) => on("warn") && console.warn(`${stamp()} warn: ${msg}`),
  error: (msg: string) => on("error") && console.error(`${stamp()} error: ${msg}`),
};
