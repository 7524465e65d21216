/**
 * Built-in scenarios. Each is an ordinary scenario document (the same shape a teacher saves) and each
 * plays as hub, swarm or versus: pick the topology when starting it.
 */
import type { Scenario } from "../scenario";

/** The classroom map: six routers in a ring, two content holders, twelve users (about 40 nodes in versus). */
const classroom: Omit<Scenario, "name" | "description" | "failures"> = {
  topology: "versus",
  seed: 20261121,
  duration: 180,
  budget: 2500,
  weights: { speed: 40, cost: 30, survival: 30 },
  map: {
    shape: "ring",
    routers: 6,
    regions: 3,
    servers: 2,
    users: 12,
    origin: true,
    latency: 2,
    bandwidth: 16,
  },
  workload: {
    items: 12,
    chunksPerItem: 20,
    itemsPerUser: 10,
    rampUp: 20,
    thinkTime: 6,
    messagesPerMinute: 4,
    serverHolds: "some",
  },
};

function scenario(
  name: string,
  description: string,
  failures: Scenario["failures"],
  over: Partial<Scenario> = {},
): Scenario {
  return { ...classroom, name, description, failures, ...over };
}

export const BUILT_IN_SCENARIOS: Record<string, Scenario> = {
  calm: scenario(
    "Calm day",
    "No failures: a baseline. Watch how each network delivers and what it costs to run.",
    [],
  ),
  "server-crash": scenario(
    "Server crash",
    "The only content holder crashes for 40 seconds: the hub's single server, the swarm's single seed. A single point of failure, or not?",
    [{ kind: "crash", at: 60, duration: 40, target: "role:source" }],
    { map: { ...(classroom.map as object), servers: 1 } as Scenario["map"] },
  ),
  "flash-crowd": scenario(
    "Flash crowd",
    "Sixty new users arrive at once, five times the usual crowd. Does the network slow down for everyone?",
    [{ kind: "flash-crowd", at: 50, magnitude: 60 }],
  ),
  "seeds-leave": scenario(
    "Seeds leave early",
    "Every seed leaves after 8 seconds, before a full copy has spread. In the hub, servers stay: that is what you pay them for.",
    [{ kind: "churn", at: 8, target: "role:seed", magnitude: 99 }],
  ),
  "malicious-peer": scenario(
    "Malicious peer",
    "A stranger joins the swarm and serves corrupt chunks. Verify what you receive and block the cheat. A hub has no strangers.",
    [{ kind: "malicious-peer", at: 25, magnitude: 1 }],
  ),
  "link-cut": scenario(
    "Link cut",
    "The busiest link between routers is cut for a minute. Routers re-route by hand at once, or the autopilot converges slowly.",
    [{ kind: "link-cut", at: 50, duration: 60, target: "busiest" }],
  ),
  "server-breach": scenario(
    "Server breach",
    "A content holder is hacked and serves corrupt data until it is isolated and patched.",
    [{ kind: "breach", at: 45, target: "role:source" }],
  ),
  "regional-outage": scenario(
    "Regional outage",
    "A power cut takes down every node in the North region for 30 seconds.",
    [{ kind: "outage", at: 60, duration: 30, target: "North" }],
  ),
  "disk-failure": scenario(
    "Disk failure",
    "A content holder loses its disk. A server with backups restores it; a seed's data is gone.",
    [{ kind: "disk-failure", at: 60, target: "role:source" }],
  ),
  ddos: scenario(
    "DDoS attack",
    "A botnet floods a content holder with junk for 30 seconds. Blocking the sources helps.",
    [{ kind: "ddos", at: 50, duration: 30, target: "role:source", magnitude: 15 }],
  ),
  wiretap: scenario(
    "Wiretap",
    "The busiest router copies every unencrypted packet that crosses it. Encryption costs capacity; leaks cost survival.",
    [{ kind: "wiretap", at: 20, duration: 140, target: "busiest" }],
  ),
  "stormy-day": scenario("Stormy day", "Congestion, a lossy link and a router crash, one after another.", [
    { kind: "congestion", at: 30, duration: 30, target: "busiest", magnitude: 0.25 },
    { kind: "packet-loss", at: 70, duration: 30, target: "random", magnitude: 0.3 },
    { kind: "crash", at: 110, duration: 20, target: "role:router" },
  ]),
  "big-school": scenario(
    "Fifty computers",
    "Fifty users, a wiretapped router and three cheats who join the swarm. With this many machines, is central management worth its cost?",
    [
      { kind: "wiretap", at: 20, duration: 140, target: "busiest" },
      { kind: "malicious-peer", at: 30, magnitude: 3 },
    ],
    {
      map: {
        shape: "ring",
        routers: 8,
        regions: 4,
        servers: 3,
        users: 50,
        origin: true,
        latency: 2,
        bandwidth: 24,
      },
      budget: 4000,
    },
  ),
  district: scenario(
    "District network",
    "A large network: forty routers, ten content holders, 150 users a side (about 400 nodes), with a crash and a flash crowd.",
    [
      { kind: "crash", at: 60, duration: 30, target: "role:source" },
      { kind: "flash-crowd", at: 90, magnitude: 40 },
    ],
    {
      map: {
        shape: "grid",
        routers: 40,
        regions: 4,
        servers: 10,
        users: 150,
        origin: true,
        latency: 2,
        bandwidth: 12,
      },
      duration: 120,
      budget: 12000,
    },
  ),
};

/** The scenario `npm start` and the headless command use when none is named. */
export const DEFAULT_SCENARIO = "calm";
