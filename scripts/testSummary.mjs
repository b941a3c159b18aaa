// The pieces of `npm test`'s closing summary, apart from running anything,
// so scripts/testRunner.test.ts can check them on fixture reports.
import { existsSync, readFileSync } from 'node:fs';

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {'passed' | 'failed' | 'not run'} Outcome
 * @typedef {{ name: string, outcome: Outcome, seconds: number, counts: Counts,
 *   tests: Counts | null, note?: string }} StageResult
 */

/**
 * Test counts from a stage's JSON report: Vitest's (`numPassedTests`, …) or
 * Playwright's (`stats.expected`, …). Null when the file is missing or is
 * neither (the stage died before writing it).
 * @param {string} file
 * @returns {Counts | null}
 */
export function readTestCounts(file) {
  if (!existsSync(file)) return null;
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof report?.numTotalTests === 'number') {
    return {
      passed: report.numPassedTests,
      // A file that fails to load has no failed test, only a failed suite.
      failed: Math.max(report.numFailedTests, report.numFailedTestSuites ?? 0),
      skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    };
  }
  if (report?.stats && typeof report.stats.expected === 'number') {
    return {
      passed: report.stats.expected + (report.stats.flaky ?? 0),
      failed: report.stats.unexpected,
      skipped: report.stats.skipped,
    };
  }
  return null;
}

/**
 * What a stage adds to the closing line. A test stage adds its tests; a
 * check (format, lint, types, build) counts as one test. A stage that failed
 * or did not run adds at least one failure, even when its report names none
 * (a crash, a file that did not load, a build that never happened).
 * @param {Outcome} outcome
 * @param {Counts | null} tests the stage's report, if it has one
 * @returns {Counts}
 */
export function stageCounts(outcome, tests) {
  const counts = tests ? { ...tests } : { passed: 0, failed: 0, skipped: 0 };
  if (!tests && outcome === 'passed') counts.passed = 1;
  if (outcome !== 'passed' && counts.failed === 0) counts.failed = 1;
  return counts;
}

/**
 * The summary table, one line per stage: name, result, time, and for a test
 * stage its own counts.
 * @param {StageResult[]} results
 * @returns {string}
 */
export function summaryTable(results) {
  const width = Math.max(5, ...results.map((r) => r.name.length));
  const lines = [`${'stage'.padEnd(width)}  ${'result'.padEnd(8)}  ${'time'.padStart(8)}`];
  for (const r of results) {
    const time = r.outcome === 'not run' ? '-' : `${r.seconds.toFixed(1)} s`;
    const detail = [
      r.tests
        ? `${r.tests.passed} passed, ${r.tests.failed} failed, ${r.tests.skipped} skipped`
        : '',
      r.note ?? '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(
      `${r.name.padEnd(width)}  ${r.outcome.padEnd(8)}  ${time.padStart(8)}${detail ? `  ${detail}` : ''}`,
    );
  }
  return lines.join('\n');
}

/**
 * The single closing line, `N passed, N failed, N skipped`, over every stage.
 * @param {StageResult[]} results
 * @returns {string}
 */
export function closingLine(results) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const { counts } of results) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  return `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
}
