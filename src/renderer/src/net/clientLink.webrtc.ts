import type { ClientLink } from './clientLink';

/** A player link over the two open data channels (`control`, `state`) of a peer connection. */
export function createWebRtcClientLink(
  peer: RTCPeerConnection | null,
  channels: Map<string, RTCDataChannel>,
): ClientLink {
  const stateLane = channels.get('state')!;
  const control = channels.get('control')!;
  const closeListeners: Array<(reason: string) => void> = [];
  let closed = false;
  const shut = (reason: string) => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener(reason);
    peer?.close();
  };
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
    onState(listener) {
      stateLane.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer) listener(new Uint8Array(event.data));
      });
    },
    onControl(listener) {
      control.addEventListener('message', (event) => {
        if (typeof event.data === 'string') listener(event.data);
      });
    },
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
