/**
 * Mechanics that teach the right idea (issue 13): a full server refuses cheaply and its clients back
 * off (no livelock); a server is worth many home computers, and a home line uploads far less than it
 * downloads; in a swarm every computer is kept up by its owner, at a cost that grows with the swarm.
 */
import { describe, expect, it } from "vitest";
import { ownerDelayTicks } from "../../shared/bots";
import { stepServer } from "../../shared/hub";
import {
  BUILT_IN_SCENARIOS,
  createMatch,
  ENCRYPTION_FACTOR,
  HUB_ADMIN_PER_MINUTE,
  PEER_UPLOAD_SLOTS,
  PRICES,
  REFUSAL_WORK,
  runMatch,
  type Scenario,
  SERVER_CAPACITY,
  withUsers as schoolWithUsers,
  stepMatch,
  submitIntent,
  swarmUpkeepPerMinute,
  TICKS_PER_SECOND,
  upkeepSavedByLeaving,
} from "../../shared/index";
import { upkeepPerMinute } from "../../shared/match";
import { lostItems } from "../../shared/scoring";
import {
  canSend,
  connectionEncrypted,
  createPacket,
  insertAt,
  linkRoom,
  packetSize,
  removeAt,
  SMALL_PER_CHUNK,
  sendFromEndpoint,
  sendOnLink,
  stepLinks,
} from "../../shared/transport";
import { idleSeats, match, node, runUntil, scenario, world } from "./helpers";

const withUsers = (users: number): Partial<Scenario> => ({
  topology: "hub",
  map: { ...(BUILT_IN_SCENARIOS.calm!.map as object), users } as Scenario["map"],
});

describe("a crowd at a full server", () => {
  it("refusing costs a small fraction of sending a chunk", () => {
    expect(REFUSAL_WORK).toBeLessThanOrEqual(0.1);
  });

  it("400 users on two servers: refused clients back off, and the servers keep delivering (no livelock)", () => {
    const m = runMatch(match("calm", withUsers(400)));
    const hub = world(m, "hub");
    const wanted = hub.users.reduce((n, u) => n + hub.nodes[u]!.user!.wants.length, 0);
    // Before: refusing cost as much as a chunk, and 2 of 4,000 items finished.
    expect(hub.stats.itemsCompleted).toBeGreaterThan(wanted / 3);
    const refused = hub.stats.dropped["server-busy"];
    expect(refused).toBeGreaterThan(0);
    // Each refusal sends the client away for a while: far fewer refusals than requests a timeout loop makes.
    expect(refused).toBeLessThan(3 * hub.users.length * 10);
  });

  it("a refused client sends nothing until its back-off is over", () => {
    const m = match("calm", withUsers(300));
    const hub = world(m, "hub");
    let waiting = -1;
    while (!m.ended && waiting < 0) {
      stepMatch(m);
      waiting = hub.users.find((u) => hub.nodes[u]!.user!.backoffUntil > m.tick + 5) ?? -1;
    }
    expect(waiting).toBeGreaterThanOrEqual(0);
    const u = hub.nodes[waiting]!.user!;
    const asked = u.requestedAt;
    // A late "busy" for an earlier request may lengthen the wait: read it afresh every tick.
    while (m.tick < u.backoffUntil) {
      stepMatch(m);
      if (m.tick < u.backoffUntil) expect(u.requestedAt).toBe(asked);
    }
    const over = m.tick;
    // Then it asks again, unless an earlier request of its own is being served after all.
    runUntil(m, over / 10 + 5);
    expect(Math.max(u.requestedAt, u.lastProgress)).toBeGreaterThanOrEqual(over);
  });
});
describe("capacity in proportion", () => {
  it("a server is worth many home computers' uploads", () => {
    expect(SERVER_CAPACITY).toBeGreaterThanOrEqual(8 * PEER_UPLOAD_SLOTS);
  });

  it("a home line uploads far less than it downloads; a server's line is symmetric", () => {
    const m = match("calm");
    const peer = node(world(m, "swarm"), "U1");
    const line = world(m, "swarm").links[peer.links[0]!]!;
    const router = line.a === peer.index ? line.b : line.a;
    expect(linkRoom(line, router)).toBeGreaterThanOrEqual(4 * linkRoom(line, peer.index));
    const server = node(world(m, "hub"), "S1");
    const sl = world(m, "hub").links[server.links[0]!]!;
    expect(linkRoom(sl, server.index)).toBe(linkRoom(sl, sl.a === server.index ? sl.b : sl.a));
  });
});

