/**
 * net.load: N node-datachannel friends join a real host through the real
 * signaling (invites, WebRTC), each sending inputs at 20 Hz for 60 s
 * against a match of 1,000 agents. Reports snapshot delivery, the input →
 * acknowledgement latency p99, the host's tick p99 and bytes per client per
 * second. Runs 32 clients, then 64.
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { joinAsFriend, type NodeFriend } from '../src/main/host/net/nodeFriend';
import { connectRpc, exitOf, spawnBuiltHost } from '../src/main/host/testHost';
import { percentile, report, round3 } from './_stats';

const SECONDS = Number(process.env.NET_LOAD_SECONDS ?? 60);
const AGENTS = 1000;
const TICK_RATE = 20;

async function run(clients: number): Promise<void> {
  const { child, url } = spawnBuiltHost([
    '--port',
    '0',
    '--data-dir',
    mkdtempSync(join(tmpdir(), 'arbiter-load-')),
  ]);
  const baseUrl = await url;
  const host = await connectRpc(baseUrl);
  // The worker's rolling p99 (last 200 ticks), at its worst: over the whole run, joins
  // and first full snapshots included, and over the measured window alone.
  let tickP99WithJoins = 0;
  let tickP99 = 0;
  let measuring = false;
  host.on('stats', (stats) => {
    tickP99WithJoins = Math.max(tickP99WithJoins, stats.p99MsPerTick);
    if (measuring) tickP99 = Math.max(tickP99, stats.p99MsPerTick);
  });
  await host.request('subscribe', { topics: ['stats'] });
  await host.request('match.start', {
    overrides: { botsPerTeam: AGENTS / 2, playerLimit: 64, matchSeconds: 0 },
  });
  const invite = await host.request('invite.create', { maxUses: 64 });

  const friends: NodeFriend[] = [];
  for (let k = 0; k < clients; k += 8) {
    const batch = Array.from({ length: Math.min(8, clients - k) }, (_, j) =>
      joinAsFriend({ baseUrl, name: `load${k + j}`, invite: invite.code, timeoutMs: 30_000 }).catch(
        (error: Error) => {
          process.stderr.write(`net.load: a friend could not join: ${error.message}\n`);
          return null;
        },
      ),
    );
    for (const friend of await Promise.all(batch)) if (friend) friends.push(friend);
  }
  process.stderr.write(
    `net.load: ${friends.length} friends joined (${friends.filter((f) => f.transport === 'webrtc').length} over WebRTC)\n`,
  );
  // Give every friend its first full snapshot before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const ackLatencies: number[] = [];
  const measures = friends.map((friend) => {
    const sentAt = new Map<number, number>();
    const ticks = new Set<number>();
    let seq = 0;
    let bytesAtStart = friend.bytesIn;
    friend.onSnapshot((snapshot) => {
      ticks.add(snapshot.tick);
      for (const [s, at] of sentAt) {
        if (s > snapshot.inputAck) continue;
        ackLatencies.push(performance.now() - at);
        sentAt.delete(s);
      }
    });
    const timer = setInterval(() => {
      const angle = (seq++ * 0.3) % (2 * Math.PI);
      friend.sendInput(Math.cos(angle), Math.sin(angle), angle, 0);
      sentAt.set(seq - 1, performance.now());
    }, 1000 / TICK_RATE);
    return {
      ticks,
      stop: () => clearInterval(timer),
      startBytes: () => (bytesAtStart = friend.bytesIn),
      bytes: () => friend.bytesIn - bytesAtStart,
    };
  });
  const firstTick = Math.max(...friends.map((friend) => friend.state.lastTick));
  measures.forEach((m) => m.startBytes());
  const started = performance.now();
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  const lastTick = Math.max(...friends.map((friend) => friend.state.lastTick));
  measures.forEach((m) => m.stop());

  // Delivery: of the ticks each friend should have had snapshots for, how many arrived.
  const expected = lastTick - firstTick;
  let delivered = 0;
  for (const m of measures)
    for (const tick of m.ticks) if (tick > firstTick && tick <= lastTick) delivered++;
  const bytesPerClient =
    measures.reduce((sum, m) => sum + m.bytes(), 0) / measures.length / elapsed;

  report({
    bench: 'net.load',
    clients,
    joined: friends.length,
    agents: AGENTS,
    seconds: round3(elapsed),
    delivery: round3(delivered / (expected * measures.length)),
    input_ack_p99_ms: round3(percentile(ackLatencies, 99)),
    input_ack_median_ms: round3(percentile(ackLatencies, 50)),
    tick_p99_ms: round3(tickP99),
    tick_p99_with_joins_ms: round3(tickP99WithJoins),
    // The friends run in this process, on the same machine as the host.
    machine_cpus: availableParallelism(),
    bytes_per_client_s: Math.round(bytesPerClient),
    target_input_ack_p99_ms: 1000 / TICK_RATE + 5,
  });
  for (const friend of friends) friend.close();
  host.close();
  child.kill('SIGTERM');
  await exitOf(child);
}

await run(32);
await run(64);
process.exit(0);
