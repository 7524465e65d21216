/** Serves the built client (game-client/dist) with the right content types; index.html for the rest. */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

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
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Hub &amp; Swarm</h1><p>The game server is running. The browser client has not been built:
run <code>npm run build</code>, or <code>npm start</code> which builds it first.</p></body>`;

export function staticHandler(root: string) {
  const base = resolve(root);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      res.end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      res.writeHead(400);
      res.end();
      return;
    }
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, "index.html");
      info = await stat(file).catch(() => null);
    }
    if (!info && !extname(path)) {
      file = join(base, "index.html"); // client-side routes
      info = await stat(file).catch(() => null);
    }
    if (!info) {
      if (path === "/" || !extname(path)) {
        res.writeHead(200, { "content-type": TYPES[".html"]! });
        res.end(FALLBACK_PAGE);
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      }
      return;
    }
    const immutable = file.includes(`${join(base, "assets")}`);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  };
}