describe("upkeep of the users' computers", () => {
  it("a hub's clients are managed centrally; a swarm's peers each on their own, dearer per peer the more there are", () => {
    const perMachine = (users: number) => {
      const m = match("calm", {
        map: { ...(BUILT_IN_SCENARIOS.calm!.map as object), users } as Scenario["map"],
      });
      const at = (team: "hub" | "swarm") => upkeepPerMinute(world(m, team));
      return {
        hub: (at("hub") - HUB_ADMIN_PER_MINUTE) / users,
        hubTotal: at("hub"),
        swarm: at("swarm") / users,
        swarmTotal: at("swarm"),
      };
    };
    const small = perMachine(5);
    const big = perMachine(50);
    expect(big.hub).toBeCloseTo(small.hub, 5); // central: the same per machine at any size
    expect(big.swarm).toBeGreaterThan(2 * small.swarm); // each peer guards against every other
    // A hub pays its administrator however few its clients: a home network costs far less to keep up.
    // Fifty unmanaged computers cost more than running the hub's two servers and managing them all.
    expect(small.swarmTotal).toBeLessThan(small.hubTotal / 4);
    expect(big.swarmTotal).toBeGreaterThan(2 * PRICES.serverRunningPerMinute + big.hubTotal);
  });

  it("what a done peer's panel says leaving saves is what the swarm's upkeep falls by when it leaves", () => {
    const m = match("calm");
    const swarm = world(m, "swarm");
    const peers = swarm.nodes.filter((n) => n.peer && !n.gone).length;
    const before = upkeepPerMinute(swarm);
    expect(before).toBeCloseTo(swarmUpkeepPerMinute(peers), 9);
    const leaver = swarm.nodes.find((n) => n.peer && !n.peer.seed)!;
    expect(submitIntent(m, { kind: "bot" }, { type: "leave", team: "swarm", node: leaver.id })).toEqual({
      ok: true,
    });
    stepMatch(m);
    expect(leaver.gone).toBe(true);
    expect(before - upkeepPerMinute(swarm)).toBeCloseTo(upkeepSavedByLeaving(peers), 9);
    // More than its own share: every other peer now has one fewer to guard against.
    expect(upkeepSavedByLeaving(peers)).toBeGreaterThan(before / peers);
  });
});

describe("a disk failure loses a seed's data for real", () => {
  it("before copies spread, the only seed's lost disk loses items for good; the hub's server gets them again", () => {
    const m = runMatch(match("disk-failure"));
    const hub = world(m, "hub");
    const swarm = world(m, "swarm");
    expect(lostItems(m, hub)).toEqual([]);
    expect(lostItems(m, swarm).length).toBeGreaterThan(0);
    // The server without a backup fetched what its clients wanted again from the origin.
    const server = node(hub, "S1").server!;
    expect(server.diskFailed).toBe(true);
    expect(server.content.some((c) => c === m.ctx.full)).toBe(true);
  });

  it("a seed whose owner backed it up gets its data back with one restore, and pays for the backup", () => {
    const play = (backedUp: boolean) => {
      const m = match("disk-failure", { topology: "swarm" });
      const swarm = world(m, "swarm");
      const seed = node(swarm, "S1");
      const actor = { kind: "player", id: "owner" } as const;
      submitIntent(m, { kind: "host" }, { type: "assign", team: "swarm", node: "S1", player: "owner" });
      stepMatch(m); // the seat is taken on the next tick
      if (backedUp)
        expect(submitIntent(m, actor, { type: "backup", team: "swarm", node: "S1", on: true }).ok).toBe(true);
      runUntil(m, 11); // the disk fails at 0:10
      expect(seed.peer!.have.every((c) => c === 0)).toBe(true);
      const restore = submitIntent(m, actor, { type: "restore", team: "swarm", node: "S1" });
      expect(restore.ok).toBe(backedUp);
      if (!restore.ok) expect(restore.reason).toMatch(/no backup/);
      while (!m.ended) stepMatch(m);
      return { m, swarm, seed };
    };
    const saved = play(true);
    expect(saved.seed.peer!.diskFailed).toBe(false);
    expect(saved.seed.peer!.have.every((c) => c === saved.m.ctx.full)).toBe(true);
    expect(lostItems(saved.m, saved.swarm)).toEqual([]);
    const gone = play(false);
    expect(lostItems(gone.m, gone.swarm).length).toBeGreaterThan(0);
    // The backup ran all round: its running cost is the only difference in spending.
    const minutes = saved.m.tick / (60 * TICKS_PER_SECOND);
    expect(saved.swarm.spent.running - gone.swarm.spent.running).toBeCloseTo(
      PRICES.peerBackupPerMinute * minutes,
      1,
    );
  });
});

