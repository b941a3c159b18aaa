/**
 * The client's side of a player link, whatever carries it: a reliable
 * ordered control lane (JSON text: welcome, reset, bye) and a state lane
 * (binary: snapshot packets in, input packets out). WebRTC data channels
 * (clientLink.webrtc.ts), the WebSocket fallback (clientLink.ws.ts) and the
 * host window's local link over the host API (clientLink.local.ts)
 * implement it; one client (playerClient.ts) plays over any of them.
 */
export type LinkTransport = 'webrtc' | 'websocket' | 'local';

export interface ClientLink {
  readonly transport: LinkTransport;
  /** One input packet; the bytes may be reused by the caller once it returns. */
  sendState(bytes: Uint8Array): void;
  onState(listener: (bytes: Uint8Array) => void): void;
  onControl(listener: (text: string) => void): void;
  /** Called once, when the link ends from either side. */
  onClose(listener: (reason: string) => void): void;
  /** Round-trip time the transport itself measures, ms; null where it has none. */
  rttMs(): Promise<number | null>;
  close(): void;
}
