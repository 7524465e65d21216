/** What the edge is told at start: whom to let in, whom to believe about addresses, how far to scale limits. */
import type { ProxyTrust } from "./addresses";

export interface GuardOptions {
  /** Pages from other origins allowed to call the API and open websockets (the dev server, a CDN). */
  allowedOrigins: readonly string[];
  /** Which proxies may tell us a client's address (TRUST_PROXY; see edge/addresses.ts). */
  trustProxy: ProxyTrust;
  /**
   * Multiplies every per-address limit. 1 in production; load benchmarks, which play thousands of
   * students from one address, raise it.
   */
  limitScale: number;
}
