/**
 * Who is asking: the address every per-address limit counts against. It is worked out once, at the
 * edge (an HTTP request or a websocket upgrade, where the socket is known), and written into a header
 * of our own after any copy the client sent is thrown away; rooms read only that header. A client can
 * therefore never choose its address by writing X-Forwarded-For or X-Real-IP, unless the connection
 * comes from a proxy the operator trusts.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/** The header the edge writes; a value arriving from the network under this name is removed first. */
export const ADDRESS_HEADER = "x-hub-swarm-address";

/**
 * Which proxies may tell us a client's address (TRUST_PROXY): `false` none, `true` one on this
 * machine (loopback, as in the nginx example), or a list of the proxies' own addresses.
 */
export type ProxyTrust = boolean | readonly string[];

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Reads TRUST_PROXY: unset or "0" none, "1" a proxy on this machine, else a comma-separated list. */
export function parseProxyTrust(raw: string | undefined): ProxyTrust {
  const value = (raw ?? "").trim();
  if (value === "" || value === "0") return false;
  if (value === "1") return true;
  return value
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
}

/** Whether a connection from `peer` is a proxy we take X-Forwarded-For from. */
export function trustsPeer(trust: ProxyTrust, peer: string | undefined): boolean {
  if (!peer || trust === false) return false;
  if (trust === true) return LOOPBACK.test(peer);
  const bare = peer.replace(/^::ffff:/, "");
  return trust.includes(peer) || trust.includes(bare);
}

/** The last X-Forwarded-For entry: the one the trusted proxy added (anything before it, a client wrote). */
function proxyEntry(headers: IncomingHttpHeaders): string | null {
  const entries = String(headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.at(-1) ?? null;
}

/** The address a request comes from: the socket's, or the trusted proxy's entry for its client. */
export function addressOf(req: IncomingMessage, trust: ProxyTrust): string {
  const peer = req.socket.remoteAddress;
  return (trustsPeer(trust, peer) ? proxyEntry(req.headers) : null) ?? peer ?? "unknown";
}

/**
 * Works out a request's address and writes it into ADDRESS_HEADER, replacing whatever the client sent
 * under that name. Called for every HTTP request and websocket upgrade before anything reads them.
 */
export function stampAddress(req: IncomingMessage, trust: ProxyTrust): string {
  delete req.headers[ADDRESS_HEADER];
  const address = addressOf(req, trust);
  req.headers[ADDRESS_HEADER] = address;
  return address;
}

/**
 * The address behind a room's join (Colyseus hands rooms the upgrade request's headers): only the
 * stamped header counts, never Colyseus's own `ip`, which it takes from headers a client can write.
 */
export function addressOfAuth(context: { headers?: IncomingHttpHeaders }): string {
  const stamped = context.headers?.[ADDRESS_HEADER];
  return typeof stamped === "string" && stamped ? stamped : "unknown";
}
