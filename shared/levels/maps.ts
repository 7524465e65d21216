/** Small maps and workloads the levels share: few enough nodes that a learner can follow every packet. */
import type { GeneratedMap, Scenario } from "../scenario";

type Workload = Scenario["workload"];

/** A hub router with three around it, one content holder, six users: the smallest network worth playing. */
export function smallStar(over: Partial<GeneratedMap> = {}): GeneratedMap {
  return {
    shape: "star",
    routers: 4,
    regions: 1,
    servers: 1,
    users: 6,
    origin: false,
    latency: 2,
    bandwidth: 16,
    ...over,
  };
}

/** Four routers in a ring: every pair of routers has two ways to reach each other. */
export function smallRing(over: Partial<GeneratedMap> = {}): GeneratedMap {
  return { ...smallStar(), shape: "ring", routers: 4, regions: 2, users: 8, ...over };
}

/** A short, steady workload: every user wants a few items, one after another. */
export function steadyWork(over: Partial<Workload> = {}): Workload {
  return {
    items: 6,
    chunksPerItem: 20,
    itemsPerUser: 4,
    rampUp: 6,
    thinkTime: 2,
    messagesPerMinute: 0,
    serverHolds: "all",
    ...over,
  };
}
