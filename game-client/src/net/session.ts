/**
 * The connection to the game server: the only code that imports colyseus.js. Scenes read
 * `session.state` and subscribe to events; they never touch the SDK.
 */
import { Client, ErrorCode, getStateCallbacks, type Room } from "colyseus.js";
import type { Banner, JoinCheck, MatchView, PrivateView } from "../../../shared/index";
import {
  C2S,
  type Crossing,
  type HostAction,
  type MatchResult,
  type NodeIntent,
  S2C,
  unpackTransits,
} from "../../../shared/index";
import { closeWords, errorWords, joinErrorWords, roomErrorWords, type ServerError } from "./error-words";
import { keepHostKey, readHostKey } from "./teacher-keys";

export type Role = "host" | "student" | "solo";

export type { ServerError } from "./error-words";

type Events = {
  transits: (team: string, crossings: Crossing[]) => void;
  banner: (m: Banner) => void;
  error: (e: ServerError) => void;
  ok: (m: { type: string }) => void;
  results: (r: MatchResult) => void;
  you: (v: PrivateView) => void;
  connection: (status: "reconnecting" | "reconnected" | "lost" | "room-error", message: string) => void;
  patch: () => void;
};

/** How long to keep trying to get back after a drop (the server keeps the seat 60 s). */
const RECONNECT_WINDOW_MS = 60_000;
const PING_EVERY_MS = 2000;
/** How long a refused reconnection is still retried (the server may not have noticed the drop yet). */
const RECONNECT_GRACE_MS = 5000;

export class Session {
  readonly client: Client;
  room: Room<MatchView> | null = null;
  role: Role = "student";
  code = "";
  /** The host key of a class this browser created, kept for this tab only. */
  hostKey = "";
  lastResults: MatchResult | null = null;
  /** The level being played in this solo room, if it is one (the sandbox has none). */
  level: { id: string; pick?: "hub" | "swarm" } | null = null;
  you: PrivateView | null = null;
  /** Network facts for the "behind the scenes" panel. */
  stats = { rttMs: 0, bytesPerSecond: 0, clients: 0, serverTick: 0 };
  private listeners: { [K in keyof Events]?: Events[K][] } = {};
  private bytes = 0;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private leaving = false;
  private synced = false;

  constructor(readonly baseUrl = window.location.origin) {
    this.client = new Client(baseUrl);
  }

  on<K extends keyof Events>(event: K, fn: Events[K]): () => void {
    if (!this.listeners[event]) this.listeners[event] = [];
    const list = this.listeners[event] as Events[K][];
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }

