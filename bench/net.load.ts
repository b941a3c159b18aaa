/**
 * net.load: N node-datachannel friends join a real host (the built
 * headless host, its own process) through the real signaling (invites,
 * WebRTC), each sending inputs at 20 Hz for 60 s against the shipped load
 * scene (1,000 bots on the arena, default config: projectiles and ground
 * items included). The friends run in FRIEND_PROCESSES forked processes
 * (bench/_netLoadFriends.ts), apart from this driver and from the host;
 * all of them share the machine's cores (`cpus`), none is pinned:
 * `friend_cores` and `host_cores` are the cores each may run on.
 *
 * Reports snapshot delivery, input → acknowledgement latency p99 as the
 * friends see it, bytes per friend per second, and the host's tick over
 * the whole measured window, from the engine worker's timings trace
 * (ARBITER_TICK_TIMINGS): `tick_p99_ms` is the whole run of the engine
 * loop (inputs applied, step, view, every friend's encode, the posts),
 * with `step_p99_ms` (inputs + step) and `encode_p99_ms` (view and
 * snapshots) beside it. NET_LOAD_SECONDS shortens the window. Runs 32
 * friends, then 64 (NET_LOAD_CLIENTS, e.g. "32", runs only those).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRpc, exitOf, spawnBuiltHost } from '../src/main/host/testing/testHost';
import { TICK_TIMINGS_ENV } from '../src/main/host/match/tickTrace';
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

/** The cores a process may run on (Linux), e.g. "0-1"; null where unknown. */
function coresOf(pid: number | undefined): string | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** p99 of each column (whole, step, encode) of the timings trace's runs that ended in [from, to] (epoch ms). */
function tickTimings(path: string, from: number, to: number) {
  const whole: number[] = [];
  const step: number[] = [];
  const encode: number[] = [];
  const acks: number[] = [];
  let ticks = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const words = line.split(' ');
    if (words[1] === 'ack') {
      const at = Number(words[0]);
      if (at >= from && at <= to) for (const ms of words.slice(2)) acks.push(Number(ms));
      continue;
    }
    const fields = words.map(Number);
    if (fields.length < 6 || fields[0] < from || fields[0] > to) continue;
    ticks += fields[2];
    whole.push(fields[3]);
    step.push(fields[4]);
    encode.push(fields[5]);
  }
  return {
    runs: whole.length,
    ticks,
    tick_p99_ms: round3(percentile(whole, 99)),
    tick_median_ms: round3(percentile(whole, 50)),
    step_p99_ms: round3(percentile(step, 99)),
    encode_p99_ms: round3(percentile(encode, 99)),
    encode_median_ms: round3(percentile(encode, 50)),
    // Inside the engine worker: from taking an input in to posting the snapshot that acks it.
    host_input_ack_p99_ms: acks.length ? round3(percentile(acks, 99)) : null,
    host_input_ack_median_ms: acks.length ? round3(percentile(acks, 50)) : null,
  };
}

async function run(clients: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-load-'));
  const timingsPath = join(dataDir, 'tick-timings.txt');
  process.env[TICK_TIMINGS_ENV] = timingsPath;
  const { child, url } = spawnBuiltHost(['--port', '0', '--data-dir', dataDir]);
  const baseUrl = await url;
  const host = await connectRpc(baseUrl);
  let stepP99WithJoins = 0;
  host.on('stats', (stats) => {
    stepP99WithJoins = Math.max(stepP99WithJoins, stats.p99MsPerTick);
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
  const friendCores = [...new Set(workers.map((w) => coresOf(w.pid)))].join(' ');
  const hostCores = coresOf(child.pid);
  const measureFrom = Date.now();
  for (const w of workers) w.send({ type: 'start' });
  const done = await Promise.all(results);
  const measureTo = Date.now();
  // The trace is written asynchronously: let the window's last lines land.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const timings = tickTimings(timingsPath, measureFrom, measureTo);

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
    ...timings,
    // The engine's rolling p99 of inputs + step, at its worst from the match's start (joins included).
    step_p99_with_joins_ms: round3(stepP99WithJoins),
    bytes_per_client_s: Math.round(done.reduce((s, r) => s + r.bytes, 0) / joinedCount / seconds),
    friend_processes: FRIEND_PROCESSES,
    // Host, its engine worker, this driver and the friend processes share these cores.
    cpus: availableParallelism(),
    friend_cores: friendCores,
    host_cores: hostCores,
    cores_shared: 'friends, host, engine worker and driver share all cores; none pinned',
    target_input_ack_p99_ms: 1000 / TICK_RATE + 5,
    target_tick_p99_ms: 25,
    target_delivery: 0.999,
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
