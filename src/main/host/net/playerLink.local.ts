/**
 * The host's own window as a player link. Its host API session carries both
 * lanes: control messages as `link` events, snapshot and input packets on
 * the session's binary lane (Uint8Array over Electron IPC, binary frames
 * over the headless host's WebSocket, copies over an in-memory pair). Both
 * lanes are reliable and ordered here, as on the WebSocket fallback. The
 * packets sent in one turn of the event loop (a tick's snapshot fragments)
 * leave as one bundle (stateLane.ts).
 */
import { packBundle, unpackBundle } from '../../../shared/stateLane';
import type { LinkStats, PlayerLink } from './playerLink';

/** The session's two outgoing lanes, as the link uses them. */
export interface LocalPort {
  sendControl(text: string): void;
  sendState(bytes: Uint8Array): void;
}

/** A local link and the end its session feeds. */
export interface LocalLink extends PlayerLink {
  /** A bundle the window sent on its binary lane (untrusted bytes, like a friend's). */
  receiveState(bytes: Uint8Array): void;
}

export function createLocalLink(port: LocalPort): LocalLink {
  let bytesSent = 0;
  let bytesReceived = 0;
  let closed = false;
  const stateListeners: Array<(bytes: Uint8Array) => void> = [];
  const closeListeners: Array<(reason: string) => void> = [];
  let pending: Uint8Array[] = [];
  const flush = () => {
    const packets = pending;
    pending = [];
    if (!closed) port.sendState(packBundle(packets));
  };
  return {
    transport: 'local',
    get closed() {
      return closed;
    },
    sendControl(text) {
      if (closed) return;
      bytesSent += text.length;
      port.sendControl(text);
    },
    sendState(bytes) {
      if (closed) return;
      bytesSent += bytes.length;
      if (pending.length === 0) queueMicrotask(flush);
      pending.push(bytes);
    },
    receiveState(bytes) {
      if (closed) return;
      bytesReceived += bytes.length;
      // A malformed bundle loses only itself; the engine validates each packet in it.
      unpackBundle(bytes, (packet) => {
        for (const listener of stateListeners) listener(packet);
      });
    },
    onControl() {
      // The window asks nothing of the host on this lane: its requests are host API calls.
    },
    onState(listener) {
      stateListeners.push(listener);
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    close(reason = 'closed by the host') {
      if (closed) return;
      closed = true;
      for (const listener of closeListeners) listener(reason);
    },
    stats(): LinkStats {
      return { bytesSent, bytesReceived, rttMs: null };
    },
  };
}
