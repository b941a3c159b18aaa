import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, IPC_STATE_CHANNEL } from '../shared/bridge';
import { HostApiError } from '../shared/hostApi';
import type { HostCore, HostSession } from './host/hostCore';

/**
 * Serves the host API to the app window over IPC. Requests are accepted only
 * from the window's own main frame; the core validates the payload. The
 * binary lane (the window's player link) is its own channel of Uint8Arrays.
 */
export function serveHostOverIpc(core: HostCore, window: BrowserWindow): () => void {
  const session: HostSession = core.openSession(
    (event, data) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event, data);
    },
    {
      sendState: (bytes) => {
        if (!window.isDestroyed()) window.webContents.send(IPC_STATE_CHANNEL, bytes);
      },
    },
  );
  const isTrusted = (event: IpcMainInvokeEvent | IpcMainEvent) =>
    event.sender === window.webContents && event.senderFrame === window.webContents.mainFrame;
  const onState = (event: IpcMainEvent, bytes: unknown) => {
    // Structured clone delivers the renderer's Uint8Array as one; anything else is not a packet.
    if (isTrusted(event) && bytes instanceof Uint8Array) session.receiveState(bytes);
  };
  ipcMain.on(IPC_STATE_CHANNEL, onState);

  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, method: unknown, params: unknown) => {
    if (!isTrusted(event)) return { ok: false, code: 'forbidden', message: 'untrusted sender' };
    try {
      return { ok: true, result: await session.request(method, params) };
    } catch (error) {
      const code = error instanceof HostApiError ? error.code : 'handler_failed';
      return { ok: false, code, message: (error as Error).message };
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
    ipcMain.off(IPC_STATE_CHANNEL, onState);
    session.close();
  };
}
