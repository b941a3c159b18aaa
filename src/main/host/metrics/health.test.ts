/**
 * `/healthz` and `/readyz` change state with the host's real parts: the
 * listen server coming up, the engine worker stalled by a real overload
 * (20,000 agents at 60 Hz) and recovering, the database refusing writes
 * (another process holds its write lock) and recovering, a data folder
 * that cannot be written at all, a blocked event loop and an exited worker.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostCore, HostSession } from '../hostCore';
import type { HttpHost } from '../server/index';
import { STATE_FILE_NAME } from '../persistence/openState';
import { createTestHostCore, startTestHttpHost } from '../testing/testHost';
import { EVENT_LOOP_LIMIT_MS, startMetricsServer, type MetricsServer } from './index';

interface Probe {
  status: number;
  body: {
    status: string;
    checks: Record<string, { ok: boolean; reason?: string } & Record<string, unknown>>;
  };
}

let core: HostCore | null = null;
let http: HttpHost | null = null;
let metricsServer: MetricsServer | null = null;

afterEach(async () => {
  await metricsServer?.close();
  await http?.close();
  await core?.dispose();
  core = http = metricsServer = null;
});

async function startHost(overrides: Parameters<typeof createTestHostCore>[0] = {}) {
  core = createTestHostCore(overrides);
  metricsServer = await startMetricsServer(core.ops, 0, '127.0.0.1');
  return { core, session: core.openSession(() => {}) };
}

async function listen(host: HostCore): Promise<void> {
  http = await startTestHttpHost(host);
}

async function probe(path: '/healthz' | '/readyz'): Promise<Probe> {
  const response = await fetch(`${metricsServer!.url}${path.slice(1)}`);
  return { status: response.status, body: (await response.json()) as Probe['body'] };
}

/** Polls `path` until `accept` holds; returns that answer. */
async function probeUntil(
  path: '/healthz' | '/readyz',
  accept: (probe: Probe) => boolean,
  timeoutMs = 60_000,
): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  let last: Probe | string | null = null;
  while (Date.now() < deadline) {
    try {
      last = await probe(path);
      if (accept(last)) return last;
    } catch (error) {
      // A kept-alive socket the server closed while the host sat in SQLite's busy wait:
      // no answer this time, as a probe of an orchestrator would also see; ask again.
      last = `no answer: ${(error as Error).message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${path} never matched; last answer: ${JSON.stringify(last)}`);
}

const request = (session: HostSession, method: string, params: unknown) =>
  session.request(method, params);

describe('health probes', () => {
  it('readyz waits for the listen server; healthz follows the engine worker through a stall', async () => {
    const { core: host, session } = await startHost();
    const early = await probe('/readyz');
    expect(early.status).toBe(503);
    expect(early.body.checks.listen).toMatchObject({ ok: false, reason: /no listen server/ });
    await listen(host);
    const ready = await probe('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toMatchObject({ ok: true, mode: 'file' });

    expect((await probe('/healthz')).body.checks.engine).toMatchObject({
      ok: true,
      running: false,
    });
    await request(session, 'match.start', { agents: 4, overrides: { tickRate: 60 } });
    await probeUntil('/healthz', (p) => p.status === 200 && p.body.checks.engine.running === true);

    // 20,000 agents: spawning them and every tick after take far longer than 2 × 16.7 ms.
    await request(session, 'match.setAgentCount', { count: 20_000 });
    const stalled = await probeUntil('/healthz', (p) => p.status === 503);
    expect(stalled.body.status).toBe('unavailable');
    expect(stalled.body.checks.engine).toMatchObject({
      ok: false,
      reason: /engine worker has not ticked for \d+ ms \(its period is 16.7 ms\)/,
    });

    await request(session, 'match.setAgentCount', { count: 4 });
    const recovered = await probeUntil('/healthz', (p) => p.status === 200);
    expect(recovered.body.checks.engine).toMatchObject({ ok: true, running: true });
  }, 120_000);

  it('readyz is 503 while saving fails (another process holds the write lock) and 200 once it works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-locked-'));
    const { core: host, session } = await startHost({ dataDir, syncIntervalMs: 200 });
    await listen(host);
    await request(session, 'match.start', { agents: 2 });
    await request(session, 'player.join', { name: 'Ada' });
    await probeUntil('/readyz', (p) => p.status === 200);

    const locker = new BetterSqlite3(join(dataDir, STATE_FILE_NAME));
    try {
      locker.exec('BEGIN EXCLUSIVE');
      // The host's next sync waits out its busy timeout, fails and raises the warning.
      const failing = await probeUntil('/readyz', (p) => p.status === 503);
      expect(failing.body.checks.database).toMatchObject({
        ok: false,
        mode: 'file',
        reason: /saving progress failed: database is locked/,
      });
      locker.exec('ROLLBACK');
      const saving = await probeUntil('/readyz', (p) => p.status === 200);
      expect(saving.body.checks.database).toEqual({ ok: true, mode: 'file' });
    } finally {
      locker.close();
    }
  }, 120_000);

  it('a data folder that cannot be written: ready, running in memory, with the warning', async () => {
    // A path under a plain file can never become a folder, even for root.
    const blocker = join(mkdtempSync(join(tmpdir(), 'arbiter-ro-')), 'plain-file');
    writeFileSync(blocker, 'x');
    const { core: host } = await startHost({ dataDir: join(blocker, 'data') });
    await listen(host);
    const ready = await probe('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toMatchObject({
      ok: true,
      mode: 'memory',
      warning: /cannot save to .*runs in memory/,
    });
  }, 60_000);

  it('healthz is 503 after the event loop was blocked, and once the engine worker has exited', async () => {
    const { core: host } = await startHost();
    await listen(host);
    await probeUntil('/healthz', (p) => p.status === 200);
    const until = performance.now() + EVENT_LOOP_LIMIT_MS * 1.5;
    while (performance.now() < until) {
      // a synchronous stall, as a long sync write or a runaway handler would cause
    }
    const blocked = await probeUntil('/healthz', (p) => p.status === 503, 5000);
    expect(blocked.body.checks.eventLoop).toMatchObject({
      ok: false,
      reason: /blocked for \d+ ms/,
    });

    await host.dispose();
    const dead = host.ops.health.liveness();
    expect(dead.status).toBe(503);
    expect(dead.body.checks.engine).toMatchObject({ ok: false, reason: /has exited/ });
  }, 60_000);
});
