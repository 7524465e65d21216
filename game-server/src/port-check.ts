/**
 * Checks, before anything else starts, that the server will be able to listen: a second `npm start`
 * on a port in use would otherwise open and migrate the database first and fail tens of seconds
 * later with a stack trace. The port is bound for a moment exactly as the server binds it, then
 * freed. (Another program can still take it in between; the server's own listen then fails.)
 */
import { createServer } from "node:net";

/** Ports below this need privileges (root, or CAP_NET_BIND_SERVICE) on Unix. */
const FIRST_UNPRIVILEGED_PORT = 1024;

/** Resolves when `port` on `host` (every address when undefined) is free; else one sentence naming PORT or HOST. */
export async function assertPortFree(port: number, host: string | undefined): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (e: NodeJS.ErrnoException) => reject(explain(e, port, host)));
    probe.listen({ port, host }, () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

function explain(e: NodeJS.ErrnoException, port: number, host: string | undefined): Error {
  switch (e.code) {
    case "EADDRINUSE":
      return new Error(
        `PORT ${port} is in use (another Hub & Swarm, or another program): stop it, or set PORT to another port.`,
      );
    case "EACCES":
      return new Error(
        port < FIRST_UNPRIVILEGED_PORT
          ? `PORT ${port} needs administrator privileges: set PORT to a port above ${FIRST_UNPRIVILEGED_PORT} (and let a proxy serve port ${port}).`
          : `PORT ${port} may not be used by this user: set PORT to another port.`,
      );
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new Error(
        `HOST "${host}" is not an address of this machine: set HOST to one of its addresses, or leave it unset to listen on all.`,
      );
    default:
      return new Error(
        `cannot listen on PORT ${port}${host ? ` at HOST "${host}"` : ""} (${e.message}): set PORT to another port.`,
      );
  }
}
