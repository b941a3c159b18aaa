/**
 * Electron main: thin glue. It starts the same host core the headless host
 * runs, opens the locked-down window and bridges the host API over IPC.
 */
import { app, session } from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appPathsFrom } from './host/appPaths';
import { createHostCore, type HostCore } from './host/hostCore';
import { createLogger } from './host/logger';
import { serveHostOverIpc } from './ipc';
import { electronNativeBinding } from './nativeBinding';
import { createMainWindow } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));
const logger = createLogger();
let core: HostCore | null = null;

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
    nativeBinding: electronNativeBinding(paths.appRoot),
    workerUrl: paths.workerUrl,
    logger,
  });
  const window = createMainWindow(mainDir);
  const stopIpc = serveHostOverIpc(core, window);
  window.on('closed', stopIpc);
});

app.on('window-all-closed', () => app.quit());

app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.dispose().finally(() => app.quit());
});

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
