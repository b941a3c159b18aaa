// `npm test`: every check and every test, in order, stopping at the first
// failure; ends with one "N passed, N failed, N skipped" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ensureBuilt.mjs';

const reports = join(ROOT, 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

const steps = [
  ['format', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['typecheck: engine (no DOM, no Node)', bin('tsc'), ['-p', 'tsconfig.engine.json']],
  ['typecheck: node', bin('tsc'), ['-p', 'tsconfig.node.json']],
  ['typecheck: web', bin('tsc'), ['-p', 'tsconfig.web.json']],
  ['typecheck: e2e', bin('tsc'), ['-p', 'tsconfig.e2e.json']],
  ['build', bin('electron-vite'), ['build']],
  [
    'unit and integration tests',
    bin('vitest'),
    [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'vitest.json')}`,
    ],
  ],
  ['end-to-end tests', bin('playwright'), ['test']],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  process.stdout.write(`\n── ${name}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    summarize();
    console.error(`\nnpm test: "${name}" failed`);
    process.exit(result.status ?? 1);
  }
}
summarize();
console.log(`npm test: all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

function summarize() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const vitest = readJson(join(reports, 'vitest.json'));
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
    skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  }
  const playwright = readJson(join(reports, 'playwright.json'));
  if (playwright?.stats) {
    passed += playwright.stats.expected + (playwright.stats.flaky ?? 0);
    failed += playwright.stats.unexpected;
    skipped += playwright.stats.skipped;
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
}

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
