/**
 * The host API's binary lane. Beside a session's JSON requests and events,
 * the host window's player link carries snapshot packets (host → window)
 * and input packets (window → host) as bytes, never as base64: Electron IPC
 * on its own channel (Uint8Array), the headless host's WebSocket as binary
 * frames, an in-memory pair as copies. Each message is a bundle of packets
 * (packBundle below).
 */
export interface StateLane {
  /** Sends one message (a bundle); the bytes may be reused by the caller once it returns. */
  send(bytes: Uint8Array): void;
  /** Calls `listener` with each message that arrives; returns the function that stops it. */
  onBytes(listener: (bytes: Uint8Array) => void): () => void;
}

/**
 * One lane message carries a bundle of packets — a tick's snapshot
 * fragments leave together, so the window applies the tick in one task
 * instead of waiting between fragments behind a frame being drawn: each
 * packet as its length (u16, little-endian) then its bytes.
 */
export function packBundle(packets: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let size = 0;
  for (const packet of packets) {
    if (packet.length > 0xffff)
      throw new RangeError(`a lane packet holds at most 65,535 bytes, got ${packet.length}`);
    size += 2 + packet.length;
  }
  const bundle = new Uint8Array(size);
  let at = 0;
  for (const packet of packets) {
    bundle[at] = packet.length & 0xff;
    bundle[at + 1] = packet.length >> 8;
    bundle.set(packet, at + 2);
    at += 2 + packet.length;
  }
  return bundle;
}

/**
 * Calls `each` with every packet of a bundle, in order (views into it).
 * Returns false for a malformed bundle (a length past its end), after the
 * whole packets before that point: untrusted bytes never throw.
 */
export function unpackBundle(bundle: Uint8Array, each: (packet: Uint8Array) => void): boolean {
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) return false;
    const length = bundle[at] | (bundle[at + 1] << 8);
    if (at + 2 + length > bundle.length) return false;
    each(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return true;
}
