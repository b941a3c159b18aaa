/**
 * Per-friend area of interest and snapshot encode on the shipped scene
 * (bench/_shippedScene.ts: the real engine, arena map, 1,000 bots with
 * projectiles and ground items, 32 friends on the host's friend path with
 * the shipped AOI_RADIUS). Each friend acks its snapshots 2 ticks late (a
 * 100 ms round trip at 20 Hz).
 *
 * Timed per tick, over every tick of the measured window:
 *   step    inputs applied + stepWorld
 *   encode  view collected, commit, AOI and encodeSnapshot for every friend,
 *           each friend's packets copied into the tick's one batch buffer
 *   post    that buffer transferred to a real MessageChannel port (what
 *           the engine worker posts)
 *   tick    the three together; `tick_p99_ms` is their p99.
 * Friends decode untimed. `visible` is the median entities in a friend's
 * snapshot; `shed_per_snapshot` how many held entities a snapshot dropped
 * on average because their changes alone overflowed the budget.
 * NET_AOI_TICKS shortens the window (default 1,200 ticks = 60 s of play);
 * NET_BUDGET=off runs without the per-friend budget (baseline).
 *
 * Run: npm run bench -- net.aoi
 * One JSON line on stdout; progress on stderr.
 */
import { MessageChannel } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import {
  AOI_RADIUS,
  SHIPPED_BOTS,
  createShippedScene,
  deliver,
  encodeScene,
  loadAvg,
  sceneCounts,
  sendInputs,
  sendsOf,
  stepScene,
} from './_shippedScene';
import { median, percentile, report, round3 } from './_stats';

const FRIENDS = Number(process.env.NET_AOI_FRIENDS ?? 32);
const ACK_LAG = 2;
const WARMUP_TICKS = 300;
const TIMED_TICKS = Number(process.env.NET_AOI_TICKS ?? 1200);

function run(): void {
  const scene = createShippedScene(FRIENDS, ACK_LAG);
  const channel = new MessageChannel();
  const step = new Float64Array(TIMED_TICKS);
  const encode = new Float64Array(TIMED_TICKS);
  const post = new Float64Array(TIMED_TICKS);
  const tick = new Float64Array(TIMED_TICKS);
  const visible = new Float64Array(TIMED_TICKS);
  const packetSizes: number[] = [];
  const bytesPerFriend: number[] = [];
  let fragmented = 0;
  let snapshots = 0;
  let counts = sceneCounts(scene.world);
  let shedBefore = 0;
  process.stderr.write(
    `net.aoi: ${SHIPPED_BOTS} bots, ${FRIENDS} friends, radius ${AOI_RADIUS}; ` +
      `${WARMUP_TICKS} + ${TIMED_TICKS} ticks\n`,
  );
  for (let t = 0; t < WARMUP_TICKS + TIMED_TICKS; t++) {
    const k = t - WARMUP_TICKS;
    sendInputs(scene);
    const t0 = performance.now();
    stepScene(scene);
    const t1 = performance.now();
    const batch = encodeScene(scene);
    const t2 = performance.now();
    // Untimed: the friends read the batch, and its packets are sized, before it is transferred away.
    const sends = sendsOf(batch);
    deliver(scene, sends);
    const sizes = sends.map((send) => send.packets.map((p) => p.length));
    const t3 = performance.now();
    channel.port1.postMessage(batch.buffer, [batch.buffer]);
    const t4 = performance.now();
    if (k < 0) continue;
    if (k === 0) shedBefore = shedSoFar(scene);
    step[k] = t1 - t0;
    encode[k] = t2 - t1;
    post[k] = t4 - t3;
    tick[k] = t2 - t0 + (t4 - t3);
    let seen = 0;
    for (const f of scene.friends) seen += f.visible;
    visible[k] = seen / FRIENDS;
    for (const packets of sizes) {
      let size = 0;
      for (const length of packets) {
        size += length;
        packetSizes.push(length);
      }
      bytesPerFriend.push(size);
      snapshots++;
      if (packets.length > 1) fragmented++;
    }
    if (k === TIMED_TICKS >> 1) counts = sceneCounts(scene.world);
  }
  channel.port1.close();
  report({
    bench: 'net.aoi',
    friends: FRIENDS,
    bots: SHIPPED_BOTS,
    ...counts,
    radius: AOI_RADIUS,
    ack_lag: ACK_LAG,
    budget: process.env.NET_BUDGET === 'off' ? 'off' : 'on',
    ticks: TIMED_TICKS,
    visible: round3(median(visible)),
    encode_ms: round3(median(encode)),
    encode_p99_ms: round3(percentile(encode, 99)),
    step_p99_ms: round3(percentile(step, 99)),
    post_p99_ms: round3(percentile(post, 99)),
    tick_ms: round3(median(tick)),
    tick_p99_ms: round3(percentile(tick, 99)),
    bytes_per_client: median(bytesPerFriend),
    bytes_per_client_s: Math.round(median(bytesPerFriend) * scene.world.tickRate),
    packet_p99_bytes: percentile(packetSizes, 99),
    max_packet_bytes: Math.max(...packetSizes),
    fragmented_share: round3(fragmented / snapshots),
    shed_per_snapshot: round3((shedSoFar(scene) - shedBefore) / snapshots),
    target_encode_ms: 2,
    target_packet_p99_bytes: 1200,
    load_avg: loadAvg(),
  });
}

/** Held entities every friend's view has dropped for the budget so far. */
function shedSoFar(scene: ReturnType<typeof createShippedScene>): number {
  let shed = 0;
  for (const client of scene.net.clients.values()) shed += client.view.shed;
  return shed;
}

run();
