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

/**
 * A security hole published early in every classroom scenario with failures: whatever else goes
 * wrong, every computer needs its update (one decision from a hub's server covers them all; each
 * peer installs its own), and a team that leaves its machines open leaks their data.
 */
const HOLE: Scenario["failures"][number] = { kind: "exploit", at: 30 };
const HOLE_WORDS = " Thirty seconds in, a security hole is published: every computer needs its update.";

function scenario(
  name: string,
  description: string,
  failures: Scenario["failures"],
  lesson: Lesson,
  over: Partial<Scenario> = {},
  hole = failures.length > 0,
): Scenario {
  return {
    ...classroom,
    name,
    description: hole ? description + HOLE_WORDS : description,
    failures: hole ? [HOLE, ...failures] : failures,
    lesson,
    ...over,
  };
}

type Lesson = NonNullable<Scenario["lesson"]>;

/** The margin every built-in lesson must clear on every seed, in points on its measure. */
const MARGIN = 10;
const lesson = (claim: string, ahead: Lesson["ahead"], measure: Lesson["measure"]): Lesson => ({
  claim,
  ahead,
  measure,
  margin: MARGIN,
});

export const BUILT_IN_SCENARIOS: Record<string, Scenario> = {
  calm: scenario(
    "Calm day",
    "No failures: a baseline. Watch how each network delivers and what it costs to run.",
    [],
    lesson(
      "A peer-to-peer network is cheap: there are no servers to buy, run or look after.",
      "swarm",
      "cost",
    ),
  ),
  "server-crash": scenario(
    "Server crash",
    "The only content holder crashes: the hub's single server, the swarm's single seed. It comes back by itself after 40 seconds, sooner if someone restarts it. A single point of failure, or not?",
    [{ kind: "crash", at: 60, duration: 40, target: "role:source" }],
    lesson(
      "When the only server crashes every client must wait; in a swarm the data lives on many peers and keeps flowing.",
      "swarm",
      "survival",
    ),
    // One more user than the classroom map keeps twenty seats a team (a class of 40) with one server.
    { map: { ...(classroom.map as object), servers: 1, users: 13 } as Scenario["map"] },
  ),
  "flash-crowd": scenario(
    "Flash crowd",
    "Sixty new users arrive at once, five times the usual crowd. Does the network slow down for everyone?",
    [{ kind: "flash-crowd", at: 50, magnitude: 60 }],
    lesson(
      "A crowd slows one server down for everyone; in a swarm every newcomer also uploads, so it keeps up.",
      "swarm",
      "survival",
    ),
  ),
  "seeds-leave": scenario(
    "Seeds leave early",
    "Every seed leaves after 8 seconds, before a full copy has spread. In the hub, servers stay: that is what you pay them for.",
    [{ kind: "churn", at: 8, target: "role:seed", magnitude: 99 }],
    lesson(
      "If people stop seeding before a full copy has spread, the data is lost; a server keeps its copy.",
      "hub",
      "lost",
    ),
  ),
  "malicious-peer": scenario(
    "Malicious peer",
    "Two strangers join the swarm and share a harmful copy of the files, with hashes to match: every check passes. Users find out when they open a file, and each owner must block the cheats. A hub has no strangers.",
    [{ kind: "malicious-peer", at: 25, magnitude: 2 }],
    lesson(
      "A peer-to-peer network has no central check, so a stranger's harmful file reaches users; a hub has no strangers.",
      "hub",
      "corrupt",
    ),
  ),
  "link-cut": scenario(
    "Link cut",
    "The busiest link between routers is cut for a minute. Routers re-route by hand at once, or the autopilot converges slowly.",
    [{ kind: "link-cut", at: 50, duration: 60, target: "busiest" }],
    lesson(
      "One cut link hurts the hub most: all its traffic runs to its one server, while a swarm's is spread over many paths.",
      "swarm",
      "survival",
    ),
    // One server, as in most schools (one more user keeps twenty seats a team: a class of 40).
    { map: { ...(classroom.map as object), servers: 1, users: 13 } as Scenario["map"] },
  ),
  "server-breach": scenario(
    "Server breach",
    "A content holder is hacked and serves corrupt data until it is isolated and patched.",
    [{ kind: "breach", at: 45, target: "role:source" }],
    lesson(
      "A hacked server controls everything it serves; in a swarm one hacked peer is one source among many.",
      "swarm",
      "corrupt",
    ),
  ),
  "regional-outage": scenario(
    "Regional outage",
    "A power cut takes down every node in the East region for 30 seconds: the building with the hub's server, and the swarm's first seed.",
    [{ kind: "outage", at: 60, duration: 30, target: "East" }],
    lesson(
      "When a region goes dark, the hub loses the server that sits there; a swarm has copies in every region.",
      "swarm",
      "survival",
    ),
    // One server, as in most schools (one more user keeps twenty seats a team: a class of 40).
    { map: { ...(classroom.map as object), servers: 1, users: 13 } as Scenario["map"] },
  ),
  "disk-failure": scenario(
    "Disk failure",
    "Early in the day, before copies have spread, the only content holder loses its disk. A server gets its data back from a backup or the origin; a seed's data is gone.",
    [{ kind: "disk-failure", at: 10, target: "role:source" }],
    lesson(
      "Backups are central and automatic on a server; a peer's lost data is gone unless someone else copied it.",
      "hub",
      "lost",
    ),
    // One more user than the classroom map keeps twenty seats a team (a class of 40) with one server.
    { map: { ...(classroom.map as object), servers: 1, users: 13 } as Scenario["map"] },
  ),
  ddos: scenario(
    "DDoS attack",
    "A botnet floods the content holder with junk for 30 seconds: the hub's only server, one of the swarm's seeds. Blocking the sources has them filtered upstream, before the junk fills the line.",
    [{ kind: "ddos", at: 60, duration: 30, target: "role:source", magnitude: 15 }],
    lesson(
      "A flood of junk swamps the one server everyone needs; in a swarm it hits one peer and the others keep sharing.",
      "swarm",
      "survival",
    ),
    // One more user than the classroom map keeps twenty seats a team (a class of 40) with one server.
    { map: { ...(classroom.map as object), servers: 1, users: 13 } as Scenario["map"] },
  ),
  wiretap: scenario(
    "Wiretap",
    "The busiest router copies every unencrypted packet that crosses it. Encryption costs capacity; leaks cost survival.",
    [{ kind: "wiretap", at: 20, duration: 140, target: "busiest" }],
    lesson(
      "A managed server encrypts every connection at once; in a swarm each computer must be set up on its own, and some are not.",
      "hub",
      "leaked",
    ),
  ),
  "stormy-day": scenario(
    "Stormy day",
    "Congestion, a lossy link and a router crash, one after another, each where the traffic is heaviest.",
    [
      { kind: "congestion", at: 25, duration: 25, target: "busiest", magnitude: 0.1 },
      { kind: "packet-loss", at: 50, duration: 25, target: "busiest", magnitude: 0.3 },
      { kind: "crash", at: 75, duration: 20, target: "busiest" },
    ],
    lesson(
      "Bad weather on the links hurts a hub more: all its traffic crowds onto the paths to its one server.",
      "swarm",
      "survival",
    ),
    // One server, as in most schools (one more user keeps twenty seats a team: a class of 40).
    { map: { ...(classroom.map as object), servers: 1, users: 13 } as Scenario["map"] },
  ),
  "big-school": scenario(
    "Fifty computers",
    "Fifty users, a wiretapped router and three cheats who join the swarm. With this many machines, is central management worth its cost?",
    [
      { kind: "wiretap", at: 20, duration: 140, target: "busiest" },
      { kind: "malicious-peer", at: 30, magnitude: 3 },
    ],
    lesson(
      "From about fifty computers, client-server is the better choice: one place to secure, update and back up them all.",
      "hub",
      "total",
    ),
    // The classroom's network with fifty computers, and the money to run them (as much per computer
    // as the classroom: `npm run crossover` plays this scenario from 5 to 150 users).
    { map: { ...(classroom.map as object), users: 50 } as Scenario["map"], budget: 7250 },
  ),
  district: scenario(
    "District network",
    "A large network: forty routers, ten content holders, 150 users a side (about 400 nodes), with a crash and a flash crowd.",
    [
      { kind: "crash", at: 60, duration: 30, target: "role:source" },
      { kind: "flash-crowd", at: 90, magnitude: 40 },
    ],
    lesson(
      "A large network is best run from central servers: hundreds of peers are hundreds of machines to secure on their own.",
      "hub",
      "total",
    ),
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
    false, // a school-sized network keeps to its own failures (its benchmarks measure these)
  ),
};

/** The scenario `npm start` and the headless command use when none is named. */
export const DEFAULT_SCENARIO = "calm";
