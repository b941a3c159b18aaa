/**
 * Names shared by the preload bridge and the Electron main process. The
 * preload exposes `window[BRIDGE_KEY]` as a HostClient and nothing else.
 */
export const BRIDGE_KEY = 'arbiter';
export const IPC_REQUEST_CHANNEL = 'arbiter:request';
export const IPC_EVENT_CHANNEL = 'arbiter:event';
/** The binary lane (see stateLane.ts), both directions: Uint8Array packets. */
export const IPC_STATE_CHANNEL = 'arbiter:state';

/** Path of the WebSocket endpoint the headless host serves the host API on. */
export const WS_API_PATH = '/api';
