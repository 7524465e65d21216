/**
 * Refuses a Node.js the server cannot run on, in one sentence, before anything else loads: on an old
 * Node the failure would otherwise come from deep inside a library, naming nothing a person can fix.
 * The versions are those Vite and Vitest support (package.json "engines" says the same).
 */
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
const supported = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
if (!supported) {
  console.error(
    `Hub & Swarm needs Node.js 20.19 or later in the 20 line, or 22.12 or later; this is ${process.version}. Install a supported Node.js (https://nodejs.org) and run npm install again.`,
  );
  process.exit(1);
}
