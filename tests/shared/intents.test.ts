/**
 * Intents: the decisions players, the host and bots send. A refused intent says why in words a player
 * reads and changes nothing at all; an accepted one is applied at the next tick. The schema refuses
 * malformed shapes at the edge.
 */
import { describe, expect, it } from "vitest";
import {
  type Actor,
  type Architecture,
  BOT_RESTART_DETECT_TICKS,
  coinsLeft,
  eventWords,
  hostIntentSchema,
  type Intent,
  intentSchema,
  type Match,
  nodeIntentSchema,
  PRICES,
  RESTART_TICKS,
  stateHash,
  stepMatch,
  submitIntent,
  UPGRADE_CAPACITY,
  validateIntent,
} from "../../shared/index";
import { match, node, runUntil, withoutOrigin, world } from "./helpers";

const HOST: Actor = { kind: "host" };
const BOT: Actor = { kind: "bot" };
const player = (id: string): Actor => ({ kind: "player", id });

/** Seats held by players in most tests: nodes they hold are off the autopilot from the first tick. */
const SEATS: [Architecture, string, string][] = [
  ["hub", "S1", "p1"],
  ["hub", "R1", "p2"],
  ["swarm", "U1", "p3"],
  ["swarm", "S1", "p4"],
  ["swarm", "R1", "p5"],
];

/** A calm versus match with SEATS assigned (applied at tick 0), stepped to tick 1. */
function seated(over: Parameters<typeof match>[1] = {}, seats = SEATS): Match {
  const m = match("calm", { failures: [], ...over });
  for (const [team, id, p] of seats) {
    expect(submitIntent(m, HOST, { type: "assign", team, node: id, player: p })).toEqual({ ok: true });
  }
  stepMatch(m);
  return m;
}

/** Submits one intent and steps one tick, expecting it to be accepted. */
function apply(m: Match, actor: Actor, intent: Intent): void {
  expect(submitIntent(m, actor, intent)).toEqual({ ok: true });
  stepMatch(m);
}

/**
 * The refusal contract: `submitIntent` says no with a readable reason, the state hash and the queue do
 * not move, and the match goes on exactly like a twin built the same way that never got the intent.
 */
