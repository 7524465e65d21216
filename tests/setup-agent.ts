/**
 * Test processes start and stop many servers, and the kernel hands a new server a port an earlier one
 * used. Node's shared HTTP agent (colyseus.js's matchmaking requests go through it) keeps idle
 * connections for reuse, and may reuse one to a server that has gone: the request then fails with
 * "socket hang up" before any server sees it. Tests open a fresh connection per request instead.
 *
 * The shared agent also gives up on a request after 5 s without a byte (Node's default for it), with
 * the same "socket hang up": a server opening its embedded database answers a join after that on a
 * busy machine. A browser waits; so do the tests.
 */
import http from "node:http";

const agent = http.globalAgent as http.Agent & { keepAlive: boolean; options: http.AgentOptions };
agent.keepAlive = false;
delete agent.options.timeout;
