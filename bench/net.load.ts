/**
 * net.load: N node-datachannel friends join a real host (the built
 * headless host, its own process) through the real signaling (invites,
 * WebRTC), each sending inputs at 20 Hz for 60 s against the shipped load
 * scene (1,000 bots on the arena, default config: projectiles and ground
 * items included). The friends run in FRIEND_PROCESSES forked processes
 * (bench/_netLoadFriends.ts), apart from this driver and from the host;
 * all of them share the machine's cores (`cpus`), none is pinned.
 *
 * Reports snapshot delivery, input → acknowledgement latency p99 as the
 * friends see it, bytes per friend per second, and the host's step p99
 * (the engine worker's rolling p99 of inputs + step, at its worst over the
 * window). The engine worker does not report its whole tick (step, encode,
 * post) today; bench/net.aoi measures that in process on the same scene.
 * NET_LOAD_SECONDS shortens the window. Runs 32 friends, then 64
 * (NET_LOAD_CLIENTS, e.g. "32", runs only those).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRpc, exitOf, spawnBuiltHost } from '../src/main/host/testing/testHost';
import type { FriendsResult, FriendsTask } from './_netLoadFriends';
import { SHIPPED_BOTS, loadAvg } from './_shippedScene';
import { percentile, report, round3 } from './_stats';

const SECONDS = Number(process.env.NET_LOAD_SECONDS ?? 60);
const FRIEND_PROCESSES = 4;
const TICK_RATE = 20;

function once<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) =>
      reject(new Error(`friend process exited (${code}) before ${type}`)),
    );
  });
}

async function run(clients: number): Promise<void> {
  const { child, url } = spawnBuiltHost([
    '--port',
    '0',
    '--data-dir',
    mkdtempSync(join(tmpdir(), 'arbiter-load-')),
  ]);
  const baseUrl = await url;
  const host = await connectRpc(baseUrl);
  let stepP99WithJoins = 0;
  let stepP99 = 0;
  let measuring = false;
  host.on('stats', (stats) => {
    stepP99WithJoins = Math.max(stepP99WithJoins, stats.p99MsPerTick);
    if (measuring) stepP99 = Math.max(stepP99, stats.p99MsPerTick);
  });
  await host.request('subscribe', { topics: ['stats'] });
  await host.request('match.start', {
    overrides: { botsPerTeam: SHIPPED_BOTS / 2, playerLimit: 64, matchSeconds: 0 },
  });
  const invite = await host.request('invite.create', { maxUses: 64 });

  const workers = Array.from({ length: FRIEND_PROCESSES }, () =>
    fork(new URL('./_netLoadFriends.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  workers.forEach((worker, w) => {
    const names: string[] = [];
    for (let k = w; k < clients; k += FRIEND_PROCESSES) names.push(`load${k}`);
    const task: FriendsTask = {
      baseUrl,
      invite: invite.code,
      names,
      tickRate: TICK_RATE,
      seconds: SECONDS,
    };
    worker.send(task);
  });
  const joined = await Promise.all(workers.map((w) => once<{ joined: number }>(w, 'joined')));
  process.stderr.write(
    `net.load: ${joined.reduce((s, j) => s + j.joined, 0)} friends joined in ${FRIEND_PROCESSES} processes\n`,
  );
  // Give every friend its first full snapshot before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const results = workers.map((w) => once<FriendsResult>(w, 'result'));
  measuring = true;
  for (const w of workers) w.send({ type: 'start' });
  const done = await Promise.all(results);
  measuring = false;

  const acks = done.flatMap((r) => r.ackLatencies);
  const joinedCount = done.reduce((s, r) => s + r.joined, 0);
  const seconds = Math.max(...done.map((r) => r.seconds));
  report({
    bench: 'net.load',
    clients,
    joined: joinedCount,
    webrtc: done.reduce((s, r) => s + r.webrtc, 0),
    bots: SHIPPED_BOTS,
    seconds: round3(seconds),
    delivery: round3(
      done.reduce((s, r) => s + r.delivered, 0) / done.reduce((s, r) => s + r.expected, 0),
    ),
    input_ack_p99_ms: round3(percentile(acks, 99)),
    input_ack_median_ms: round3(percentile(acks, 50)),
    step_p99_ms: round3(stepP99),
    step_p99_with_joins_ms: round3(stepP99WithJoins),
    bytes_per_client_s: Math.round(done.reduce((s, r) => s + r.bytes, 0) / joinedCount / seconds),
    friend_processes: FRIEND_PROCESSES,
    // Host, its engine worker, this driver and the friend processes share these cores.
    cpus: availableParallelism(),
    target_input_ack_p99_ms: 1000 / TICK_RATE + 5,
    target_bytes_per_client_s: 24_000,
    load_avg: loadAvg(),
  });
  await Promise.all(workers.map((w) => exitOf(w).catch(() => undefined)));
  host.close();
  child.kill('SIGTERM');
  await exitOf(child);
}

// NET_LOAD_CLIENTS picks the runs, e.g. "32" (default "32,64").
for (const clients of (process.env.NET_LOAD_CLIENTS ?? '32,64').split(',').map(Number)) {
  await run(clients);
}
process.exit(0);