function expectRefused(setup: () => Match, actor: Actor, intent: Intent, phrase: string): void {
  const m = setup();
  const twin = setup();
  expect(stateHash(m)).toBe(stateHash(twin));
  const hash = stateHash(m);
  const queued = m.queued.length;
  const result = submitIntent(m, actor, intent);
  expect(result.ok, `${JSON.stringify(intent)} should be refused`).toBe(false);
  if (!result.ok) {
    expect(result.reason).toContain(phrase);
    expect(result.reason.length).toBeLessThan(120);
    expect(result.reason).not.toMatch(/undefined|NaN|\[object/);
  }
  expect(validateIntent(m, actor, intent)).toEqual(result);
  expect(stateHash(m)).toBe(hash);
  expect(m.queued.length).toBe(queued);
  expect(m.queued).toEqual(twin.queued);
  for (let i = 0; i < 6; i++) {
    stepMatch(m);
    stepMatch(twin);
    expect(stateHash(m), `tick ${m.tick}`).toBe(stateHash(twin));
  }
  expect(m.log).toEqual(twin.log);
}

describe("refused intents change nothing", () => {
  it("an unknown team", () => {
    expectRefused(
      () => seated({ topology: "hub" }, [["hub", "S1", "p1"]]),
      player("p1"),
      { type: "policy", team: "swarm", node: "U1", policy: "deny" },
      "there is no team swarm",
    );
  });

  it("an unknown node", () => {
    expectRefused(
      seated,
      player("p1"),
      { type: "upgrade", team: "hub", node: "S9" },
      "there is no node S9 on team hub",
    );
  });

  it("a player acting on a node they do not hold", () => {
    expectRefused(
      seated,
      player("p9"),
      { type: "upgrade", team: "hub", node: "S1" },
      "you do not hold Server 1",
    );
    // Holding a seat in one world gives nothing in the other: p1 holds the hub's S1, not the swarm's.
    expectRefused(
      seated,
      player("p1"),
      { type: "verify", team: "swarm", node: "S1", on: true },
      "you do not hold Seed 1",
    );
    // A bot seat is not anyone's.
    expectRefused(
      seated,
      player("p1"),
      { type: "upgrade", team: "hub", node: "S2" },
      "you do not hold Server 2",
    );
  });

  it("the host acting on a node", () => {
    expectRefused(
      seated,
      HOST,
      { type: "upgrade", team: "hub", node: "S2" },
      "the host does not hold a node",
    );
  });

  it("a bot acting on a node that is not on autopilot", () => {
    expectRefused(
      seated,
      BOT,
      { type: "backup", team: "hub", node: "S1", on: true },
      "Server 1 is not on autopilot",
    );
  });

  it("a decision that belongs to another role", () => {
    expectRefused(
      seated,
      player("p2"),
      { type: "upgrade", team: "hub", node: "R1" },
      "upgrade is not something a router can do",
    );
    expectRefused(
      seated,
      player("p1"),
      { type: "route", team: "hub", node: "S1", dest: "U1", link: "R2-S1" },
      "route is not something a server can do",
    );
    expectRefused(
      seated,
      player("p3"),
      { type: "upgrade", team: "swarm", node: "U1" },
      "upgrade is not something a peer can do",
    );
  });

  it("a node that is down", () => {
    const crashed = () => {
      const m = seated();
      apply(m, HOST, { type: "trigger", failure: { kind: "crash", at: 0, duration: 10, target: "S1" } });
      return m;
    };
    expectRefused(crashed, player("p1"), { type: "upgrade", team: "hub", node: "S1" }, "Server 1 is down");
    expectRefused(
      crashed,
      player("p4"),
      { type: "policy", team: "swarm", node: "S1", policy: "deny" },
      "Seed 1 is down",
    );
    // Handing the node to the autopilot is the one thing a player may still do.
    expect(
      submitIntent(crashed(), player("p1"), { type: "autopilot", team: "hub", node: "S1", on: true }),
    ).toEqual({
      ok: true,
    });
  });

  it("a node that has left", () => {
    const left = () => {
      const m = seated();
      apply(m, player("p3"), { type: "leave", team: "swarm", node: "U1" });
      return m;
    };
    expectRefused(
      left,
      player("p3"),
      { type: "policy", team: "swarm", node: "U1", policy: "deny" },
      "Peer 1 has left the network",
    );
    expectRefused(
      left,
      player("p3"),
      { type: "autopilot", team: "swarm", node: "U1", on: true },
      "has left the network",
    );
  });

  it("not enough coins", () => {
    // A tiny budget: the hub's routers and servers already cost more than it.
    const poor = () => seated({ budget: 1000 });
    const m = poor();
    expect(coinsLeft(m, world(m, "hub"))).toBeLessThan(PRICES.upgrade);
    expectRefused(
      poor,
      player("p1"),
      { type: "upgrade", team: "hub", node: "S1" },
      `not enough coins: it costs ${PRICES.upgrade}`,
    );
    expectRefused(
      poor,
      player("p1"),
      { type: "replica", team: "hub", node: "S1" },
      `it costs ${PRICES.replica}`,
    );
  });

  it("an upgrade past the maximum", () => {
    const maxed = () => {
      const m = seated();
      for (let i = 0; i < 3; i++) apply(m, player("p1"), { type: "upgrade", team: "hub", node: "S1" });
      return m;
    };
    expect(node(world(maxed(), "hub"), "S1").server!.upgrades).toBe(3);
    expectRefused(
      maxed,
      player("p1"),
      { type: "upgrade", team: "hub", node: "S1" },
      "Server 1 is fully upgraded",
    );
  });

  it("a restore without a disk failure, or without a backup", () => {
    expectRefused(
      seated,
      player("p1"),
      { type: "restore", team: "hub", node: "S1" },
      "nothing to restore: the disk is fine",
    );
    const noBackup = () => {
      const m = seated();
      apply(m, HOST, { type: "trigger", failure: { kind: "disk-failure", at: 0, target: "S1" } });
      expect(node(world(m, "hub"), "S1").server!.diskFailed).toBe(true);
      return m;
    };
    expectRefused(
      noBackup,
      player("p1"),
      { type: "restore", team: "hub", node: "S1" },
      "there is no backup to restore from",
    );
  });

  it("a patch when the server is not breached", () => {
    expectRefused(
      seated,
      player("p1"),
      { type: "patch", team: "hub", node: "S1" },
      "Server 1 is not breached",
    );
  });

  it("a cache order with no upstream server, for an unknown item, or for an item already held", () => {
    const map = { ...(match("calm").scenario.map as object), origin: false } as ReturnType<
      typeof match
    >["scenario"]["map"];
    expectRefused(
      () => seated({ map }),
      player("p1"),
      { type: "cache", team: "hub", node: "S1", item: 1 },
      "Server 1 has no upstream server to fetch from",
    );
    expectRefused(
      seated,
      player("p1"),
      { type: "cache", team: "hub", node: "S1", item: 99 },
      "there is no item 99",
    );
    const m = seated();
    const held = node(world(m, "hub"), "S1").server!.content.indexOf(m.ctx.full);
    expect(held).toBeGreaterThanOrEqual(0);
    expectRefused(
      seated,
      player("p1"),
      { type: "cache", team: "hub", node: "S1", item: held },
      "that item is already cached",
    );
  });

  it("a chunk request that cannot be served", () => {
    const req = (nodeId: string, from: string, chunk = 0) =>
      ({ type: "request-chunk", team: "swarm", node: nodeId, item: 0, chunk, from }) as const;
    expectRefused(seated, player("p4"), req("S1", "U2"), "you already have that chunk");
    expectRefused(seated, player("p3"), req("U1", "U2"), "Peer 2 does not have that chunk");
    expectRefused(seated, player("p3"), req("U1", "U1"), "you cannot download from yourself");
    expectRefused(seated, player("p3"), req("U1", "R1"), "R1 is not a peer in the swarm");
    expectRefused(seated, player("p3"), req("U1", "S1", 25), "there is no chunk 25");
    const blocked = () => {
      const m = seated();
      apply(m, player("p3"), { type: "block", team: "swarm", node: "U1", source: "S1" });
      return m;
    };
    expectRefused(blocked, player("p3"), req("U1", "S1"), "you blocked Seed 1");
  });

  it("a route over a link that is not the router's, to nowhere, or to itself", () => {
    const route = (dest: string, link: string) =>
      ({ type: "route", team: "hub", node: "R1", dest, link }) as const;
    expectRefused(seated, player("p2"), route("S1", "R3-R4"), "R3-R4 is not a link of Router 1");
    expectRefused(seated, player("p2"), route("S1", "R9-R1"), "R9-R1 is not a link of Router 1");
    expectRefused(seated, player("p2"), route("Z1", "R1-R2"), "there is no node Z1");
    expectRefused(seated, player("p2"), route("R1", "R1-R2"), "a router does not route to itself");
  });

  it("a split over the same link twice", () => {
    expectRefused(
      seated,
      player("p2"),
      { type: "route", team: "hub", node: "R1", dest: "S1", link: "R1-R2", alt: "R1-R2" },
      "a split needs two different links",
    );
  });

  it("a split over the same link named from both ends is refused", () => {
    expectRefused(
      seated,
      player("p2"),
      { type: "route", team: "hub", node: "R1", dest: "S1", link: "R1-R2", alt: "R2-R1" },
      "a split needs two different links",
    );
  });

  it("blocking yourself, blocking twice, unblocking what is not blocked", () => {
    const block = (source: string) => ({ type: "block", team: "hub", node: "R1", source }) as const;
    expectRefused(seated, player("p2"), block("R1"), "a node cannot block itself");
    expectRefused(seated, player("p2"), block("Q7"), "there is no node Q7");
    const once = () => {
      const m = seated();
      apply(m, player("p2"), block("U1"));
      return m;
    };
    expectRefused(once, player("p2"), block("U1"), "Client 1 is already blocked");
    expectRefused(
      seated,
      player("p2"),
      { type: "unblock", team: "hub", node: "R1", source: "U1" },
      "Client 1 is not blocked",
    );
  });

  it("toggles that would change nothing", () => {
    const hub = { team: "hub", node: "S1" } as const;
    const peer = { team: "swarm", node: "U1" } as const;
    const p1 = player("p1");
    const p3 = player("p3");
    expectRefused(seated, p1, { type: "backup", ...hub, on: false }, "backups are already off");
    const backedUp = () => {
      const m = seated();
      apply(m, p1, { type: "backup", ...hub, on: true });
      return m;
    };
    expectRefused(backedUp, p1, { type: "backup", ...hub, on: true }, "backups are already on");
    expectRefused(seated, p1, { type: "encrypt", ...hub, on: false }, "already not encrypting");
    expectRefused(seated, p1, { type: "cloud", ...hub, on: false }, "not in the cloud");
    expectRefused(seated, p1, { type: "autopilot", ...hub, on: false }, "already off autopilot");
    expectRefused(seated, p3, { type: "verify", ...peer, on: true }, "already verifying");
    expectRefused(seated, p3, { type: "policy", ...peer, policy: "allow" }, "the policy is already allow");
    expectRefused(seated, p3, { type: "strategy", ...peer, strategy: "rarest" }, "already using rarest");
    expectRefused(
      seated,
      player("p2"),
      { type: "prioritise", team: "hub", node: "R1", kind: null },
      "that is already the priority",
    );
  });

  it("a host-only decision from a player or a bot", () => {
    expectRefused(seated, player("p1"), { type: "pause" }, "only the host can pause");
    expectRefused(seated, player("p1"), { type: "end" }, "only the host can end");
    expectRefused(
      seated,
      player("p1"),
      { type: "trigger", failure: { kind: "crash", at: 0, target: "S2" } },
      "only the host can trigger",
    );
    expectRefused(
      seated,
      BOT,
      { type: "assign", team: "hub", node: "S2", player: "p1" },
      "only the host can assign",
    );
  });

  it("pause when already paused, resume when not paused", () => {
    const paused = () => {
      const m = seated();
      apply(m, HOST, { type: "pause" });
      expect(m.paused).toBe(true);
      return m;
    };
    expectRefused(paused, HOST, { type: "pause" }, "already paused");
    expectRefused(seated, HOST, { type: "resume" }, "not paused");
  });

  it("an assignment to a node that is not a seat", () => {
    const assign = (team: Architecture, id: string) =>
      ({ type: "assign", team, node: id, player: "p7" }) as const;
    expectRefused(seated, HOST, assign("hub", "O1"), "Origin is not a seat a player can take");
    expectRefused(seated, HOST, assign("swarm", "O1"), "there is no node O1 on team swarm");
    const withCheat = () => {
      const m = seated();
      apply(m, HOST, { type: "trigger", failure: { kind: "malicious-peer", at: 0 } });
      apply(m, HOST, { type: "trigger", failure: { kind: "ddos", at: 0, target: "S2", duration: 5 } });
      return m;
    };
    expectRefused(withCheat, HOST, assign("swarm", "X1"), "Peer X1 is not a seat a player can take");
    expectRefused(withCheat, HOST, assign("hub", "B1"), "is not a seat a player can take");
  });

  it("a client asking a server that is not one, or one that is down", () => {
    const seats: typeof SEATS = [...SEATS, ["hub", "U1", "p6"]];
    const ask = (server: string) => ({ type: "server", team: "hub", node: "U1", server }) as const;
    expectRefused(() => seated({}, seats), player("p6"), ask("R1"), "R1 is not one of your team's servers");
    expectRefused(() => seated({}, seats), player("p6"), ask("O1"), "O1 is not one of your team's servers");
    const crashed = () => {
      const m = seated({}, seats);
      apply(m, HOST, { type: "trigger", failure: { kind: "crash", at: 0, duration: 10, target: "S2" } });
      return m;
    };
    expectRefused(crashed, player("p6"), ask("S2"), "Server 2 is down: pick another server");
    // Choosing a server is a client's decision, not a router's.
    expectRefused(
      () => seated({}, seats),
      player("p2"),
      { type: "server", team: "hub", node: "R1", server: "S1" },
      "server is not something a router can do",
    );
  });

  it("a restart of a node that is running, or that is down for another reason than a crash", () => {
    expectRefused(seated, player("p1"), { type: "restart", team: "hub", node: "S1" }, "Server 1 is running");
    const patching = () => {
      const m = seated();
      m.worlds[0]!.nodes[m.worlds[0]!.idIndex.get("S1")!]!.server!.breached = true;
      apply(m, player("p1"), { type: "patch", team: "hub", node: "S1" });
      return m;
    };
    expectRefused(
      patching,
      player("p1"),
      { type: "restart", team: "hub", node: "S1" },
      "Server 1 did not crash: wait until it is back",
    );
  });

  it("anything after the round ended", () => {
    const over = () => {
      const m = seated();
      apply(m, HOST, { type: "end" });
      expect(m.ended).toBe(true);
      return m;
    };
    expectRefused(over, HOST, { type: "add-time", seconds: 30 }, "the round is over");
    expectRefused(
      over,
      HOST,
      { type: "trigger", failure: { kind: "crash", at: 0, target: "S1" } },
      "the round is over",
    );
    expectRefused(
      over,
      player("p1"),
      { type: "backup", team: "hub", node: "S1", on: true },
      "the round is over",
    );
  });
});

describe("accepted intents take effect on the next tick", () => {
  it("the host assigns a seat: the player holds it and the bot lets go", () => {
    const m = match("calm", { failures: [], ...withoutOrigin("calm") });
    const s1 = node(world(m, "hub"), "S1");
    expect(submitIntent(m, player("p1"), { type: "backup", team: "hub", node: "S1", on: true }).ok).toBe(
      false,
    );
    apply(m, HOST, { type: "assign", team: "hub", node: "S1", player: "p1" });
    expect(s1.holder).toBe("p1");
    expect(s1.autopilot).toBe(false);
    // The bot did not switch this server's backups on, as it does for every server it runs whose data
    // exists nowhere else (no origin here).
    runUntil(m, 2);
    expect(s1.server!.backup).toBe(false);
    expect(node(world(m, "hub"), "S2").server!.backup).toBe(true);
    expect(submitIntent(m, player("p1"), { type: "backup", team: "hub", node: "S1", on: true })).toEqual({
      ok: true,
    });
  });

  it("an upgrade raises capacity and spends coins", () => {
    const m = seated();
    const hub = world(m, "hub");
    const s = node(hub, "S1").server!;
    const capacity = s.capacity;
    const coins = coinsLeft(m, hub);
    const queued = m.queued.length; // the bots' decisions of the last bot round wait there too
    expect(submitIntent(m, player("p1"), { type: "upgrade", team: "hub", node: "S1" })).toEqual({ ok: true });
    expect(m.queued).toHaveLength(queued + 1);
    expect(m.queued.at(-1)).toEqual({
      actor: player("p1"),
      intent: { type: "upgrade", team: "hub", node: "S1" },
    });
    expect(s.capacity).toBe(capacity);
    expect(hub.spent.upgrades).toBe(0);
    stepMatch(m);
    expect(s.capacity).toBe(capacity + UPGRADE_CAPACITY);
    expect(s.upgrades).toBe(1);
    expect(hub.spent.upgrades).toBe(PRICES.upgrade);
    expect(coins - coinsLeft(m, hub)).toBeGreaterThanOrEqual(PRICES.upgrade);
    expect(coins - coinsLeft(m, hub)).toBeLessThan(PRICES.upgrade + 1);
  });

  it("intents queued in the same tick are checked again when applied: the fourth upgrade is refused", () => {
    const m = seated();
    for (let i = 0; i < 4; i++)
      expect(submitIntent(m, player("p1"), { type: "upgrade", team: "hub", node: "S1" })).toEqual({
        ok: true,
      });
    stepMatch(m);
    const hub = world(m, "hub");
    expect(node(hub, "S1").server!.upgrades).toBe(3);
    expect(hub.spent.upgrades).toBe(3 * PRICES.upgrade);
    expect(m.log.some((l) => eventWords(l.event) === "refused: Server 1 is fully upgraded")).toBe(true);
  });

  it("a route changes the router's table, and a split adds a second link", () => {
    const m = seated();
    const hub = world(m, "hub");
    const r1 = node(hub, "R1").router!;
    const dest = node(hub, "S1").index;
    const oldLink = r1.table[dest];
    const detour = hub.linkIndex.get("R6-R1")!;
    expect(oldLink).not.toBe(detour);
    expect(
      submitIntent(m, player("p2"), { type: "route", team: "hub", node: "R1", dest: "S1", link: "R1-R6" }),
    ).toEqual({
      ok: true,
    });
    expect(r1.table[dest]).toBe(oldLink);
    stepMatch(m);
    expect(r1.table[dest]).toBe(detour);
    expect(r1.split[dest]).toBe(-1);
    apply(m, player("p2"), {
      type: "route",
      team: "hub",
      node: "R1",
      dest: "S1",
      link: "R1-R2",
      alt: "R6-R1",
    });
    expect(r1.table[dest]).toBe(hub.linkIndex.get("R1-R2"));
    expect(r1.split[dest]).toBe(detour);
    // Traffic to S1 from R1's clients now goes both ways round the ring.
    const carried = hub.links[detour]!.carried;
    runUntil(m, 20);
    expect(hub.links[detour]!.carried).toBeGreaterThan(carried);
  });

  it("a null route drops a destination's packets at the router at once; a link sends them again", () => {
    const m = seated();
    const hub = world(m, "hub");
    const r1 = node(hub, "R1").router!;
    const dest = node(hub, "S1").index;
    const before = r1.table[dest]!;
    runUntil(m, 20);
    const noRoute = () => hub.stats.dropped["no-route"];
    expect(noRoute()).toBe(0);
    apply(m, player("p2"), { type: "route", team: "hub", node: "R1", dest: "S1", link: null });
    expect(r1.table[dest]).toBe(-1);
    expect(r1.split[dest]).toBe(-1);
    runUntil(m, 40);
    // R1's own users' requests to S1 die at R1, as the protocol drops what it cannot route.
    expect(noRoute()).toBeGreaterThan(0);
    apply(m, player("p2"), {
      type: "route",
      team: "hub",
      node: "R1",
      dest: "S1",
      link: hub.links[before]!.id,
    });
    expect(r1.table[dest]).toBe(before);
    const dropped = noRoute();
    runUntil(m, 60);
    expect(noRoute()).toBe(dropped);
  });

  it("a null route with a second link is refused", () => {
    expectRefused(
      seated,
      player("p2"),
      { type: "route", team: "hub", node: "R1", dest: "S1", link: null, alt: "R1-R2" },
      "packets dropped here are not sent on by a second link",
    );
  });

  it('"approve" holds chunk requests until the peer allows the requester', () => {
    const m = seated();
    const swarm = world(m, "swarm");
    const seed = node(swarm, "S1");
    apply(m, player("p4"), { type: "policy", team: "swarm", node: "S1", policy: "approve" });
    expect(seed.peer!.policy).toBe("approve");
    runUntil(m, 4);
    const p = seed.peer!;
    expect(p.awaiting.length).toBeGreaterThan(0);
    expect(p.awaiting.every((q) => q.kind === "chunk-request")).toBe(true);
    expect(seed.counters.chunksServed).toBe(0);
    const requester = swarm.nodes[p.awaiting[0]!.src]!;
    const theirs = p.awaiting.filter((q) => q.src === requester.index).length;
    const others = p.awaiting.length - theirs;
    expect(
      submitIntent(m, player("p4"), {
        type: "access",
        team: "swarm",
        node: "S1",
        peer: requester.id,
        allow: true,
      }),
    ).toEqual({
      ok: true,
    });
    expect(p.awaiting.filter((q) => q.src === requester.index)).toHaveLength(theirs);
    stepMatch(m);
    expect(p.approved.has(requester.index)).toBe(true);
    expect(p.awaiting.some((q) => q.src === requester.index)).toBe(false);
    expect(p.awaiting.length).toBeGreaterThanOrEqual(others);
    expect(seed.counters.chunksServed).toBeGreaterThan(0);
    runUntil(m, 6);
    expect(seed.counters.chunksServed).toBeGreaterThanOrEqual(theirs);
  });

  it('"access deny" refuses the waiting requests of that peer', () => {
    const m = seated();
    const swarm = world(m, "swarm");
    const seed = node(swarm, "S1");
    apply(m, player("p4"), { type: "policy", team: "swarm", node: "S1", policy: "approve" });
    runUntil(m, 3);
    const requester = swarm.nodes[seed.peer!.awaiting[0]!.src]!;
    const theirs = seed.peer!.awaiting.filter((q) => q.src === requester.index).length;
    const refused = swarm.stats.dropped.refused;
    apply(m, player("p4"), { type: "access", team: "swarm", node: "S1", peer: requester.id, allow: false });
    expect(seed.peer!.denied.has(requester.index)).toBe(true);
    expect(seed.peer!.awaiting.some((q) => q.src === requester.index)).toBe(false);
    expect(swarm.stats.dropped.refused).toBeGreaterThanOrEqual(refused + theirs);
  });

  it('"verify" discards the tampered chunks a peer holds, not a forged file\'s', () => {
    // Every peer held by an idle player who turned hash checks off: a hacked seed's tampered chunks
    // are kept. Turning checks back on finds them; a cheat's forged chunks (matching hashes) pass.
    const m = match("server-breach", { topology: "swarm" });
    const swarm = world(m, "swarm");
    for (const n of swarm.nodes.filter((x) => x.kind === "peer")) {
      submitIntent(m, HOST, { type: "assign", team: "swarm", node: n.id, player: `idle-${n.id}` });
      stepMatch(m);
      submitIntent(m, player(`idle-${n.id}`), { type: "verify", team: "swarm", node: n.id, on: false });
    }
    runUntil(m, 45);
    const holding = () =>
      swarm.users.map((u) => swarm.nodes[u]!).find((n) => n.peer!.corrupt.some((c) => c !== 0));
    while (!holding() && m.tick < 70 * 10) stepMatch(m);
    const victim = holding();
    expect(victim, "a peer holds corrupt chunks").toBeDefined();
    const p = victim!.peer!;
    // Mark one held corrupt chunk as forged: it must survive the check.
    const item = p.corrupt.findIndex((c) => c !== 0);
    const forgedBit = p.corrupt[item]! & -p.corrupt[item]!;
    p.forged[item] = forgedBit;
    const corrupt = p.corrupt.slice();
    const have = p.have.slice();
    expect(
      submitIntent(m, player(`idle-${victim!.id}`), {
        type: "verify",
        team: "swarm",
        node: victim!.id,
        on: true,
      }),
    ).toEqual({ ok: true });
    expect(p.corrupt).toEqual(corrupt);
    stepMatch(m);
    expect(p.verify).toBe(true);
    expect(p.corrupt[item]).toBe(forgedBit);
    corrupt.forEach((bad, i) => {
      const tampered = i === item ? bad & ~forgedBit : bad;
      expect(p.have[i]! & tampered, `item ${i}`).toBe(0);
      // What it held clean is still there.
      expect((p.have[i]! & (have[i]! & ~bad)) >>> 0).toBe((have[i]! & ~bad) >>> 0);
    });
  });

  it('"leave" takes the peer out of the swarm for good', () => {
    const m = seated();
    const swarm = world(m, "swarm");
    const u1 = node(swarm, "U1");
    expect(submitIntent(m, player("p3"), { type: "leave", team: "swarm", node: "U1" })).toEqual({ ok: true });
    expect(u1.gone).toBe(false);
    stepMatch(m);
    expect(u1.gone).toBe(true);
    runUntil(m, 30);
    expect(u1.gone).toBe(true);
    expect(u1.user!.completed).toBe(0);
  });

  it("pause stops the clock, resume restarts it, add-time moves the end", () => {
    const m = seated();
    const end = m.endTick;
    apply(m, HOST, { type: "add-time", seconds: 30 });
    expect(m.endTick).toBe(end + 300);
    apply(m, HOST, { type: "pause" });
    const tick = m.tick;
    const hash = stateHash(m);
    for (let i = 0; i < 5; i++) stepMatch(m);
    expect(m.tick).toBe(tick);
    expect(stateHash(m)).toBe(hash);
    apply(m, HOST, { type: "resume" });
    expect(m.paused).toBe(false);
    stepMatch(m);
    expect(m.tick).toBeGreaterThan(tick);
  });

  it("a client's player picks the server: every request goes there, at once", () => {
    const m = seated({}, [...SEATS, ["hub", "U1", "p6"]]);
    const hub = world(m, "hub");
    const u1 = node(hub, "U1");
    const s2 = node(hub, "S2");
    runUntil(m, 5);
    const before = s2.counters.work;
    apply(m, player("p6"), { type: "server", team: "hub", node: "U1", server: "S2" });
    expect(u1.user!.chosen).toBe(s2.index);
    runUntil(m, 15);
    expect(s2.counters.work).toBeGreaterThan(before);
    // The client went on asking S2 for every item after the first.
    expect(u1.user!.completed).toBeGreaterThan(0);
    expect(u1.user!.chosen).toBe(s2.index);
  });

  it("after a timeout the autopilot's client moves to the next server; a player's asks the same again", () => {
    const m = seated({}, [...SEATS, ["hub", "U1", "p6"]]);
    const hub = world(m, "hub");
    const s1 = node(hub, "S1");
    apply(m, HOST, { type: "trigger", failure: { kind: "crash", at: 0, duration: 30, target: "S1" } });
    runUntil(m, 30);
    // Clients that started on S1: the bots' ones moved on and finished items; the player's still waits.
    const startedOnS1 = hub.users.filter((u) => hub.servers[hub.nodes[u]!.user!.slot % 2] === s1.index);
    const u1 = node(hub, "U1");
    expect(startedOnS1).toContain(u1.index);
    const bots = startedOnS1.filter((u) => u !== u1.index).map((u) => hub.nodes[u]!.user!.completed);
    expect(Math.min(...bots)).toBeGreaterThan(0);
    expect(u1.user!.completed).toBe(0);
  });

  it("a crashed node restarted by its player is back after the boot; the autopilot's after 15 s; nobody's never", () => {
    const crash = (m: Match, target: string) =>
      apply(m, HOST, { type: "trigger", failure: { kind: "crash", at: 0, duration: 60, target } });
    const m = seated();
    crash(m, "S1"); // held by p1
    crash(m, "S2"); // the autopilot's
    const hub = world(m, "hub");
    const [s1, s2] = [node(hub, "S1"), node(hub, "S2")];
    const at = m.tick;
    apply(m, player("p1"), { type: "restart", team: "hub", node: "S1" });
    runUntil(m, (at + RESTART_TICKS) / 10 + 0.2);
    expect(s1.downUntil).toBeLessThanOrEqual(m.tick);
    expect(s2.downUntil).toBeGreaterThan(m.tick);
    runUntil(m, (at + BOT_RESTART_DETECT_TICKS + RESTART_TICKS) / 10 + 0.5);
    expect(s2.downUntil).toBeLessThanOrEqual(m.tick);
    // A player who never restarts: down for the whole minute.
    const idle = seated();
    crash(idle, "S1");
    runUntil(idle, 50);
    expect(node(world(idle, "hub"), "S1").downUntil).toBeGreaterThan(idle.tick);
  });

  it("giving the node back to the autopilot lets the bot decide again", () => {
    const m = seated(withoutOrigin("calm"));
    const s1 = node(world(m, "hub"), "S1");
    runUntil(m, 2);
    expect(s1.server!.backup).toBe(false);
    apply(m, player("p1"), { type: "autopilot", team: "hub", node: "S1", on: true });
    expect(s1.autopilot).toBe(true);
    runUntil(m, 3);
    expect(s1.server!.backup).toBe(true);
  });
});

describe("the intent schema refuses malformed shapes", () => {
  const good: unknown[] = [
    { type: "upgrade", team: "hub", node: "S1" },
    { type: "route", team: "hub", node: "R1", dest: "S1", link: "R1-R2" },
    { type: "route", team: "hub", node: "R1", dest: "S1", link: "R1-R2", alt: "R6-R1" },
    { type: "request-chunk", team: "swarm", node: "U1", item: 0, chunk: 3, from: "S1" },
    { type: "prioritise", team: "hub", node: "R1", kind: "chunk" },
    { type: "prioritise", team: "hub", node: "R1", kind: null },
    { type: "access", team: "swarm", node: "U1", peer: "U2", allow: false },
    { type: "pause" },
    { type: "add-time", seconds: 60 },
    { type: "assign", team: "swarm", node: "U3", player: null },
    { type: "trigger", failure: { kind: "link-cut", at: 0, target: "R1-R2", duration: 10 } },
  ];

  it("accepts well-formed intents", () => {
    for (const intent of good)
      expect(intentSchema.safeParse(intent).success, JSON.stringify(intent)).toBe(true);
    expect(nodeIntentSchema.safeParse(good[0]).success).toBe(true);
    expect(hostIntentSchema.safeParse(good[0]).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: "pause" }).success).toBe(true);
  });

  const bad: [string, unknown][] = [
    ["not an object", "upgrade"],
    ["null", null],
    ["no type", { team: "hub", node: "S1" }],
    ["an unknown type", { type: "explode", team: "hub", node: "S1" }],
    ["a missing node", { type: "upgrade", team: "hub" }],
    ["a missing team", { type: "upgrade", node: "S1" }],
    ["a route without a link", { type: "route", team: "hub", node: "R1", dest: "S1" }],
    ["a backup without on", { type: "backup", team: "hub", node: "S1" }],
    ["add-time without seconds", { type: "add-time" }],
    ["a trigger without a failure", { type: "trigger" }],
    ["an extra field on a node intent", { type: "upgrade", team: "hub", node: "S1", amount: 2 }],
    ["an extra field on a host intent", { type: "pause", now: true }],
    ["an extra field in a failure", { type: "trigger", failure: { kind: "crash", at: 0, why: "x" } }],
    ["an unknown team", { type: "upgrade", team: "moon", node: "S1" }],
    ["a number for a node id", { type: "upgrade", team: "hub", node: 1 }],
    ["an empty node id", { type: "upgrade", team: "hub", node: "" }],
    ["a very long node id", { type: "upgrade", team: "hub", node: "S".repeat(100) }],
    ["a string for a boolean", { type: "backup", team: "hub", node: "S1", on: "yes" }],
    ["a negative item", { type: "cache", team: "hub", node: "S1", item: -1 }],
    [
      "a fractional chunk",
      { type: "request-chunk", team: "swarm", node: "U1", item: 0, chunk: 1.5, from: "S1" },
    ],
    ["an unknown strategy", { type: "strategy", team: "swarm", node: "U1", strategy: "greedy" }],
    ["an unknown policy", { type: "policy", team: "swarm", node: "U1", policy: "maybe" }],
    ["an unknown packet kind", { type: "prioritise", team: "hub", node: "R1", kind: "video" }],
    ["zero seconds added", { type: "add-time", seconds: 0 }],
    ["too many seconds added", { type: "add-time", seconds: 601 }],
    ["an unknown failure kind", { type: "trigger", failure: { kind: "meteor", at: 0 } }],
    [
      "a failure with a bad magnitude",
      { type: "trigger", failure: { kind: "packet-loss", at: 0, magnitude: 2 } },
    ],
    ["an assignment with no player field", { type: "assign", team: "hub", node: "S1" }],
    ["an assignment to a number", { type: "assign", team: "hub", node: "S1", player: 7 }],
  ];
  for (const [what, intent] of bad) {
    it(`refuses ${what}`, () => {
      expect(intentSchema.safeParse(intent).success).toBe(false);
    });
  }
});
