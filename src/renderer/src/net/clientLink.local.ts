import type { HostClient } from '../../../shared/hostApi';
import { packBundle, unpackBundle } from '../../../shared/stateLane';
import { createCloser, type ClientLink } from './clientLink';

/**
 * The host's own window as a player: its host API connection (Electron IPC
 * or the headless host's WebSocket) carries the link — control messages as
 * `link` events, snapshot and input packets on its binary lane. Subscribing
 * to `snapshots` opens it; the host's first message is a `reset`.
 */
export function openLocalClientLink(client: HostClient): ClientLink {
  const offs: Array<() => void> = [];
  let closed = false;
  const { listeners: closeListeners, shut } = createCloser(() => {
    closed = true;
    for (const off of offs) off();
  });
  return {
    transport: 'local',
    sendState(bytes) {
      if (!closed) client.stateLane.send(packBundle([bytes]));
    },
    onState(listener) {
      // A tick's fragments arrive together: decoded in this one task.
      offs.push(client.stateLane.onBytes((bundle) => unpackBundle(bundle, listener)));
    },
    onControl(listener) {
      offs.push(client.on('link', listener));
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    rttMs: async () => null,
    close() {
      if (closed) return;
      shut('left');
      // A courtesy to the host; a closed connection has nothing left to stop.
      client.request('unsubscribe', { topics: ['snapshots'] }).catch(() => {});
    },
  };
}
