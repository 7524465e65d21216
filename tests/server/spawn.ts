/** Starts the game server as its own process (`npm start` without the client build), for tests that kill it. */
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

/** `env` may use "{port}" in values: PUBLIC_ADDRESS: "127.0.0.1:{port}" gives a process its own address. */
export async function spawnServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const port = await freePort();
  const withPort = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v?.replaceAll("{port}", String(port))]),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "game-server/src/main.ts"], {
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
    if (child.exitCode !== null) throw new Error(`server exited at start:\n${out}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, port, child, output: () => out, exited };
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start within 40 s:\n${out}`);
}
