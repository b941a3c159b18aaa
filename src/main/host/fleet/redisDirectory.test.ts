/**
 * The Redis directory against a real redis-server: registration with a TTL,
 * removal on stop, expiry of a dead host, host id collisions, entries of
 * another format, and a Redis that stops answering.
 */
import { Registry } from 'prom-client';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../server/index';
import { FleetMetrics } from '../metrics/index';
import { DirectoryUnavailable, hostKey, RedisDirectory, type HostReport } from './index';
import { startTestRedis, type TestRedis } from '../testing/testRedis';

let redis: TestRedis;
let admin: Redis;
const open: RedisDirectory[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => {});
});
afterAll(async () => {
  admin.disconnect();
  await redis.stop();
});
afterEach(async () => {
  redis.resume();
  await Promise.all(open.splice(0).map((directory) => directory.stop()));
  await admin.flushall().catch(() => {});
});

async function directoryFor(hostId: string, ttlMs = 1500) {
  const registry = new Registry();
  const directory = new RedisDirectory({
    url: redis.url,
    hostId,
    ttlMs,
    refreshMs: 300,
    commandTimeoutMs: 300,
    logger: createLogger('silent'),
    metrics: new FleetMetrics(registry),
  });
  open.push(directory);
  await directory.connected();
  return { directory, registry };
}

const report = (matches = 1): HostReport => ({
  address: 'http://127.0.0.1:7777/',
  version: '0.1.0',
  capacity: 8,
  matches: Array.from({ length: matches }, (_, i) => ({
    id: `m${i}`,
    config: 'default',
    map: 'arena',
    players: 1,
    limit: 8,
    joinable: true,
    startedAt: 1,
  })),
});

async function counter(registry: Registry, name: string, labels: string): Promise<number> {
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

async function listedIds(directory: RedisDirectory): Promise<string[]> {
  return (await directory.list()).map((entry) => entry.id).sort();
}

describe('Redis directory', () => {
  it('lists every registered host with its matches; a stopped host leaves at once, a dead one within the TTL', async () => {
    const a = (await directoryFor('host-a')).directory;
    const b = (await directoryFor('host-b')).directory;
    const c = (await directoryFor('host-c', 1000)).directory;
    a.start(() => report(2));
    b.start(() => report(1));
    c.start(() => report(0));
    let ids: string[] = [];
    const deadline = Date.now() + 10_000;
    while (ids.length < 3 && Date.now() < deadline) ids = await listedIds(a);
    expect(ids).toEqual(['host-a', 'host-b', 'host-c']);
    expect((await a.list()).find((e) => e.id === 'host-a')!.matches).toHaveLength(2);

    await b.stop();
    expect(await listedIds(a)).toEqual(['host-a', 'host-c']);

    // A host that dies stops refreshing: its key's TTL ends it.
    c.redis.disconnect();
    expect(await admin.pttl(hostKey('host-c'))).toBeLessThanOrEqual(1000);
    const gone = Date.now() + 10_000;
    while ((await listedIds(a)).includes('host-c')) {
      if (Date.now() > gone) throw new Error('dead host never left');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('a second host with the same id never overwrites the first; it is counted and takes over once the first leaves', async () => {
    const first = await directoryFor('same');
    const second = await directoryFor('same');
    expect(await first.directory.refresh(() => report(1))).toBe(true);
    expect(await second.directory.refresh(() => report(0))).toBe(false);
    const held = JSON.parse((await admin.get(hostKey('same')))!) as { instance: string };
    expect(held.instance).toBe(first.directory.instance);
    expect(
      await counter(second.registry, 'arbiter_directory_errors_total', 'kind="host_id_collision"'),
    ).toBe(1);
    // The second's stop must not delete the first's entry.
    await second.directory.stop();
    expect(await admin.exists(hostKey('same'))).toBe(1);
    await first.directory.stop();
    const third = await directoryFor('same');
    expect(await third.directory.refresh(() => report(0))).toBe(true);
  });

  it('skips entries of another format or malformed ones, counts them, and lists the rest', async () => {
    const { directory, registry } = await directoryFor('good');
    expect(await directory.refresh(() => report(1))).toBe(true);
    await admin.set(hostKey('future'), JSON.stringify({ format: 2, id: 'future' }));
    await admin.set(hostKey('broken'), '{not json');
    await admin.set(hostKey('liar'), JSON.stringify({ format: 1, id: 'liar', matches: 'many' }));
    expect(await listedIds(directory)).toEqual(['good']);
    expect(await counter(registry, 'arbiter_directory_errors_total', 'kind="bad_entry"')).toBe(3);
  });

  it('a Redis that stops answering fails writes and reads within the command timeout, counted; the directory recovers', async () => {
    const { directory, registry } = await directoryFor('patient', 5000);
    expect(await directory.refresh(() => report(1))).toBe(true);
    redis.pause();
    const started = Date.now();
    expect(await directory.refresh(() => report(1))).toBe(false);
    await expect(directory.list()).rejects.toBeInstanceOf(DirectoryUnavailable);
    // Hang-catcher: two commands bounded by a 300 ms timeout, far below 10 s.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await counter(registry, 'arbiter_directory_writes_total', 'outcome="failed"')).toBe(1);
    expect(await counter(registry, 'arbiter_directory_errors_total', 'kind="read_failed"')).toBe(1);
    redis.resume();
    const deadline = Date.now() + 20_000;
    while (!(await directory.refresh(() => report(1)))) {
      if (Date.now() > deadline) throw new Error('directory never recovered');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await listedIds(directory)).toEqual(['patient']);
  });

  it('survives a Redis restart (all data lost): the next refresh registers again', async () => {
    const a = (await directoryFor('phoenix')).directory;
    a.start(() => report(1));
    const seen = async () => (await admin.exists(hostKey('phoenix'))) === 1;
    const deadline = Date.now() + 10_000;
    while (!(await seen())) if (Date.now() > deadline) throw new Error('never registered');
    await redis.restart();
    const back = Date.now() + 30_000;
    for (;;) {
      const ids = await listedIds(a).catch((): string[] => []);
      if (ids.includes('phoenix')) break;
      if (Date.now() > back) throw new Error('never registered again');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
