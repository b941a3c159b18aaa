// `npm test`: every check and every test. Each stage runs even when one
// before it failed (except the end-to-end tests, which need the build), so one red stage
// never hides the others. Ends with a table of the stages and the single line
// `N passed, N failed, N skipped`; exits non-zero when anything failed.
//
// ARBITER_TEST_STAGES=file.json runs the stages that file lists instead
// (`[{ "name", "command", "args", "report"?, "needs"? }]`): how
// scripts/testRunner.test.ts checks this runner without running the suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ensureBuilt.mjs';
import { closingLine, readTestCounts, stageCounts, summaryTable } from './testSummary.mjs';

/**
 * @typedef {{ name: string, command: string, args: string[], report?: string, needs?: string }} Stage
 */

/** @returns {Stage[]} the README's suite, in order */
function defaultStages() {
  const reports = join(ROOT, 'test-reports');
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const bin = (/** @type {string} */ name) => join(ROOT, 'node_modules', '.bin', name);
  return [
    { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
    { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
    {
      name: 'typecheck: engine (no DOM, no Node)',
      command: bin('tsc'),
      args: ['-p', 'tsconfig.engine.json'],
    },
    { name: 'typecheck: node', command: bin('tsc'), args: ['-p', 'tsconfig.node.json'] },
    { name: 'typecheck: web', command: bin('tsc'), args: ['-p', 'tsconfig.web.json'] },
    { name: 'typecheck: e2e', command: bin('tsc'), args: ['-p', 'tsconfig.e2e.json'] },
    { name: 'build', command: bin('electron-vite'), args: ['build'] },
    {
      name: 'unit and integration tests',
      command: bin('vitest'),
      args: [
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${join(reports, 'vitest.json')}`,
      ],
      report: join(reports, 'vitest.json'),
    },
    {
      name: 'end-to-end tests',
      command: bin('playwright'),
      args: ['test'],
      // Where playwright.config.ts has its JSON reporter write.
      report: join(reports, 'playwright.json'),
      needs: 'build',
    },
  ];
}

const stages = process.env.ARBITER_TEST_STAGES
  ? /** @type {Stage[]} */ (JSON.parse(readFileSync(process.env.ARBITER_TEST_STAGES, 'utf8')))
  : defaultStages();

const started = Date.now();
/** @type {import('./testSummary.mjs').StageResult[]} */
const results = [];
for (const stage of stages) {
  const needed = stage.needs ? results.find((r) => r.name === stage.needs) : undefined;
  if (needed && needed.outcome !== 'passed') {
    process.stdout.write(`\n── ${stage.name}: not run (${stage.needs} ${needed.outcome})\n`);
    results.push({
      name: stage.name,
      outcome: 'not run',
      seconds: 0,
      counts: stageCounts('not run', null),
      tests: null,
      note: `needs ${stage.needs}`,
    });
    continue;
  }
  process.stdout.write(`\n── ${stage.name}\n`);
  const stageStarted = Date.now();
  const run = spawnSync(stage.command, stage.args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
  });
  const outcome = run.status === 0 ? 'passed' : 'failed';
  const tests = stage.report ? readTestCounts(stage.report) : null;
  results.push({
    name: stage.name,
    outcome,
    seconds: (Date.now() - stageStarted) / 1000,
    counts: stageCounts(outcome, tests),
    tests,
    note: run.error
      ? `could not start: ${run.error.message}`
      : run.signal
        ? `killed by ${run.signal}`
        : outcome === 'failed'
          ? `exit status ${run.status}`
          : undefined,
  });
}

const failed = results.filter((r) => r.outcome !== 'passed');
process.stdout.write(`\n── summary (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
process.stdout.write(`${summaryTable(results)}\n\n`);
if (failed.length > 0)
  process.stdout.write(`npm test: ${failed.map((r) => r.name).join(', ')} did not pass\n`);
process.stdout.write(`${closingLine(results)}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
