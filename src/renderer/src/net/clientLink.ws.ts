import { createCloser, onBinaryMessage, onTextMessage, type ClientLink } from './clientLink';

/**
 * The WebSocket fallback: the friend's signaling socket carries both lanes,
 * text frames the control lane and binary frames the state lane.
 */
export function createWebSocketClientLink(socket: WebSocket): ClientLink {
  socket.binaryType = 'arraybuffer';
  const { listeners: closeListeners, shut } = createCloser(() => socket.close());
  socket.addEventListener('close', () => shut('the connection to the host closed'));
  return {
    transport: 'websocket',
    sendState(bytes) {
      if (socket.readyState === WebSocket.OPEN) socket.send(bytes.slice());
    },
    onState: (listener) => onBinaryMessage(socket, listener),
    onControl: (listener) => onTextMessage(socket, listener),
    onClose(listener) {
      closeListeners.push(listener);
    },
    rttMs: async () => null,
    close: () => shut('left'),
  };
}
