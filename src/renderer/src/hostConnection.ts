import { BRIDGE_KEY, WS_API_PATH } from '../../shared/bridge';
import type { HostClient } from '../../shared/hostApi';
import { createRpcClient } from '../../shared/rpcClient';
import type { TextChannel } from '../../shared/textChannel';

export type TransportKind = 'electron-ipc' | 'websocket';

export interface HostConnection {
  client: HostClient;
  transport: TransportKind;
}

/**
 * Finds the transport by itself: inside the desktop app the preload bridge
 * is on `window`; in a browser the page talks to the host that served it.
 */
export async function connectHost(): Promise<HostConnection> {
  const bridge = (window as unknown as Record<string, unknown>)[BRIDGE_KEY] as
    HostClient | undefined;
  if (bridge) return { client: bridge, transport: 'electron-ipc' };
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const channel = await openWebSocket(`${protocol}//${location.host}${WS_API_PATH}`);
  return { client: createRpcClient(channel), transport: 'websocket' };
}

function openWebSocket(url: string): Promise<TextChannel> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.addEventListener('error', () => reject(new Error(`cannot reach the host at ${url}`)), {
      once: true,
    });
    socket.addEventListener(
      'open',
      () =>
        resolve({
          send: (text) => socket.readyState === WebSocket.OPEN && socket.send(text),
          onMessage: (listener) =>
            socket.addEventListener('message', (event) => {
              if (typeof event.data === 'string') listener(event.data);
            }),
          onClose: (listener) => socket.addEventListener('close', () => listener()),
          close: () => socket.close(),
        }),
      { once: true },
    );
  });
}
