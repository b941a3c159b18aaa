/**
 * `npm test`'s runner (scripts/test.mjs) on a fake stage list: it keeps going
 * past failed stages, skips what needs a failed build, prints the table and
 * one closing line counted from the stages' reports, and exits non-zero.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/main/host/testing/testHost';
import { closingLine, readTestCounts, stageCounts } from './testSummary.mjs';

const node = process.execPath;
const exitWith = (status: number) => ({ command: node, args: ['-e', `process.exit(${status})`] });

/** A stage that writes `report` (JSON) to `file` and exits with `status`. */
function reporting(file: string, report: unknown, status: number) {
  const write = `require('fs').writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(JSON.stringify(report))})`;
  return { command: node, args: ['-e', `${write}; process.exit(${status})`], report: file };
}

function runRunner(stages: unknown[]) {
  const dir = mkdtempSync(join(tmpdir(), 'arbiter-runner-'));
  const list = join(dir, 'stages.json');
  writeFileSync(list, JSON.stringify(stages));
  const run = spawnSync(node, [join(REPO_ROOT, 'scripts', 'test.mjs')], {
    env: { ...process.env, ARBITER_TEST_STAGES: list },
    encoding: 'utf8',
  });
  const lines = run.stdout.trimEnd().split('\n');
  return { status: run.status, stdout: run.stdout, last: lines[lines.length - 1] };
}

const vitestReport = (passed: number, failed: number, skipped: number, failedSuites = 0) => ({
  numTotalTests: passed + failed + skipped,
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: skipped,
  numTodoTests: 0,
  numFailedTestSuites: failedSuites,
});

describe('npm test runner', () => {
  it('runs every stage past failures, reports what it could not run, and fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arbiter-reports-'));
    const { status, stdout, last } = runRunner([
      { name: 'format', ...exitWith(0) },
      { name: 'lint', ...exitWith(2) },
      { name: 'build', ...exitWith(1) },
      { name: 'unit', ...reporting(join(dir, 'vitest.json'), vitestReport(3, 1, 1), 1) },
      { name: 'e2e', ...exitWith(0), needs: 'build' },
    ]);
    expect(status).toBe(1);
    // format 1 passed; lint, build: 1 failed each; unit 3/1/1; e2e not run: 1 failed.
    expect(last).toBe('4 passed, 4 failed, 1 skipped');
    expect(stdout).toMatch(/^unit\s+failed\s+[\d.]+ s\s+3 passed, 1 failed, 1 skipped/m);
    expect(stdout).toMatch(/^e2e\s+not run\s+-\s+needs build/m);
    expect(stdout).toMatch(/^lint\s+failed\s+[\d.]+ s\s+exit status 2/m);
    expect(stdout.match(/^── /gm)).toHaveLength(6); // five stages and the summary
  });

  it('is green and exits 0 only when every stage passed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arbiter-reports-'));
    const playwright = { stats: { expected: 5, unexpected: 0, flaky: 0, skipped: 1 } };
    const { status, last } = runRunner([
      { name: 'lint', ...exitWith(0) },
      { name: 'unit', ...reporting(join(dir, 'vitest.json'), vitestReport(10, 0, 2), 0) },
      { name: 'e2e', ...reporting(join(dir, 'playwright.json'), playwright, 0) },
    ]);
    expect(status).toBe(0);
    expect(last).toBe('16 passed, 0 failed, 3 skipped');
  });

  it('counts a test stage that failed without a failed test (a crash, a file that did not load)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arbiter-reports-'));
    const broken = join(dir, 'vitest.json');
    writeFileSync(broken, JSON.stringify(vitestReport(7, 0, 0, 1)));
    expect(readTestCounts(broken)).toEqual({ passed: 7, failed: 1, skipped: 0 });
    expect(readTestCounts(join(dir, 'missing.json'))).toBeNull();
    expect(stageCounts('failed', null)).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(stageCounts('failed', { passed: 4, failed: 0, skipped: 0 })).toEqual({
      passed: 4,
      failed: 1,
      skipped: 0,
    });
    expect(
      closingLine([
        {
          name: 'x',
          outcome: 'passed',
          seconds: 1,
          tests: null,
          counts: stageCounts('passed', null),
        },
      ]),
    ).toBe('1 passed, 0 failed, 0 skipped');
  });
});
