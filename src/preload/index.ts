/**
 * The preload bridge: exposes the host API (and nothing else) to the
 * renderer as `window.arbiter`. Method and event names are allow-listed
 * from the shared contract; raw ipcRenderer never crosses the bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_KEY,
  IPC_EVENT_CHANNEL,
  IPC_REQUEST_CHANNEL,
  IPC_STATE_CHANNEL,
} from '../shared/bridge';
import type { EventData, HostClient, RequestParams, RequestResult } from '../shared/hostApi';
import {
  isEventName,
  isRequestName,
  type EventName,
  type RequestName,
} from '../shared/hostApiNames';

type IpcReply = { ok: true; result: unknown } | { ok: false; code: string; message: string };

const bridge: HostClient = {
  async request<M extends RequestName>(
    method: M,
    params: RequestParams<M>,
  ): Promise<RequestResult<M>> {
    if (!isRequestName(method)) throw new Error(`unknown_method: ${String(method)}`);
    const reply = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, method, params)) as IpcReply;
    if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
    return reply.result as RequestResult<M>;
  },
  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown event: ${String(event)}`);
    const handler = (_: IpcRendererEvent, name: string, data: unknown) => {
      if (name === event) listener(data as EventData<E>);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
    };
  },
  // The binary lane: the window's player link, as Uint8Arrays (no base64, no JSON).
  stateLane: {
    send(bytes) {
      ipcRenderer.send(IPC_STATE_CHANNEL, bytes);
    },
    onBytes(listener) {
      const handler = (_: IpcRendererEvent, bytes: unknown) => {
        if (bytes instanceof Uint8Array) listener(bytes);
      };
      ipcRenderer.on(IPC_STATE_CHANNEL, handler);
      return () => {
        ipcRenderer.off(IPC_STATE_CHANNEL, handler);
      };
    },
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
