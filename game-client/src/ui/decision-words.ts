/** A player's recorded decision in a few words, for the replay's list of moments ("blocks Peer 4"). */
import type { NodeIntent } from "../../../shared/index";

/** `label` turns a node or link id of the decision's team into what the map shows. */
export function decisionWords(intent: NodeIntent, label: (id: string) => string): string {
  switch (intent.type) {
    case "route":
      if (intent.link === null) return `drops traffic for ${label(intent.dest)} (no route)`;
      return intent.alt
        ? `splits traffic for ${label(intent.dest)} over two links`
        : `routes traffic for ${label(intent.dest)} over ${label(intent.link)}`;
    case "block":
      return `blocks ${label(intent.source)}`;
    case "unblock":
      return `unblocks ${label(intent.source)}`;
    case "prioritise":
      return intent.kind ? `lets ${intent.kind} packets go first` : "drops its priority";
    case "upgrade":
      return "upgrades the server";
    case "replica":
      return intent.region
        ? `brings a replica online in ${intent.region}`
        : "brings a replica online in another region";
    case "cloud":
      return intent.on ? "moves to the cloud" : "leaves the cloud";
    case "backup":
      return intent.on ? "turns backups on" : "turns backups off";
    case "stateless":
      return intent.on ? "keeps sessions in a shared store" : "keeps sessions in the server's memory";
    case "encrypt":
      return intent.on ? "encrypts its traffic" : "stops encrypting";
    case "restore":
      return "restores from the backup";
    case "patch":
      return "isolates and patches the server";
    case "cache":
      return `caches file ${intent.item + 1} from upstream`;
    case "request-chunk":
      return `asks ${label(intent.from)} for a piece`;
    case "strategy":
      return `downloads ${intent.strategy === "rarest" ? "rarest pieces first" : `in ${intent.strategy} order`}`;
    case "access":
      return `${intent.allow ? "lets in" : "refuses"} ${label(intent.peer)}`;
    case "policy":
      return `sets sharing to “${intent.policy}”`;
    case "verify":
      return intent.on ? "checks every piece" : "stops checking pieces";
    case "leave":
      return "leaves the swarm";
    case "autopilot":
      return intent.on ? "hands over to the autopilot" : "takes the controls back";
    case "server":
      return `asks ${label(intent.server)} for files`;
    case "restart":
      return "restarts the machine";
    case "update":
      return "installs the security update";
  }
}
