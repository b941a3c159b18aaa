// `npm start`: the desktop app, or — where Electron cannot run — the headless
// host, said in one plain line.
import { spawn } from 'node:child_process';
import { ensureBuilt, ROOT } from './ensureBuilt.mjs';
import { findElectronBinary, noDisplayReason } from './electronBinary.mjs';
import { ensureElectronNative } from './electronNative.mjs';

ensureBuilt();
const electron = findElectronBinary();
const noDisplay = noDisplayReason();
if ('missing' in electron || noDisplay) {
  const reason = 'missing' in electron ? electron.missing : noDisplay;
  console.log(
    `Arbiter: cannot open the desktop app: ${reason}; starting the headless host instead.`,
  );
  await import('../out/main/host.js');
} else {
  try {
    await ensureElectronNative();
  } catch (error) {
    console.log(
      `Arbiter: cannot build the database addon for Electron (${error.message}); saves will not work in the desktop app.`,
    );
  }
  const child = spawn(electron.path, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
