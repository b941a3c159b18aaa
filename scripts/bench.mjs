// `npm run bench [-- NAME]`: runs bench/NAME.ts (or all of them). Each bench
// prints one JSON object per line on stdout; progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './ensureBuilt.mjs';

const benchDir = join(ROOT, 'bench');
const all = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(2);
}
ensureBuilt();
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  process.stderr.write(`bench: ${name}\n`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(benchDir, `${name}.ts`)],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
