import type { ClientLink } from './clientLink';

/**
 * The WebSocket fallback: the friend's signaling socket carries both lanes,
 * text frames the control lane and binary frames the state lane.
 */
export function createWebSocketClientLink(socket: WebSocket): ClientLink {
  socket.binaryType = 'arraybuffer';
  const closeListeners: Array<(reason: string) => void> = [];
  let closed = false;
  const shut = (reason: string) => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener(reason);
    socket.close();
  };
  socket.addEventListener('close', () => shut('the connection to the host closed'));
  return {
    transport: 'websocket',
    sendState(bytes) {
      if (socket.readyState === WebSocket.OPEN) socket.send(bytes.slice());
    },
    onState(listener) {
      socket.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer) listener(new Uint8Array(event.data));
      });
    },
    onControl(listener) {
      socket.addEventListener('message', (event) => {
        if (typeof event.data === 'string') listener(event.data);
      });
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    rttMs: async () => null,
    close: () => shut('left'),
  };
}
