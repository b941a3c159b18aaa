/**
 * The WebSocket fallback: where WebRTC cannot connect, the friend's
 * signaling socket carries both lanes — text frames are the control lane,
 * binary frames the state lane (reliable here, which costs latency under
 * loss but nothing else).
 */
import type { WebSocket } from 'ws';
import type { LinkStats, PlayerLink } from './playerLink';

export function createWebSocketLink(socket: WebSocket): PlayerLink {
  let bytesSent = 0;
  let bytesReceived = 0;
  let closed = false;
  const closeListeners: Array<(reason: string) => void> = [];
  socket.on('close', (code) => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener(`socket closed (${code})`);
  });
  return {
    transport: 'websocket',
    get closed() {
      return closed;
    },
    sendControl(text) {
      if (closed || socket.readyState !== socket.OPEN) return;
      bytesSent += text.length;
      socket.send(text);
    },
    sendState(bytes) {
      if (closed || socket.readyState !== socket.OPEN) return;
      bytesSent += bytes.length;
      socket.send(bytes, { binary: true });
    },
    onControl(listener) {
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        const text = data.toString();
        bytesReceived += text.length;
        listener(text);
      });
    },
    onState(listener) {
      socket.on('message', (data, isBinary) => {
        if (!isBinary) return;
        const bytes = data instanceof Buffer ? data : Buffer.concat(data as Buffer[]);
        bytesReceived += bytes.length;
        listener(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    close(reason = 'closed by the host') {
      if (closed) return;
      socket.close(1000, reason.slice(0, 120));
    },
    stats(): LinkStats {
      return { bytesSent, bytesReceived, rttMs: null };
    },
  };
}
