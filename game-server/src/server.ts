/**
 * The game server: one HTTP server on one port serves the client's files, the HTTP API and the
 * Colyseus websocket endpoint.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { openStore, type Store } from "./db/store";
import { handleApi } from "./http/api";
import { staticHandler } from "./http/static";
import { log } from "./log";
import { ClassroomRoom } from "./rooms/ClassroomRoom";
import { SoloRoom } from "./rooms/SoloRoom";
import { warmParCache } from "./rooms/scenarios";
import { setServices } from "./services";

export interface ServerOptions {
  port: number;
  host?: string;
  /** Folder of the built client. */
  clientDir: string;
  /** A PostgreSQL URL, or the embedded database's folder ("memory://" for none on disk). */
  database: { url?: string | undefined; dataDir?: string };
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

/** Largest websocket message a client may send, in bytes (an intent is well under 1 KB). */
export const MAX_MESSAGE_BYTES = 4 * 1024;

/** A full state (about 40 nodes with their links) for a joining client, and the district's 400, fit. */
Encoder.BUFFER_SIZE = 256 * 1024;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const store = await openStore(options.database);
  setServices({ store });
  warmParCache();
  const serveStatic = staticHandler(options.clientDir);
  const http = createServer((req, res) => {
    handleApi(req, res)
      .then((handled) => (handled ? undefined : serveStatic(req, res)))
      .catch((e) => {
        log.error(`http ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: http, maxPayload: MAX_MESSAGE_BYTES }),
    greet: false,
    gracefullyShutdown: false, // main.ts handles signals
  });
  gameServer.define("classroom", ClassroomRoom);
  gameServer.define("solo", SoloRoom);
  await gameServer.listen(options.port, options.host);
  const port = (http.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "localhost"}:${port}`;
  return {
    url,
    port,
    store,
    close: async () => {
      await gameServer.gracefullyShutdown(false);
      await store.close();
      setServices(null);
    },
  };
}
