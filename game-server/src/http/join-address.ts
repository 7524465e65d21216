/**
 * The address students type to reach the game. The teacher's browser may have opened the game as
 * `localhost`, which no student's Chromebook can reach: the server itself knows where it listens.
 * PUBLIC_URL wins when set (behind a proxy, a school's own name); otherwise the machine's first
 * address on the local network, with the port.
 */
import { networkInterfaces } from "node:os";

/** The first IPv4 address of this machine that another machine on the network can reach. */
export function lanAddress(interfaces = networkInterfaces()): string | null {
  const candidates: string[] = [];
  for (const list of Object.values(interfaces))
    for (const i of list ?? []) if (i.family === "IPv4" && !i.internal) candidates.push(i.address);
  // Private ranges first (a school's LAN), then anything else that is not link-local.
  const rank = (a: string) =>
    /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a) ? 0 : a.startsWith("169.254.") ? 2 : 1;
  return candidates.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** Where students join: PUBLIC_URL, or http://<LAN address>:<port>; null when there is no network. */
export function joinAddress(port: number, publicUrl?: string, lan = lanAddress()): string | null {
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  if (!lan) return null;
  return port === 80 ? `http://${lan}` : `http://${lan}:${port}`;
}
