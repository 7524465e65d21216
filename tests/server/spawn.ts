/**
 * Starts the game server as its own process (`npm start` without the client build: the compiled
 * server, which tests/global-setup.ts compiles once per run), for tests that kill it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed, for assertions and for failing tests' messages. */
  output(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * `env` may use "{port}" in values: PUBLIC_ADDRESS: "127.0.0.1:{port}" gives a process its own address.
 * The port is free when chosen, but another test's server may take it before this one listens: the
 * server then refuses to start, and /health on that port answers for someone else. So a start counts
 * only when /health names this process (with its database open), and a start that lost its port is
 * tried on another.
 */
export async function spawnServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnce(env);
    } catch (e) {
      if (attempt >= 3 || !(e instanceof PortTaken)) throw e;
    }
  }
}

class PortTaken extends Error {}

async function spawnOnce(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const port = await freePort();
  const withPort = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v?.replaceAll("{port}", String(port))]),
  );
  const child = spawn(process.execPath, ["game-server/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SKIP_CLIENT_BUILD: "1",
      WARM_PAR: "0", // par only for what a test plays: a busy machine has no CPU to spare
      LOG_LEVEL: "info",
      VITEST: undefined,
      ...withPort,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code ?? -1)),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      if (/PORT \d+ is in use/.test(out)) throw new PortTaken(out);
      throw new Error(`server exited at start:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      const health = (await res.json()) as { pid?: number; database?: string };
      // Started means its database has opened too (or failed to, for tests of that): opening an
      // embedded one keeps the process busy for seconds, and a test's first requests would wait on it.
      if (res.ok && health.pid === child.pid && health.database !== "opening")
        return { url, port, child, output: () => out, exited };
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start within 40 s:\n${out}`);
}
