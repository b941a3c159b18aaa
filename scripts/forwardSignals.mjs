// Runs a child the way a service manager expects of `npm start` and
// `npm run host`: SIGINT and SIGTERM reach the child, and this process exits
// with the child's status once it has stopped.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** How often to look whether our parent is gone, ms. */
const PARENT_POLL_MS = 50;

/**
 * Spawns `command args` with this terminal, forwards SIGINT, SIGTERM and
 * SIGHUP to it, and exits with its exit code (128 + the signal's number
 * when a signal ended it).
 *
 * npm runs a script through `sh -c`, and on SIGTERM npm signals only that
 * shell, which dies without passing it on: this process is orphaned and
 * never hears of it. So a parent that goes away counts as a SIGTERM too.
 * @param {string} command
 * @param {string[]} args
 * @returns {import('node:child_process').ChildProcess}
 */
export function runForwardingSignals(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']))
    process.on(signal, () => forward(signal));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    forward('SIGTERM');
  }, PARENT_POLL_MS);
  child.on('error', (error) => {
    console.error(`arbiter: cannot start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    clearInterval(watch);
    process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0));
  });
  return child;
}