  private emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    for (const fn of this.listeners[event] ?? []) (fn as (...a: Parameters<Events[K]>) => void)(...args);
  }

  /** The synced state, or null until the first full state has arrived. */
  get state(): MatchView | null {
    return this.synced ? ((this.room?.state as MatchView | undefined) ?? null) : null;
  }

  get sessionId(): string {
    return this.room?.sessionId ?? "";
  }

  /**
   * Creates a class through the HTTP API and joins it as its host. `scenario` is a built-in id or a
   * saved scenario's share code. The teacher's key from earlier classes is sent along, so every class
   * of this browser's teacher is kept under one key; the key the server answers with is the one kept.
   */
  async hostClass(scenario: string, mode: "versus" | "coop", duration?: number): Promise<void> {
    const teacherKey = readHostKey();
    const res = await fetch(`${this.baseUrl}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        scenario,
        mode,
        ...(duration ? { duration } : {}),
        ...(teacherKey ? { hostKey: teacherKey } : {}),
      }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      code?: string;
      hostKey?: string;
      error?: string;
      refusal?: unknown;
    };
    // Why not, in words made here from the refusal's code (the server's words for anything else).
    if (!res.ok || !body.code || !body.hostKey)
      throw new Error(
        errorWords({ refusal: body.refusal, message: body.error ?? "The class could not be created." })
          .message,
      );
    keepHostKey(body.hostKey);
    this.hostKey = body.hostKey;
    sessionStorage.setItem(`hostKey:${body.code}`, body.hostKey);
    this.role = "host";
    await this.attach(await this.client.joinById<MatchView>(body.code, { hostKey: body.hostKey }));
  }

  /** Joins a class by its code; a wrong code or a taken nickname comes back as a readable error. */
  async joinClass(rawCode: string, nickname: string): Promise<void> {
    const code = rawCode.trim().toUpperCase();
    const answer = await fetch(`${this.baseUrl}/api/join/${encodeURIComponent(code)}`);
    const check = (await answer.json()) as JoinCheck;
    if (!check.ok) throw new Error(errorWords({ refusal: check.refusal, message: check.error }).message);
    const hostKey = sessionStorage.getItem(`hostKey:${code}`);
    this.role = hostKey ? "host" : "student";
    try {
      await this.attach(await this.client.joinById<MatchView>(code, hostKey ? { hostKey } : { nickname }));
    } catch (e) {
      throw new Error(joinErrorWords(e));
    }
  }

  async playSolo(options: {
    scenario: string;
    topology?: "hub" | "swarm";
    node?: string;
    nickname?: string;
    duration?: number;
  }): Promise<void> {
    this.role = "solo";
    try {
      await this.attach(await this.client.create<MatchView>("solo", options));
    } catch (e) {
      throw new Error(joinErrorWords(e));
    }
  }

  /** A level of the ladder: the server looks it up; only the architecture may be picked, if it asks. */
  async playLevel(id: string, pick?: "hub" | "swarm", nickname?: string): Promise<void> {
    this.role = "solo";
    try {
      const options = { level: id, ...(pick ? { topology: pick } : {}), ...(nickname ? { nickname } : {}) };
      await this.attach(await this.client.create<MatchView>("solo", options));
      this.level = { id, ...(pick ? { pick } : {}) };
    } catch (e) {
      throw new Error(joinErrorWords(e));
    }
  }

  sendIntent(intent: NodeIntent): void {
    this.room?.send(C2S.intent, intent);
  }

  sendHost(action: HostAction): void {
    this.room?.send(C2S.host, action);
  }

  async leave(): Promise<void> {
    this.leaving = true;
    this.synced = false;
    this.stopPing();
    const room = this.room;
    this.room = null;
    if (room) await room.leave().catch(() => {});
  }

  private async attach(room: Room<MatchView>): Promise<void> {
    this.synced = false;
    this.room = room;
    this.leaving = false;
    this.lastResults = null; // a new room has no results yet: never show the last round's
    this.level = null; // set again by playLevel once the level's room is joined
    this.code = room.roomId;
    sessionStorage.setItem("reconnection", room.reconnectionToken);
    this.wire(room);
    this.startPing();
  }

  private wire(room: Room<MatchView>): void {
    room.onMessage(S2C.banner, (m) => this.emit("banner", m));
    room.onMessage(S2C.error, (e: Record<string, unknown>) => this.emit("error", errorWords(e)));
    room.onMessage(S2C.ok, (m) => this.emit("ok", m));
    room.onMessage(S2C.you, (v: PrivateView) => {
      this.you = v;
      this.emit("you", v);
    });
    room.onMessage(S2C.results, (r: MatchResult) => {
      this.lastResults = r;
      this.emit("results", r);
    });
    room.onMessage(S2C.pong, (m: { t: number; tick: number; clients: number }) => {
      this.stats.rttMs = Math.round(performance.now() - m.t);
      this.stats.clients = m.clients;
    });
    room.onMessage(S2C.roomError, (m: { code?: string }) =>
      this.emit("connection", "room-error", roomErrorWords(m)),
    );
    room.onStateChange(() => {
      this.synced = true;
      this.stats.serverTick = room.state.tick;
      this.emit("patch");
    });
    const $ = getStateCallbacks(room);
    // biome-ignore lint/suspicious/noExplicitAny: the callback proxy's types do not follow MapSchema values
    $(room.state as any).teams.onAdd((team: any, key: string) => {
      $(team).listen("transits", (value: string) => {
        if (value) this.emit("transits", key, unpackTransits(value));
      });
    });
    room.onLeave((code) => {
      if (this.leaving) return;
      // A close on purpose (kicked, a restart, the class closed) has words; anything else is a drop.
      const words = closeWords(code);
      if (words) return this.lose(words);
      void this.reconnect();
    });
    this.countBytes(room);
  }

  private lose(message: string): void {
    this.room = null;
    this.synced = false;
    this.stopPing();
    this.emit("connection", "lost", message);
  }

  /** After a drop: try the reconnection token until the server's 60 s window closes. */
  private async reconnect(): Promise<void> {
    const token = this.room?.reconnectionToken ?? sessionStorage.getItem("reconnection") ?? "";
    this.emit("connection", "reconnecting", "Connection lost — reconnecting…");
    const started = Date.now();
    const deadline = started + RECONNECT_WINDOW_MS;
    while (Date.now() < deadline && !this.leaving) {
      try {
        const room = await this.client.reconnect<MatchView>(token);
        this.synced = false;
        this.room = room;
        sessionStorage.setItem("reconnection", room.reconnectionToken);
        this.wire(room);
        this.emit("connection", "reconnected", "Reconnected: you are back on your node.");
        return;
      } catch (e) {
        // A server that answers that the class is gone (it restarted, or the class closed) is final.
        if (classGone(e))
          return this.lose(
            "Your class has ended: its server was restarted. Your teacher can start a new one.",
          );
        // Right after a drop the server may not have opened the seat for us yet: keep trying for a
        // few seconds; after that, a refused token means the seat is really gone.
        const settled = Date.now() - started > RECONNECT_GRACE_MS;
        if (settled && codeOf(e) === ErrorCode.MATCHMAKE_EXPIRED) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    this.lose("Your class can no longer be reached: its server stopped. Back to the menu.");
  }

  private countBytes(room: Room<MatchView>): void {
    // biome-ignore lint/suspicious/noExplicitAny: the transport's websocket is not in the SDK's types
    const ws = (room.connection as any)?.transport?.ws as WebSocket | undefined;
    ws?.addEventListener("message", (ev: MessageEvent) => {
      const d = ev.data as ArrayBuffer | Blob | string;
      this.bytes += typeof d === "string" ? d.length : "byteLength" in d ? d.byteLength : d.size;
    });
  }

  private startPing(): void {
    this.stopPing();
    let last = performance.now();
    this.pingTimer = setInterval(() => {
      const now = performance.now();
      this.stats.bytesPerSecond = Math.round((this.bytes * 1000) / (now - last));
      this.bytes = 0;
      last = now;
      this.room?.send(C2S.ping, { t: now });
    }, PING_EVERY_MS);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}

/** The server says the class's room no longer exists: it closed, or its server restarted without it. */
function classGone(e: unknown): boolean {
  // Colyseus answers a reconnection to a room that is no more with this code ("has been disposed").
  return codeOf(e) === ErrorCode.MATCHMAKE_INVALID_ROOM_ID;
}

/** The matchmaker's error code of a failed reconnection (colyseus.js's ServerError), if any. */
function codeOf(e: unknown): number | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}
