/**
 * One test per entry of the threat model (game-server/THREATS.md): each tries the attack against a
 * real server with its real limits and sees it refused. The server trusts X-Forwarded-For here, as
 * it does behind the proxy, so each test can come from its own address.
 */
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { services } from "../../game-server/src/app/services";
import { BUDGETS, SOLO_GAMES_PER_ADDRESS } from "../../game-server/src/edge/limits";
import { MESSAGE_BURST } from "../../game-server/src/rooms/MatchRoom";
import { newSecret } from "../../game-server/src/secrets/codes";
import {
  BUILT_IN_SCENARIOS,
  ERROR,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  type MatchResult,
  readRefusalText,
} from "../../shared/index";
import {
  boot,
  CRAFTED_PAYLOADS,
  CRAFTED_TYPES,
  type Harness,
  joinRefusal,
  nextMessage,
  postFrom,
  quiet,
  type RawPlayer,
  rawPlayer,
  seatsOf,
  stateOf,
  twinHash,
  until,
} from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await boot("memory://", 1, { trustProxy: true });
});
afterAll(async () => {
  await h.server.close();
});

let nextAddress = 1;
/** A fresh client address for a test (the server reads it from X-Forwarded-For). */
const address = () => `203.0.113.${nextAddress++}`;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

async function classWith(nickname: string) {
  const made = await h.createClass();
  const c = h.client();
  const host = quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
  const student = quiet(await c.joinById(made.code, { nickname }));
  await until(() => stateOf(host).players.size === 1, 5000, "student seated");
  return { ...made, c, host, student };
}

/**
 * Waits, if need be, until a new minute has begun. Per-address budgets are sliding windows of a minute
 * (game-server/src/edge/limits.ts): tries that straddle a minute's edge count partly in each, and a
 * slow run would get one more try than the budget. A test that counts tries to the budget runs
 * within one minute: it starts with at least 25 s of the minute left (its 63 requests take well under
 * a second alone; this test failed once in a full run on a busy machine, as one that crossed the
 * minute's edge would).
 */
async function inOneMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 25_000) await new Promise((r) => setTimeout(r, left + 50));
}

