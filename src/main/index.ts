/**
 * Electron main: thin glue. It starts the same host core the headless host
 * runs, opens the locked-down window and bridges the host API over IPC.
 */
import { app, session } from 'electron';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appPathsFrom, startHttpHost, createLogger } from './host/server/index';
import { createHostCore, type HostCore } from './host/hostCore';
import { serveHostOverIpc } from './ipc';
import { electronNativeBinding } from './nativeBinding';
import { safeStorageKeyVault } from './safeStorageKeyVault';
import { createMainWindow } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));
const logger = createLogger();
let core: HostCore | null = null;
let stopHttp: () => Promise<void> = async () => {};

app.enableSandbox();

app.whenReady().then(() => {
  // Permissions the app never needs are refused outright.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  const paths = appPathsFrom(import.meta.url);
  core = createHostCore({
    mode: 'electron',
    version: app.getVersion(),
    resourcesDir: paths.resourcesDir,
    dataDir: app.getPath('userData'),
    keyVault: safeStorageKeyVault(app.getPath('userData')),
    nativeBinding: electronNativeBinding(paths.appRoot),
    workerUrl: paths.workerUrl,
    logger,
  });
  const window = createMainWindow(mainDir);
  const stopIpc = serveHostOverIpc(core, window);
  window.on('closed', stopIpc);
  void listenForFriends(core, paths.rendererDir);
});

/**
 * The listen server: friends reach the desktop host on one TCP port (its
 * page, and `/signal` for WebRTC). ARBITER_PORT and ARBITER_BIND choose it;
 * the default serves this machine only.
 */
async function listenForFriends(host: HostCore, rendererDir: string): Promise<void> {
  try {
    const http = await startHttpHost({
      core: host,
      rendererDir,
      port: Number(process.env.ARBITER_PORT ?? 7777),
      bind: process.env.ARBITER_BIND ?? '127.0.0.1',
      hostKey: randomBytes(18).toString('base64url'),
      onFriendSocket: (socket) => host.handleFriendSocket(socket),
      logger,
    });
    host.setUrl(http.url);
    stopHttp = () => http.close();
  } catch (error) {
    logger.warn({ err: error }, 'friends cannot join: the listen port could not be opened');
  }
}

app.on('window-all-closed', () => app.quit());

app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = null;
  void Promise.all([stopHttp(), closing.dispose()]).finally(() => app.quit());
});

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
