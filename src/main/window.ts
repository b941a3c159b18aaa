import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';

/**
 * The one app window, locked down: isolated, sandboxed, no Node, no new
 * windows, no navigation away from the app.
 */
export function createMainWindow(mainDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Arbiter',
    show: false,
    webPreferences: {
      preload: join(mainDir, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== window.webContents.getURL()) event.preventDefault();
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(join(mainDir, '..', 'renderer', 'index.html'));
  return window;
}
