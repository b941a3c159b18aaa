/**
 * The host API's binary lane. Beside a session's JSON requests and events,
 * the host window's player link carries snapshot packets (host → window)
 * and input packets (window → host) as bytes, never as base64: Electron IPC
 * on its own channel (Uint8Array), the headless host's WebSocket as binary
 * frames, an in-memory pair as copies.
 */
export interface StateLane {
  /** Sends one packet; the bytes may be reused by the caller once it returns. */
  send(bytes: Uint8Array): void;
  /** Calls `listener` with each packet that arrives; returns the function that stops it. */
  onBytes(listener: (bytes: Uint8Array) => void): () => void;
}
