/** The kinds of packet the simulation carries (types.ts's model and the decision schemas both name them). */
export const PACKET_KINDS = ["request", "chunk", "chunk-request", "message", "control", "junk"] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];
