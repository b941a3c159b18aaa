// `npm run host [-- --port N --bind ADDR --data-dir DIR]`: build if needed,
// then run the headless host as a child that SIGINT and SIGTERM reach (see
// forwardSignals.mjs); a service runs `node out/main/host.js` directly.
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './ensureBuilt.mjs';
import { runForwardingSignals } from './forwardSignals.mjs';
import { checkNodeVersion } from './nodeVersion.mjs';

checkNodeVersion();
ensureBuilt();
runForwardingSignals(process.execPath, [
  join(ROOT, 'out', 'main', 'host.js'),
  ...process.argv.slice(2),
]);
