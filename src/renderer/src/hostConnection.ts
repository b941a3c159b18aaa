import { BRIDGE_KEY, WS_API_PATH } from '../../shared/bridge';
import type { HostClient } from '../../shared/hostApi';
import { createRpcClient, type RpcClient } from '../../shared/rpcClient';
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
  const key = hostKey();
  if (!key) throw new NotTheHostError();
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const channel = await openWebSocket(
    `${protocol}//${location.host}${WS_API_PATH}?key=${encodeURIComponent(key)}`,
  );
  return { client: createRpcClient(channel), transport: 'websocket' };
}

/** A friend allowed to edit behaviors: the host API at the host they joined, with their session token. */
export async function connectAsEditor(
  hostOrigin: string,
  session: string,
): Promise<HostConnection & { client: RpcClient }> {
  const url = new URL(WS_API_PATH, hostOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('session', session);
  return { client: createRpcClient(await openWebSocket(url.toString())), transport: 'websocket' };
}

const HOST_KEY_STORAGE = 'arbiter.hostKey';

/**
 * The host key from the link the headless host printed (`#host=KEY`); kept
 * for this tab so a reload stays the host, and taken out of the address bar.
 */
export function hostKey(): string | null {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('host');
  if (fromLink) {
    sessionStorage.setItem(HOST_KEY_STORAGE, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
    return fromLink;
  }
  return sessionStorage.getItem(HOST_KEY_STORAGE);
}

/** This page was opened without the host's key: it can only join as a friend. */
export class NotTheHostError extends Error {
  constructor() {
    super(
      'this page was not opened with the host link, so it cannot run the host; join with an invite',
    );
    this.name = 'NotTheHostError';
  }
}

function openWebSocket(url: string): Promise<TextChannel> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
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
          // Binary frames: the state lane of the host window's player link.
          sendBytes: (bytes) => socket.readyState === WebSocket.OPEN && socket.send(bytes.slice()),
          onBytes: (listener) =>
            socket.addEventListener('message', (event) => {
              if (event.data instanceof ArrayBuffer) listener(new Uint8Array(event.data));
            }),
          onClose: (listener) =>
            socket.addEventListener('close', (event) => listener(event.reason)),
          close: () => socket.close(),
        }),
      { once: true },
    );
  });
}