describe("small packets are small", () => {
  it("a request takes an eighth of a chunk's room on a link: asking barely touches a home upload", () => {
    expect(packetSize("chunk")).toBe(1);
    expect(packetSize("junk")).toBe(1);
    expect(packetSize("chunk-request")).toBeLessThanOrEqual(0.125);
    // Links count their budget in small packets, whole numbers: exact only if a chunk is a whole
    // number of them, a power of two so that the room in chunks is exact too.
    expect(SMALL_PER_CHUNK * packetSize("chunk-request")).toBe(1);
    expect(Math.log2(SMALL_PER_CHUNK) % 1).toBe(0);
    const m = match("calm", { topology: "swarm" });
    const swarm = world(m, "swarm");
    const u1 = node(swarm, "U1");
    const access = swarm.links[u1.links[0]!]!;
    const room = linkRoom(access, u1.index);
    expect(room).toBe(2);
    // A peer can send sixteen requests on a line that uploads two chunks a tick.
    let sent = 0;
    while (canSend(swarm, u1) && sent < 100) {
      sendFromEndpoint(m, swarm, u1, createPacket(m, swarm, "chunk-request", u1, node(swarm, "S1").index));
      sent++;
    }
    expect(sent).toBe(16);
  });
});

describe("packets on a link", () => {
  it("arrive in the order they entered it, and a latency cut mid-flight brings a later one in first", () => {
    const m = match("calm", { topology: "swarm" });
    const swarm = world(m, "swarm");
    const u1 = node(swarm, "U1");
    const li = u1.links[0]!;
    const link = swarm.links[li]!;
    const to = node(swarm, "S1").index;
    const arrived: number[] = [];
    const send = () => {
      const p = createPacket(m, swarm, "chunk-request", u1, to);
      sendOnLink(m, swarm, li, u1.index, p);
      return p.id;
    };
    const step = () => {
      stepLinks(m, swarm, (p) => arrived.push(p.id));
      m.tick++;
    };
    link.latency = 3;
    const slow = [send(), send()];
    step();
    const next = send(); // a tick later, the same latency: behind the first two
    link.latency = 1; // the storm is over: what enters now overtakes what is still on its way
    const fast = send();
    for (let t = 0; t < 5; t++) step();
    expect(arrived).toEqual([fast, ...slow, next]);
    expect(link.inFlight).toEqual([]);
    // Empty again: in order once more, each packet handed over at its own tick.
    const at = new Map<number, number>();
    const a = send();
    step();
    const b = send();
    for (let t = 0; t < 3; t++) {
      stepLinks(m, swarm, (p) => at.set(p.id, m.tick));
      m.tick++;
    }
    expect([...at.keys()]).toEqual([a, b]);
    expect(at.get(b)! - at.get(a)!).toBe(1);
  });
});

