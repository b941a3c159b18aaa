// `npm start`: the desktop app, or — where Electron cannot run — the headless
// host, said in one plain line. Either runs as a child that SIGINT and
// SIGTERM reach (see forwardSignals.mjs).
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './ensureBuilt.mjs';
import { findElectronBinary, noDisplayReason } from './electronBinary.mjs';
import { ensureElectronNative } from './electronNative.mjs';
import { runForwardingSignals } from './forwardSignals.mjs';
import { checkNodeVersion } from './nodeVersion.mjs';

checkNodeVersion();
ensureBuilt();
const electron = findElectronBinary();
const noDisplay = noDisplayReason();
if ('missing' in electron || noDisplay) {
  const reason = 'missing' in electron ? electron.missing : noDisplay;
  console.log(
    `Arbiter: cannot open the desktop app: ${reason}; starting the headless host instead.`,
  );
  runForwardingSignals(process.execPath, [
    join(ROOT, 'out', 'main', 'host.js'),
    ...process.argv.slice(2),
  ]);
} else {
  try {
    await ensureElectronNative();
  } catch (error) {
    console.log(
      `Arbiter: cannot build the database addon for Electron (${error.message}); saves will not work in the desktop app.`,
    );
  }
  runForwardingSignals(electron.path, [ROOT, ...process.argv.slice(2)]);
}