describe("threats and what stops them", () => {
  it("T1 a student acting as host: host actions and a guessed host key are refused", async () => {
    const { code, c, host, student } = await classWith("Ann");
    const refused = nextMessage<{ code: string }>(student, "error");
    student.send("host", { type: "start" });
    expect((await refused).code).toBe(ERROR.notHost);
    expect((await joinRefusal(c.joinById(code, { hostKey: newSecret() }))).code).toBe("wrong-host-key");
    expect(stateOf(host).phase).toBe("lobby");
  });

  it("T2 a student acting on another's node: the decision is refused and nothing changes", async () => {
    const { host, student } = await classWith("Bob");
    host.send("host", { type: "start" });
    await until(() => stateOf(student).phase === "playing", 10_000, "playing");
    const mine = stateOf(student).players.get(student.sessionId);
    const teams = stateOf(student).teams;
    let other: { team: string; node: string } | null = null;
    teams.forEach((t: { nodes: Map<string, { kind: string }> }, team: string) => {
      for (const [id, n] of t.nodes)
        if (!other && id !== mine.node && n.kind === "router") other = { team, node: id };
    });
    expect(other).not.toBeNull();
    const refused = nextMessage<{ code: string; message: string }>(student, "error");
    student.send("intent", { type: "prioritise", ...other!, kind: "request" });
    const e = await refused;
    expect(e.code).toBe(ERROR.refused);
  });

  it("T3 spoofing a bot, the host or a node by nickname is refused", async () => {
    const made = await h.createClass();
    const c = h.client();
    quiet(await c.joinById(made.code, { hostKey: made.hostKey })); // a class with nobody in it closes
    for (const nickname of ["Bot 2", "autopilot", "Host", "Server 1", "Teacher"])
      expect((await joinRefusal(c.joinById(made.code, { nickname }))).code, nickname).toBe(
        "nickname-reserved",
      );
  });

  it("T4 flooding messages: a client over its rate is told and its messages dropped", async () => {
    const { host, student } = await classWith("Cy");
    host.send("host", { type: "start" });
    await until(() => stateOf(student).phase === "playing", 10_000, "playing");
    const limited = nextMessage<{ code: string }>(
      student,
      "error",
      5000,
      (m) => m.code === ERROR.rateLimited,
    );
    const answered: number[] = [];
    student.onMessage("pong", (m: { t: number }) => answered.push(m.t));
    for (let i = 0; i < 200; i++) student.send("ping", { t: i });
    await limited;
    // A marker after the flood, sent again until the refilling bucket lets one through: replies come
    // in order, so once the marker is answered every answer to the flood has arrived.
    for (let i = 0; i < 30 && !answered.includes(999); i++) {
      student.send("ping", { t: 999 });
      await until(() => answered.includes(999), 200, "the marker's answer").catch(() => undefined);
    }
    expect(answered).toContain(999);
    // The burst (16) and what refilled while the flood went out were answered; the rest were dropped.
    const flood = answered.filter((t) => t < 200);
    expect(flood.length).toBeGreaterThanOrEqual(MESSAGE_BURST);
    expect(flood.length).toBeLessThan(MESSAGE_BURST + 8);
    expect(flood.slice(0, MESSAGE_BURST)).toEqual([...Array(MESSAGE_BURST).keys()]);
  });

  it("T5 flooding new classes, saves and previews from one address gets 429 after the limit", async () => {
    const from = { "x-forwarded-for": address() };
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await post("/api/classes", { scenario: "calm" }, from)).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect((await post("/api/classes", { scenario: "calm" }, from)).json).toMatchObject({
      error: "Too many requests from your network: wait a few minutes.",
      refusal: { code: "too-many-requests", params: {} },
    });
    // Another address (another school) is not affected.
    expect((await post("/api/classes", { scenario: "calm" }, { "x-forwarded-for": address() })).status).toBe(
      201,
    );
    const scenario = { ...BUILT_IN_SCENARIOS.calm!, duration: 20 };
    const previewer = { "x-forwarded-for": address() };
    const previews: number[] = [];
    for (let i = 0; i < 31; i++) previews.push((await post("/api/preview", { scenario }, previewer)).status);
    expect(previews.at(-1)).toBe(429);
    expect(previews.slice(0, 30).every((s) => s === 200)).toBe(true);
  }, 60_000);

  it("T6 offensive nicknames are refused", async () => {
    const made = await h.createClass();
    const c = h.client();
    quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
    for (const nickname of ["fuck", "Sh1t head", "b.i.t.c.h"])
      expect((await joinRefusal(c.joinById(made.code, { nickname }))).code, nickname).toBe(
        "nickname-not-allowed",
      );
  });

  it("T15 impersonation by look-alike names: full-width, Cyrillic, Greek and digit twins are refused", async () => {
    const made = await h.createClass();
    const c = h.client();
    const host = quiet(await c.joinById(made.code, { hostKey: made.hostKey }));
    quiet(await c.joinById(made.code, { nickname: "Dmitri" }));
    quiet(await c.joinById(made.code, { nickname: "Amara" }));
    await until(() => stateOf(host).players.size === 2, 5000, "both seated");
    // Escapes, because on screen each look-alike is indistinguishable from the Latin letter.
    for (const nickname of ["Ｄｍｉｔｒｉ", "\u0410mara" /* Cyrillic А */])
      expect((await joinRefusal(c.joinById(made.code, { nickname }))).code, nickname).toBe("nickname-taken");
    for (const nickname of [
      "H0st",
      "\u041dost", // Cyrillic Н
      "\u0397ost", // Greek Η
      "B\u03bft 1", // Greek ο
    ])
      expect((await joinRefusal(c.joinById(made.code, { nickname }))).code, nickname).toBe(
        "nickname-reserved",
      );
  });

  it("T7 guessing join codes: wrong codes from one address are throttled, even before a right one", async () => {
    const made = await h.createClass();
    await inOneMinute();
    const from = { "x-forwarded-for": address() };
    // 25^5 ≈ 9.8 million codes; a guesser gets 30 wrong tries a minute per address.
    expect(JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH).toBeGreaterThan(9_000_000);
    const answers: string[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await post(
        `/matchmake/joinById/QQQQ${JOIN_CODE_ALPHABET[i % 25]}`,
        { nickname: `Guess ${i}` },
        from,
      );
      answers.push(String(r.json.error ?? r.status));
    }
    const noClass = (a: string) => readRefusalText(a)?.code === "no-class";
    expect(answers.filter(noClass).length).toBe(30);
    expect(answers.slice(30).every((a) => readRefusalText(a)?.code === "too-many-wrong-codes")).toBe(true);
    const right = await post(`/matchmake/joinById/${made.code}`, { nickname: "Lucky" }, from);
    expect(right.status).toBe(429);
    // The join screen's code check counts too.
    const checker = { "x-forwarded-for": address() };
    let last = new Response();
    for (let i = 0; i < 31; i++) last = await fetch(`${h.server.url}/api/join/QQQQQ`, { headers: checker });
    expect(last.status).toBe(429);
    expect(((await last.json()) as { refusal: unknown }).refusal).toEqual({
      code: "too-many-wrong-codes",
      params: {},
    });
    // A class behind another address joins as usual.
    const ok = await post(
      `/matchmake/joinById/${made.code}`,
      { nickname: "Dee" },
      { "x-forwarded-for": address() },
    );
    expect(ok.json.sessionId, `the join's answer: ${JSON.stringify(ok.json)}`).toBeTruthy();
  });

  it("T8 guessing edit keys and host keys: 128-bit keys, wrong ones refused", async () => {
    const saved = await post("/api/scenarios", { scenario: { ...BUILT_IN_SCENARIOS.calm!, name: "Mine" } });
    const { id, editKey } = saved.json as { id: string; editKey: string };
    expect(Buffer.from(editKey, "base64url")).toHaveLength(16);
    const put = await fetch(`${h.server.url}/api/scenarios/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-edit-key": newSecret() },
      body: JSON.stringify({ scenario: { ...BUILT_IN_SCENARIOS.calm!, name: "Stolen" } }),
    });
    expect(put.status).toBe(403);
    const history = await fetch(`${h.server.url}/api/history`, { headers: { "x-host-key": "guess" } });
    expect(history.status).toBe(401);
  });

  it("T9 oversized and malformed messages and bodies are refused", async () => {
    const { host, student } = await classWith("Eve");
    // A websocket message over 4 KB closes that connection only.
    const closed = new Promise<number>((resolve) => student.onLeave(resolve));
    student.send("intent", { type: "x".repeat(5000) });
    expect(await closed).toBe(1009);
    // The host's own change after it: once the host sees it, the room has dealt with what came before.
    const end = stateOf(host).endTick as number;
    host.send("host", { type: "add-time", seconds: 10 });
    await until(() => stateOf(host).endTick === end + 100, 3000, "the host's later change");
    expect(stateOf(host).phase).toBe("lobby");
    // Malformed messages get an error naming the problem.
    const other = quiet(await h.client().joinById(stateOf(host).code, { nickname: "Fay" }));
    const malformed = nextMessage<{ code: string }>(other, "error");
    other.send("intent", { type: "route", team: "hub" });
    expect((await malformed).code).toBe(ERROR.malformed);
    // Bodies: the API caps at 256 KB, matchmaking at 4 KB.
    expect((await post("/api/scenarios", { scenario: "x".repeat(300_000) })).status).toBe(413);
    expect((await post("/matchmake/joinById/ACDEF", { nickname: "x".repeat(5000) })).status).toBe(413);
    expect((await post("/api/classes", "{not json")).status).toBe(400);
  });

  it("T12 crafted message types and payloads: each is answered, the process and other classes run on", async () => {
    // An honest class plays beside the attack; its match must be the match it would have been.
    const honest = await classWith("Ola");
    honest.host.send("host", { type: "start" });
    await until(() => stateOf(honest.student).phase === "playing", 3000, "honest class playing");
    const seats = seatsOf(honest.host);

    const { code } = await classWith("Mal");
    const combos: [string | number, unknown, "json" | "bytes"][] = [];
    for (const type of CRAFTED_TYPES)
      for (const payload of CRAFTED_PAYLOADS) combos.push([type, payload, "json"]);
    for (const type of CRAFTED_TYPES) combos.push([type, null, "bytes"]);
    for (const name of ["intent", "host", "ping"]) combos.push([name, null, "bytes"]);
    let answered = 0;
    // A fresh connection per burst of 12: under the per-connection rate, so every message is handled.
    for (let i = 0; i < combos.length; i += 12) {
      const attacker = await h.client().joinById(code, { nickname: `Mal ${i / 12}` });
      for (const t of ["you", "banner", "pong", "results", "room-error", "ok"])
        attacker.onMessage(t, () => {});
      const batch = combos.slice(i, i + 12);
      let errors = 0;
      attacker.onMessage("error", () => errors++);
      for (const [type, payload, form] of batch) {
        if (form === "bytes") attacker.sendBytes(type, new Uint8Array([0xc1, 0xff, 0x00]));
        else attacker.send(type, payload);
      }
      await until(
        () => errors === batch.length,
        5000,
        `answers to ${JSON.stringify(batch.map((b) => b[0]))}`,
      );
      answered += errors;
      await attacker.leave();
    }
    expect(answered).toBe(combos.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${h.server.url}/health`)).status).toBe(200);

    const results = nextMessage<MatchResult>(honest.student, "results", 10_000);
    honest.host.send("host", { type: "end" });
    const result = await results;
    expect(twinHash("calm", seats, result)).toBe(result.stateHash);
  }, 60_000);

  it("T21 creating a class around the API: the matchmaker makes no classroom, by any path", async () => {
    const big = { ...BUILT_IN_SCENARIOS.calm!, map: { ...BUILT_IN_SCENARIOS.calm!.map, users: 5000 } };
    const body = {
      scenario: big,
      scenarioCode: null,
      mode: "versus",
      hostKey: "chosen-by-caller-0123456789",
    };
    const from = { "x-forwarded-for": address() };
    for (const path of [
      "/matchmake/create/classroom",
      "/matchmake/joinOrCreate/classroom",
      "/matchmake/join/classroom",
      // Colyseus answers any URL that contains /matchmake, wherever it appears.
      "/api/classes/matchmake/create/classroom",
      "/x/matchmake/create/classroom?y",
      "/matchmake/create/classroom/extra",
    ]) {
      const r = await post(path, body, from);
      expect(r.status, path).toBe(403);
      expect(readRefusalText(String(r.json.error))?.code, path).toBe("create-from-host-menu");
    }
    expect((await post("/matchmake/create/classroom", { scenario: {} }, from)).json.error).not.toMatch(
      /Cannot read properties/,
    );
    const rooms = (await (await fetch(`${h.server.url}/health`)).json()) as { rooms: number };
    expect(rooms.rooms).toBeLessThan(50); // nothing was created by the calls above (each would be a room)
    // Methods the game never uses are not answered either, and nothing hangs.
    expect((await post("/matchmake/join/solo", {}, from)).status).toBe(403);
    const put = await fetch(`${h.server.url}/matchmake/create/solo`, { method: "PUT", headers: from });
    expect(put.status).toBe(403);
  });

  it("T22 a class made through the API runs only a valid scenario, whatever reaches the room", async () => {
    const { matchMaker } = await import("@colyseus/core");
    const calm = BUILT_IN_SCENARIOS.calm!;
    const options = (scenario: unknown) => ({
      scenario,
      scenarioCode: null,
      mode: "versus",
      hostKey: newSecret(),
    });
    // Refused as codes in the error's text (a ServerError), like any refused join.
    const refusedWith = async (options: unknown) =>
      readRefusalText(
        await matchMaker.createRoom("classroom", options).then(
          () => "created",
          (e: Error) => e.message,
        ),
      );
    expect(await refusedWith(options({}))).toMatchObject({ code: "scenario-not-valid" });
    expect(await refusedWith(options({ ...calm, map: { ...calm.map, users: 5000 } }))).toEqual({
      code: "scenario-not-valid",
      params: { field: "map.users", rule: "too_big", maximum: 400 },
    });
    expect(await refusedWith({ ...options(calm), hostKey: "short" })).toEqual({
      code: "create-from-host-menu",
      params: {},
    });
  });

  it("T23 solo games: a cap on open games per address, and on new ones", async () => {
    const from = { "x-forwarded-for": address() };
    const players: RawPlayer[] = [];
    let answer = "joined";
    while (answer === "joined" && players.length < 60) {
      const p = await rawPlayer(h.server.url, "create/solo", { level: "ask-and-answer" }, from);
      players.push(p);
      answer = await p.joined;
    }
    expect(answer).toMatch(/"code":"too-many-solo-games"/);
    expect(players).toHaveLength(SOLO_GAMES_PER_ADDRESS + 1);
    // Another address is not affected, and closing a game frees its place.
    const other = await rawPlayer(
      h.server.url,
      "create/solo",
      { level: "ask-and-answer" },
      { "x-forwarded-for": address() },
    );
    expect(await other.joined).toBe("joined");
    other.close();
    players[0]!.close();
    await until(
      async () => {
        const again = await rawPlayer(h.server.url, "create/solo", { level: "ask-and-answer" }, from);
        players.push(again);
        return (await again.joined) === "joined";
      },
      5000,
      "a place freed",
    );
    for (const p of players) p.close();
    // New games are budgeted too: 120 per 10 minutes from one address.
    const burst = { "x-forwarded-for": address() };
    const created: number[] = [];
    for (let i = 0; i < BUDGETS.solos.limit + 1; i++)
      created.push((await post("/matchmake/create/solo", { level: "ask-and-answer" }, burst)).status);
    expect(created.slice(0, -1).every((x) => x === 200)).toBe(true);
    expect(created.at(-1)).toBe(429);
  }, 60_000);

  it("T24 seat reservations nobody uses do not lock a class, and expire within seconds", async () => {
    const made = await h.createClass();
    quiet(await h.client().joinById(made.code, { hostKey: made.hostKey }));
    const from = { "x-forwarded-for": address() };
    for (let i = 0; i < 80; i++) {
      const r = await post(`/matchmake/joinById/${made.code}`, { nickname: `Ghost ${i}` }, from);
      expect(r.json.sessionId).toBeTruthy();
    }
    const check = await (await fetch(`${h.server.url}/api/join/${made.code}`)).json();
    expect(check).toMatchObject({ ok: true });
    const real = quiet(await h.client().joinById(made.code, { nickname: "Real" }));
    expect(real.sessionId).toBeTruthy();
    // Unused reservations lapse: the listing counts only the two real connections again.
    await until(
      async () => {
        const listed = (await (await fetch(`${h.server.url}/api/classes/${made.code}`)).json()) as {
          clients: number;
        };
        return listed.clients === 2;
      },
      20_000,
      "unused reservations expired",
    );
  }, 40_000);

  it("T25 forged address headers: the address is the socket's unless a trusted proxy says otherwise", async () => {
    const { matchMaker } = await import("@colyseus/core");
    const made = await h.createClass();
    quiet(await h.client().joinById(made.code, { hostKey: made.hostKey }));
    const socket = "127.0.0.20"; // this test's own socket address
    const addressesInRoom = () =>
      (matchMaker.getLocalRoomById(made.code)!.clients as unknown as { userData?: { address: string } }[])
        .map((c) => c.userData?.address)
        .filter((a) => a !== "127.0.0.1");
    const forged = (i: number) => ({
      "x-real-ip": `198.51.100.${i}`,
      "x-forwarded-for": `192.0.2.${i}`,
      "x-hub-swarm-address": `203.0.113.${200 + i}`,
    });
    const guard = services().guard;
    const trust = guard.trustProxy;
    try {
      // TRUST_PROXY off: every forged header is ignored, the room counts the socket's address.
      guard.trustProxy = false;
      const players: RawPlayer[] = [];
      for (let i = 1; i <= 3; i++) {
        const nickname = { nickname: `Forger ${i}` };
        const p = await rawPlayer(h.server.url, `joinById/${made.code}`, nickname, forged(i), socket);
        expect(await p.joined).toBe("joined");
        players.push(p);
      }
      expect(addressesInRoom()).toEqual([socket, socket, socket]);
      // ... and wrong codes from rotating forged addresses share one guessing budget.
      const answers: number[] = [];
      for (let i = 0; i < 32; i++)
        answers.push(
          (await postFrom(socket, `${h.server.url}/matchmake/joinById/QQQQQ`, {}, forged(i))).status,
        );
      expect(answers.slice(0, 30).every((s) => s === 404)).toBe(true);
      expect(answers.slice(30)).toEqual([429, 429]);
      // A trusted proxy: its X-Forwarded-For entry counts; X-Real-IP and our own header never do.
      guard.trustProxy = [socket];
      const proxied = await rawPlayer(
        h.server.url,
        `joinById/${made.code}`,
        { nickname: "Proxied" },
        forged(9),
        socket,
      );
      expect(await proxied.joined).toBe("joined");
      expect(addressesInRoom()).toEqual([socket, socket, socket, "192.0.2.9"]);
      for (const p of [...players, proxied]) p.close();
    } finally {
      guard.trustProxy = trust;
    }
  }, 30_000);

  it("T10 cross-site requests: another site's page cannot create classes, join or open a websocket", async () => {
    const evil = { origin: "https://evil.example" };
    const api = await post("/api/classes", { scenario: "calm" }, evil);
    expect(api.status).toBe(403);
    expect(api.json).toMatchObject({
      error: "Requests from other sites are not accepted.",
      refusal: { code: "cross-site", params: {} },
    });
    expect((await post("/api/scenarios", { scenario: {} }, evil)).status).toBe(403);
    const made = await h.createClass();
    const join = await post(`/matchmake/joinById/${made.code}`, { nickname: "Gus" }, evil);
    expect(join.status).toBe(403);
    // A matchmaking call's refusal travels packed in `error`, as colyseus.js shows it.
    expect(readRefusalText(String(join.json.error))?.code).toBe("cross-site");
    // The same site's own page is fine.
    const own = { origin: h.server.url };
    const seat = await post(`/matchmake/joinById/${made.code}`, { nickname: "Gus" }, own);
    expect(seat.json.sessionId).toBeTruthy();
    const room = seat.json.room as { processId: string; roomId: string };
    const wsUrl = `${h.server.url.replace("http", "ws")}/${room.processId}/${room.roomId}?sessionId=${seat.json.sessionId}`;
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl, { origin: "https://evil.example" });
      ws.on("unexpected-response", (_req, res) => resolve(`http ${res.statusCode}`));
      ws.on("open", () => resolve("open"));
      ws.on("error", () => resolve("error"));
    });
    expect(refused).toMatch(/http 40[13]|error/);
  });

  it("T11 no monitor or admin panel is exposed", async () => {
    for (const path of ["/colyseus", "/monitor", "/admin"]) {
      const res = await fetch(`${h.server.url}${path}`);
      const text = await res.text();
      expect(text).not.toMatch(/monitor|colyseus-monitor/i);
    }
  });
});

describe("a class's own safety valves", () => {
  it("a kicked student cannot rejoin under the same name, and a locked class takes no one new", async () => {
    const { code, c, host, student } = await classWith("Hal");
    const left = new Promise<number>((resolve) => student.onLeave(resolve));
    host.send("host", { type: "kick", player: student.sessionId });
    await left;
    expect((await joinRefusal(c.joinById(code, { nickname: "Hal" }))).code).toBe("removed-from-class");
    host.send("host", { type: "lock", locked: true });
    await until(() => stateOf(host).locked === true, 3000, "locked");
    const locked = await joinRefusal(new Client(h.server.url).joinById(code, { nickname: "Ivy" }));
    expect(locked.code).toBe("class-locked");
  });
});
