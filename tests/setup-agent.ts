/**
 * Test processes start and stop many servers, and the kernel hands a new server a port an earlier one
 * used. Node's shared HTTP agent (colyseus.js's matchmaking requests go through it) keeps idle
 * connections for reuse, and may reuse one to a server that has gone: the request then fails with
 * "socket hang up" before any server sees it. Tests open a fresh connection per request instead.
 */
import http from "node:http";

(http.globalAgent as http.Agent & { keepAlive: boolean }).keepAlive = false;
