import {
  HostApiError,
  type EventData,
  type EventName,
  type HostClient,
  type HostErrorCode,
  type RequestName,
  type RequestParams,
  type RequestResult,
} from './hostApi';
import { parseHostFrame } from './rpcProtocol';
import type { TextChannel } from './textChannel';

export interface RpcClient extends HostClient {
  /** Rejects every pending request and stops delivering events. */
  close(): void;
  readonly closed: boolean;
  /** Called once when the connection closes; `reason` is the host's, when it gave one. */
  onClose(listener: (reason: string | null) => void): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The host API client over a text channel (the WebSocket transport, or an
 * in-memory pair in tests). Results are trusted as the host's own answers.
 */
export function createRpcClient(channel: TextChannel): RpcClient {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(data: unknown) => void>>();
  const bytesListeners = new Set<(bytes: Uint8Array) => void>();
  const closeListeners: Array<(reason: string | null) => void> = [];

  channel.onMessage((text) => {
    const parsed = parseHostFrame(text);
    if (!parsed.ok) return;
    const frame = parsed.frame;
    if (frame.t === 'evt') {
      const set = listeners.get(frame.n);
      if (set) for (const listener of set) listener(frame.d);
      return;
    }
    const waiter = pending.get(frame.id);
    if (!waiter) return;
    pending.delete(frame.id);
    if (frame.ok) waiter.resolve(frame.r);
    else waiter.reject(new HostApiError(frame.e.code as HostErrorCode, frame.e.message));
  });

  let closedMessage = 'the connection to the host closed';
  const shutDown = (reason?: string) => {
    if (closed) return;
    closed = true;
    // The host says why it ended the session (a kick, a ban, a revoked invite): the user reads it.
    if (reason) closedMessage = `the host ended this session: ${reason}`;
    for (const waiter of pending.values()) {
      waiter.reject(new HostApiError('closed', closedMessage));
    }
    pending.clear();
    listeners.clear();
    bytesListeners.clear();
    for (const listener of closeListeners.splice(0)) listener(reason || null);
  };
  channel.onClose(shutDown);
  channel.onBytes?.((bytes) => {
    for (const listener of bytesListeners) listener(bytes);
  });

  return {
    get closed() {
      return closed;
    },
    stateLane: {
      send(bytes) {
        if (!closed) channel.sendBytes?.(bytes);
      },
      onBytes(listener) {
        bytesListeners.add(listener);
        return () => bytesListeners.delete(listener);
      },
    },
    request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
      if (closed) return Promise.reject(new HostApiError('closed', closedMessage));
      const id = nextId++;
      return new Promise<RequestResult<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        channel.send(JSON.stringify({ t: 'req', id, m: method, p: params }));
      });
    },
    on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const untyped = listener as (data: unknown) => void;
      set.add(untyped);
      return () => {
        listeners.get(event)?.delete(untyped);
      };
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    close() {
      channel.close();
      shutDown();
    },
  };
}
