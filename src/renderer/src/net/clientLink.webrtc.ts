import { createCloser, onBinaryMessage, onTextMessage, type ClientLink } from './clientLink';

/** A player link over the two open data channels (`control`, `state`) of a peer connection. */
export function createWebRtcClientLink(
  peer: RTCPeerConnection | null,
  channels: Map<string, RTCDataChannel>,
): ClientLink {
  const stateLane = channels.get('state')!;
  const control = channels.get('control')!;
  const { listeners: closeListeners, shut } = createCloser(() => peer?.close());
  control.addEventListener('close', () => shut('the connection to the host closed'));
  peer?.addEventListener('connectionstatechange', () => {
    if (peer.connectionState === 'failed' || peer.connectionState === 'closed')
      shut('the connection to the host was lost');
  });
  return {
    transport: 'webrtc',
    sendState(bytes) {
      if (stateLane.readyState === 'open') stateLane.send(bytes.slice());
    },
    onState: (listener) => onBinaryMessage(stateLane, listener),
    onControl: (listener) => onTextMessage(control, listener),
    onClose(listener) {
      closeListeners.push(listener);
    },
    async rttMs() {
      if (!peer) return null;
      let rtt: number | null = null;
      (await peer.getStats()).forEach((entry) => {
        if (
          entry.type === 'candidate-pair' &&
          entry.nominated &&
          typeof entry.currentRoundTripTime === 'number'
        )
          rtt = entry.currentRoundTripTime * 1000;
      });
      return rtt;
    },
    close: () => shut('left'),
  };
}
