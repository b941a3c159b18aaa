import { createCloser, onBinaryMessage, onTextMessage, type ClientLink } from './clientLink';

/** Control texts of channels announced but not yet read by a link; null once a link reads them. */
const held = new WeakMap<RTCDataChannel, string[] | null>();

/**
 * Keeps what the host says on `channel` from the moment it is announced:
 * the host sends the players and the score as soon as its side is up,
 * which may be before this page has heard `webrtc-ready` and built the link.
 */
export function holdControlMessages(channel: RTCDataChannel): void {
  const queue: string[] = [];
  held.set(channel, queue);
  onTextMessage(channel, (text) => held.get(channel)?.push(text));
}

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
    onControl(listener) {
      // The texts that came before the link, first and in order (one reader: the player client).
      const early = held.get(control);
      held.set(control, null);
      for (const text of early ?? []) listener(text);
      onTextMessage(control, listener);
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
