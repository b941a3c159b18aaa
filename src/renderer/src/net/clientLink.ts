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

/** Something that delivers `message` events (a data channel, a WebSocket). */
interface MessageSource {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Binary messages of `source` (with binaryType 'arraybuffer') as bytes. */
export function onBinaryMessage(
  source: MessageSource,
  listener: (bytes: Uint8Array) => void,
): void {
  source.addEventListener('message', (event) => {
    if (event.data instanceof ArrayBuffer) listener(new Uint8Array(event.data));
  });
}

/** Text messages of `source`. */
export function onTextMessage(source: MessageSource, listener: (text: string) => void): void {
  source.addEventListener('message', (event) => {
    if (typeof event.data === 'string') listener(event.data);
  });
}

/** Calls the link's close listeners once, with the first reason given, then `release`. */
export function createCloser(release: () => void) {
  const listeners: Array<(reason: string) => void> = [];
  let closed = false;
  return {
    listeners,
    shut(reason: string) {
      if (closed) return;
      closed = true;
      for (const listener of listeners) listener(reason);
      release();
    },
  };
}
