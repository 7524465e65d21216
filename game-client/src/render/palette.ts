/** The palette (Okabe–Ito, colour-blind safe) and each packet kind's look: plain values, no side effects. */
export const COLORS = {
  ink: 0x1d2433,
  paper: 0xf4f6fa,
  line: 0xb9c1cf,
  hub: 0xe69f00,
  swarm: 0x009e73,
  blue: 0x0072b2,
  sky: 0x56b4e9,
  warn: 0xd55e00,
  yellow: 0xf0e442,
  purple: 0xcc79a7,
  white: 0xffffff,
} as const;

/** Packet kinds: each its own colour and shape (readable without colour vision). */
export const PACKET_STYLE: Record<string, { texture: string; color: number; label: string }> = {
  request: { texture: "pkt-triangle", color: COLORS.sky, label: "request" },
  chunk: { texture: "pkt-circle", color: COLORS.blue, label: "piece of data" },
  "chunk-request": { texture: "pkt-triangle", color: COLORS.sky, label: "request for a piece" },
  message: { texture: "pkt-square", color: COLORS.purple, label: "chat message" },
  control: { texture: "pkt-circle", color: COLORS.line, label: "network housekeeping" },
  junk: { texture: "pkt-cross", color: COLORS.ink, label: "junk (an attack)" },
};
export const CORRUPT_STYLE = { texture: "pkt-diamond", color: COLORS.warn, label: "broken data" };

/** The one texture every packet sprite draws from (frames pkt-circle, pkt-triangle, …), made by the Preloader. */
export const PACKET_TEXTURE = "packets";
