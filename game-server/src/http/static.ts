/**
 * Serves the built client (game-client/dist) with the right content types; index.html for the rest.
 * Only files inside that folder, and only the kinds of file a browser needs (TYPES), are served: a
 * README, a source map or a dotfile that ends up in the folder answers 404.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { logRefusal, requestUrl, tryDecode } from "./respond";

/** The allow-list: a file whose extension is not here is never served. */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".wav": "audio/wav",
  ".ico": "image/x-icon",
};

const FALLBACK_PAGE = `<!doctype html><meta charset="utf-8"><title>Hub & Swarm</title>
<h1>Hub &amp; Swarm</h1><p>The game server is running. The browser client has not been built:
run <code>npm run build</code>, or <code>npm start</code> which builds it first.</p>`;

/** Whether `file` lies inside `base` (not `base` itself, not a sibling like dist-old, not above). */
function inside(base: string, file: string): boolean {
  const rel = relative(base, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/** Whether a file may be served: a known type, and no hidden (dot) file or folder on its way. */
function servable(base: string, file: string): boolean {
  const hidden = relative(base, file)
    .split(sep)
    .some((part) => part.startsWith("."));
  return TYPES[extname(file)] !== undefined && !hidden;
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, reason: string): void {
  logRefusal(req, status, reason);
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(status === 404 ? "not found" : reason);
}

/** The file a request path names, or why it names none. */
type Target = { file: string } | { status: 400; reason: string };

function target(base: string, req: IncomingMessage): Target {
  const url = requestUrl(req);
  const path = url ? tryDecode(url.pathname) : null;
  if (path === null) return { status: 400, reason: "bad request: not a path, or a broken %-escape" };
  const file = resolve(base, `.${path}`);
  if (file !== base && !inside(base, file)) return { status: 400, reason: "bad request: outside the client" };
  return { file };
}

export function staticHandler(root: string) {
  const base = resolve(root);
  const assets = join(base, "assets");
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      logRefusal(req, 405, "only GET and HEAD");
      res.writeHead(405, { allow: "GET, HEAD" });
      res.end();
      return;
    }
    const found = target(base, req);
    if ("status" in found) return refuse(req, res, found.status, found.reason);
    let file = found.file;
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, "index.html");
      info = await stat(file).catch(() => null);
    }
    if (!info && (found.file === base || !extname(found.file))) {
      file = join(base, "index.html"); // client-side routes
      info = await stat(file).catch(() => null);
      if (!info) {
        res.writeHead(200, { "content-type": TYPES[".html"]! });
        res.end(FALLBACK_PAGE);
        return;
      }
    }
    if (!info?.isFile() || !servable(base, file)) return refuse(req, res, 404, "not found");
    res.writeHead(200, {
      "content-type": TYPES[extname(file)]!,
      "content-length": info.size,
      // Vite puts a content hash in every name under assets/: those never change.
      "cache-control": inside(assets, file) ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  };
}
