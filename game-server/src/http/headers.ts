/**
 * Security headers on every answer the game serves: pages, API answers and errors. They are set
 * before any handler runs, so a handler's own writeHead adds to them and cannot forget them.
 */
import type { ServerResponse } from "node:http";

/**
 * The Content Security Policy of the built client. Each source is there because a screen needs it;
 * everything else falls back to default-src 'self' (this server) or is refused.
 */
const CSP = [
  // Anything not named below: only this server.
  "default-src 'self'",
  // Scripts only from the built bundle: no inline scripts, no eval, so injected markup cannot run code.
  // (msgpackr, inside colyseus.js, and zod try eval once to speed up decoding; refused, they do without.)
  "script-src 'self'",
  // Style sheets only from the bundle (style.css); no <style> elements.
  "style-src 'self'",
  // style="" attributes: the DOM UI sets a few (bar widths, team colours, card widths) through
  // setAttribute, and Phaser's iOS viewport ruler does too. Attributes cannot run script or select
  // other elements, and any url() in them is still bound by img-src.
  "style-src-attr 'unsafe-inline'",
  // Phaser's built-in textures are data: PNGs; it loads the SVG icons through blob: URLs. No sound or
  // fonts are loaded and no workers are started, so media, fonts and workers stay on default-src.
  "img-src 'self' data: blob:",
  // The API on this origin; websockets to this process or, in a cluster, to the process holding the
  // class (PUBLIC_ADDRESS, another host or port), so any ws:/wss: address.
  "connect-src 'self' ws: wss:",
  // No plugins, no <base> rewriting relative URLs, no framing (clickjacking), forms post only here.
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CSP,
  // Browsers must use the content type we send: a JSON answer or a file is never run as a script or page.
  "x-content-type-options": "nosniff",
  // Join links carry the class code in the query: other sites never see the page's address.
  "referrer-policy": "no-referrer",
  // frame-ancestors for browsers that predate it: the game is never shown inside another site's frame.
  "x-frame-options": "DENY",
  // A page from another site that opens the game gets no handle on its window, and vice versa.
  "cross-origin-opener-policy": "same-origin",
};

/** Sets every security header on an answer that has not been started yet. */
export function setSecurityHeaders(res: ServerResponse): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
