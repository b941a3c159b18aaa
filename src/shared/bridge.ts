/**
 * Names shared by the preload bridge and the Electron main process. The
 * preload exposes `window[BRIDGE_KEY]` as a HostClient and nothing else.
 */
export const BRIDGE_KEY = 'arbiter';
export const IPC_REQUEST_CHANNEL = 'arbiter:request';
export const IPC_EVENT_CHANNEL = 'arbiter:event';

/** Path of the WebSocket endpoint the headless host serves the host API on. */
export const WS_API_PATH = '/api';
