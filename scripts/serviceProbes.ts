/**
 * Probes for a host run as a service (Linux): which processes still run it,
 * whether its port still answers. Shared by scripts/hostService.test.ts and
 * bench/host.shutdown.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';

/** Pids of live processes whose command line mentions `needle` (read from /proc). */
export function processesNaming(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** True when nothing accepts connections on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Polls `check` every 25 ms until it holds; throws past `deadlineMs` (a hang-catcher). */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  deadlineMs: number,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
