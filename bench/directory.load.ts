/**
 * directory.load: 20 hosts × 10 matches on one real redis-server (its own,
 * on a free loopback port). Prints list latency (median, p99) of one host
 * reading the whole directory, Redis commands per second per host while the
 * hosts refresh, and the tick p99 of one real host core with and without the
 * directory (engine worker at 60 Hz, the same match both times).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import { Redis } from 'ioredis';
import { createLogger } from '../src/main/host/server/index';
import { FleetMetrics } from '../src/main/host/metrics/index';
import { FleetNode, RedisDirectory, type HostReport } from '../src/main/host/fleet/index';
import { startTestRedis } from '../src/main/host/testing/testRedis';
import { createTestHostCore } from '../src/main/host/testing/testHost';
import { median, percentile, report, round3 } from './_stats';

const HOSTS = 20;
const MATCHES = 10;
const REFRESH_MS = 2000;
const LISTS = 300;
const PHASE_MS = 10_000;

const logger = createLogger('silent');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const redis = await startTestRedis();
const admin = new Redis(redis.url);
const reportFor = (host: number): HostReport => ({
  address: `http://10.0.0.${host + 1}:7777/`,
  version: '0.1.0',
  capacity: 80,
  matches: Array.from({ length: MATCHES }, (_, i) => ({
    id: `m${i}`,
    config: 'default',
    map: 'arena',
    players: i % 8,
    limit: 8,
    joinable: true,
    startedAt: Date.now(),
  })),
});

async function commandsProcessed(): Promise<number> {
  const info = await admin.info('stats');
  return Number(/total_commands_processed:(\d+)/.exec(info)![1]);
}

/** Median of the p99 tick ms the engine's stats report (about once a second) over `ms`. */
async function tickP99(samples: number[], ms: number): Promise<number> {
  samples.length = 0;
  await wait(ms);
  return median(samples);
}

const core = createTestHostCore();
const p99s: number[] = [];
const session = core.openSession((event, data) => {
  if (event === 'stats') p99s.push((data as { p99MsPerTick: number }).p99MsPerTick);
});
await session.request('subscribe', { topics: ['stats'] });
await session.request('match.start', { agents: 200, overrides: { tickRate: 60 } });
// Past spawning and JIT warm-up, so the first window measures the steady match.
await wait(8000);
const before = await tickP99(p99s, PHASE_MS);

const directories = Array.from({ length: HOSTS - 1 }, (_, i) => {
  const directory = new RedisDirectory({
    url: redis.url,
    hostId: `bench-${i}`,
    refreshMs: REFRESH_MS,
    logger,
    metrics: new FleetMetrics(new Registry()),
  });
  return directory;
});
await Promise.all(directories.map((d) => d.connected()));
directories.forEach((d, i) => d.start(() => reportFor(i)));
const node = new FleetNode({
  core,
  directoryUrl: redis.url,
  hostId: 'bench-core',
  address: 'http://127.0.0.1:7777/',
  version: '0.1.0',
  logger,
  metrics: new FleetMetrics(new Registry()),
  refreshMs: REFRESH_MS,
});
await node.directory.connected();
node.start();
await wait(REFRESH_MS);

const commandsBefore = await commandsProcessed();
const opsStarted = performance.now();
const withDirectory = await tickP99(p99s, PHASE_MS);
const seconds = (performance.now() - opsStarted) / 1000;
// One INFO call of ours is in the count; the rest are the hosts' refreshes.
const opsPerHost = ((await commandsProcessed()) - commandsBefore - 1) / HOSTS / seconds;

const listMs: number[] = [];
let listed = 0;
for (let i = 0; i < LISTS; i++) {
  const started = performance.now();
  listed = (await node.list()).length;
  listMs.push(performance.now() - started);
}

await node.stop();
await Promise.all(directories.map((d) => d.stop()));
// The baseline again once the directory is gone: the ratio compares against both windows.
const after = await tickP99(p99s, PHASE_MS);
const without = (before + after) / 2;

report({
  bench: 'directory.load',
  hosts: HOSTS,
  matches: listed,
  list_median_ms: round3(median(listMs)),
  list_p99_ms: round3(percentile(listMs, 99)),
  ops_per_host_s: round3(opsPerHost),
  tick_p99_ms_without: round3(without),
  tick_p99_ms_with: round3(withDirectory),
  tick_p99_ratio: round3(withDirectory / without),
  load_avg: loadavg().map(round3),
});

await core.dispose();
admin.disconnect();
await redis.stop();
process.exit(0);
