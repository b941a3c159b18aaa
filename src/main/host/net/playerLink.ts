/**
 * A connected friend, whatever carries them: two lanes, as DESIGN.md's
 * "Network" asks — a reliable ordered one for control (join, chat, acks of
 * important events) and an unreliable unordered one for snapshots and
 * inputs. WebRTC data channels, the WebSocket fallback and the host
 * window's local link (playerLink.local.ts) implement it.
 */
export interface LinkStats {
  bytesSent: number;
  bytesReceived: number;
  /** Round-trip time the transport itself measured, ms; null when it has none. */
  rttMs: number | null;
}

export interface PlayerLink {
  readonly transport: 'webrtc' | 'websocket' | 'local';
  /** Reliable, ordered: text. */
  sendControl(text: string): void;
  /** Unreliable, unordered (on WebRTC): binary. */
  sendState(bytes: Uint8Array): void;
  onControl(listener: (text: string) => void): void;
  onState(listener: (bytes: Uint8Array) => void): void;
  onClose(listener: (reason: string) => void): void;
  close(reason?: string): void;
  readonly closed: boolean;
  stats(): LinkStats;
}

/** Labels of the two data channels; the client checks them. */
export const CONTROL_CHANNEL = 'control';
export const STATE_CHANNEL = 'state';
