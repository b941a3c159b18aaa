// `npm run host [-- --port N --bind ADDR --data-dir DIR]`: build if needed,
// then run the headless host in this process.
import { ensureBuilt } from './ensureBuilt.mjs';

ensureBuilt();
await import('../out/main/host.js');