describe("encryption per connection", () => {
  it("a server that requires it encrypts every connection; two peers only when both have it on", () => {
    const m = match("calm");
    const hub = world(m, "hub");
    const swarm = world(m, "swarm");
    const s1 = node(hub, "S1");
    const c1 = node(hub, "U1");
    s1.encrypt = true;
    expect(connectionEncrypted(hub, c1.index, s1.index)).toBe(true);
    expect(connectionEncrypted(hub, s1.index, c1.index)).toBe(true);
    const p1 = node(swarm, "U1");
    const p2 = node(swarm, "U2");
    p1.encrypt = true;
    expect(connectionEncrypted(swarm, p1.index, p2.index)).toBe(false);
    expect(connectionEncrypted(swarm, p2.index, p1.index)).toBe(false);
    p2.encrypt = true;
    expect(connectionEncrypted(swarm, p2.index, p1.index)).toBe(true);
  });

  it("a hub client's own encryption costs its server the cipher, as the server's own does (rules 2)", () => {
    // A busy hub, every seat held by a player; some players turn encryption on through their panel.
    const served = (who: "nobody" | "clients" | "servers", rules?: number) => {
      const m = createMatch(scenario("calm", withUsers(40)), rules ? { rules } : {});
      const hub = idleSeats(m).worlds[0]!;
      stepMatch(m);
      for (const n of hub.nodes)
        if (n.kind === (who === "clients" ? "client" : who === "servers" ? "server" : "none")) {
          const intent = { type: "encrypt" as const, team: hub.team, node: n.id, on: true };
          expect(submitIntent(m, { kind: "player", id: `idle-${n.id}` }, intent).ok).toBe(true);
        }
      runUntil(m, 60);
      return hub.servers.reduce((a, s) => a + hub.nodes[s]!.counters.chunksServed, 0);
    };
    const clear = served("nobody");
    const byClients = served("clients");
    const byServers = served("servers");
    expect(byClients).toBeLessThan(clear);
    expect(Math.abs(byClients - byServers) / byServers).toBeLessThan(0.02);
    // Under rules 1 (a match stored before) the clients' encryption was free, and replays so.
    expect(served("clients", 1)).toBe(clear);
  });

  it("a cache server's encryption costs the origin the cipher on what the origin sends it (rules 3)", () => {
    // The origin owes a cache server one chunk; what sending it costs the origin's work, by rules.
    const spent = (cacheEncrypts: boolean, rules: number) => {
      const m = createMatch(scenario("calm", { topology: "hub" }), { rules });
      const hub = m.worlds[0]!;
      const origin = hub.nodes.find((n) => n.kind === "origin")!;
      const cache = hub.nodes[hub.servers[0]!]!;
      cache.encrypt = cacheEncrypts;
      const o = origin.server!;
      o.jobs = [{ to: cache.index, item: 0, mask: 1, encrypted: false, forServer: true }];
      origin.credit = 0;
      stepServer(m, hub, origin);
      expect(origin.counters.chunksServed).toBe(1);
      return o.capacity - origin.credit;
    };
    expect(spent(false, 3)).toBeCloseTo(1);
    expect(spent(true, 3)).toBeCloseTo(1 / ENCRYPTION_FACTOR);
    // Under rules 2 (a match stored before) it was free, and replays so.
    expect(spent(true, 2)).toBeCloseTo(1);
  });
});

describe("every computer is one more point of entry", () => {
  it("the bigger the swarm, the more owners never get round to acting on a warning", () => {
    const neglected = (users: number) => {
      const m = match("calm", {
        topology: "swarm",
        map: { ...(BUILT_IN_SCENARIOS.calm!.map as object), users } as Scenario["map"],
      });
      const swarm = world(m, "swarm");
      const never = swarm.users.filter(
        (u) => ownerDelayTicks(m, swarm, swarm.nodes[u]!) === Number.POSITIVE_INFINITY,
      );
      return never.length / swarm.users.length;
    };
    expect(neglected(5)).toBeLessThan(0.2);
    expect(neglected(100)).toBeGreaterThan(0.35);
  });

  it("the crossover's cheats grow with the number of computers", () => {
    const cheats = (users: number) =>
      schoolWithUsers(BUILT_IN_SCENARIOS["big-school"]!, users).failures.find(
        (f) => f.kind === "malicious-peer",
      )!.magnitude;
    expect(cheats(50)).toBe(3);
    expect(cheats(5)).toBe(0);
    expect(cheats(100)).toBe(6);
  });
});

describe("lists changed in place", () => {
  it("take an item out and put one in as splice does, at every place of lists of every length", () => {
    for (let n = 0; n < 6; n++) {
      const list = Array.from({ length: n }, (_, i) => 10 + i);
      for (let at = 0; at <= n; at++) {
        const put = [...list];
        insertAt(put, at, 99);
        const spliced = [...list];
        spliced.splice(at, 0, 99);
        expect(put).toEqual(spliced);
        if (at === n) continue;
        const taken = [...list];
        removeAt(taken, at);
        expect(taken).toEqual(list.filter((_, i) => i !== at));
      }
    }
  });
});
