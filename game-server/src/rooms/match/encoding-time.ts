/**
 * How long a room's state encoder runs, so a tick's cost (simulation + encoding) is reported apart
 * from handing the bytes to hundreds of sockets (ops/metrics.ts).
 */
import type { Room } from "@colyseus/core";

/**
 * Wraps the room's state encoder to report each encoding's milliseconds. Colyseus keeps the encoder
 * inside its serializer; the wrapper is on this room's encoder instance only.
 */
export function timeEncoding(room: Room, encoded: (ms: number) => void): void {
  type Encode = (...args: unknown[]) => unknown;
  const serializer = (room as unknown as { _serializer?: { encoder?: { encode: Encode } } })._serializer;
  const encoder = serializer?.encoder;
  if (!encoder) return;
  const encode = encoder.encode;
  encoder.encode = (...args: unknown[]) => {
    const t0 = performance.now();
    try {
      return encode.apply(encoder, args);
    } finally {
      encoded(performance.now() - t0);
    }
  };
}
