/**
 * Per-client area of interest and snapshot encode at scale: 1,000 entities
 * all walking (90 world units/s at 20 Hz, turning up to 0.25 rad a tick) on
 * the 1,600 × 1,000 arena, 32 clients each centred on its own avatar with a
 * view radius tuned so a client sees about 250 entities. Each client acks
 * its snapshots 2 ticks late (a 100 ms round trip at 20 Hz), so deltas span
 * two ticks of movement plus entities entering and leaving the view.
 *
 * Timed per tick (`encode_ms`): commit, the AOI grid rebuild, and for every
 * client its AOI query and encodeSnapshot. Clients decode untimed.
 *
 * Run: node --expose-gc --import tsx bench/net.aoi.ts
 * One JSON line on stdout; progress on stderr.
 */
import { performance } from 'node:perf_hooks';
import { createRng, nextFloat } from '../engine/index';
import {
  ackSnapshot,
  commitNetEntities,
  createAoiGrid,
  createClientState,
  createClientView,
  createNetEntities,
  createPacketBuffer,
  decodeSnapshot,
  encodeSnapshot,
  queryAoi,
  rebuildAoiGrid,
  type AoiGrid,
  type ClientState,
  type ClientView,
  type NetEntities,
} from '../engine/net/index';
import { median, percentile, report, round3 } from './_stats';

const ENTITIES = 1000;
const CLIENTS = 32;
const TARGET_VISIBLE = 250;
const ACK_LAG = 2;
const WARMUP_TICKS = 300;
const TIMED_TICKS = 1500;
const WIDTH = 1600;
const HEIGHT = 1000;
const STEP = 90 / 20;
const TURN = 0.25;
const CELL = 100;

const rng = createRng(777);
const heading = new Float64Array(ENTITIES);

function createWorld(): NetEntities {
  const e = createNetEntities(ENTITIES);
  e.count = ENTITIES;
  for (let i = 0; i < ENTITIES; i++) {
    e.id[i] = i + 1;
    e.kind[i] = i < CLIENTS ? 0 : 1;
    e.team[i] = i % 2;
    e.x[i] = nextFloat(rng) * WIDTH;
    e.y[i] = nextFloat(rng) * HEIGHT;
    heading[i] = nextFloat(rng) * 2 * Math.PI;
    e.angle[i] = heading[i];
    e.hp[i] = 1;
    e.item[i] = 2;
    e.flags[i] = 1;
  }
  return e;
}

function step(e: NetEntities): void {
  for (let i = 0; i < ENTITIES; i++) {
    let h = heading[i] + (nextFloat(rng) * 2 - 1) * TURN;
    let x = e.x[i] + Math.cos(h) * STEP;
    let y = e.y[i] + Math.sin(h) * STEP;
    if (x < 0 || x > WIDTH || y < 0 || y > HEIGHT) {
      h += Math.PI;
      x = Math.min(WIDTH, Math.max(0, x));
      y = Math.min(HEIGHT, Math.max(0, y));
    }
    heading[i] = h;
    e.x[i] = x;
    e.y[i] = y;
    e.angle[i] = h;
  }
}

/** The view radius (world units) at which clients see TARGET_VISIBLE entities on average. */
function calibrateRadius(e: NetEntities, grid: AoiGrid, rows: Int32Array): number {
  let lo = 50;
  let hi = 1500;
  for (let iter = 0; iter < 30; iter++) {
    const r = (lo + hi) / 2;
    let seen = 0;
    for (let c = 0; c < CLIENTS; c++) seen += queryAoi(grid, e, e.x[c], e.y[c], r, rows);
    if (seen / CLIENTS < TARGET_VISIBLE) lo = r;
    else hi = r;
  }
  return (lo + hi) / 2;
}

function run(): void {
  const e = createWorld();
  const grid = createAoiGrid(WIDTH, HEIGHT, CELL, ENTITIES);
  const rows = new Int32Array(ENTITIES);
  commitNetEntities(e, 0);
  rebuildAoiGrid(grid, e);
  // Tuned again halfway through warm-up, once walls have shaped the crowd.
  let radius = calibrateRadius(e, grid, rows);
  const views: ClientView[] = [];
  const clients: ClientState[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    views.push(createClientView());
    clients.push(createClientState());
  }
  const out = createPacketBuffer();
  const totalTicks = WARMUP_TICKS + TIMED_TICKS;
  const encodeMs = new Float64Array(TIMED_TICKS);
  const commitMs = new Float64Array(TIMED_TICKS);
  const visibleAvg = new Float64Array(TIMED_TICKS);
  const bytesPerClient: number[] = [];
  let maxPacket = 0;
  let fragmented = 0;
  // Packets waiting for their client, by client: [tick, copies].
  const pending: Array<Array<[number, Uint8Array[]]>> = clients.map(() => []);
  process.stderr.write(`net.aoi: ${ENTITIES} entities, ${CLIENTS} clients; ${totalTicks} ticks\n`);

  for (let tick = 1; tick <= totalTicks; tick++) {
    step(e);
    const k = tick - WARMUP_TICKS - 1;
    // Acks that arrive now (sent ACK_LAG ticks ago), then the timed host work.
    for (let c = 0; c < CLIENTS; c++) ackSnapshot(views[c], clients[c].lastTick);
    const t0 = performance.now();
    commitNetEntities(e, tick);
    const t1 = performance.now();
    rebuildAoiGrid(grid, e);
    let seen = 0;
    let copyMs = 0;
    for (let c = 0; c < CLIENTS; c++) {
      const n = queryAoi(grid, e, e.x[c], e.y[c], radius, rows);
      seen += n;
      const packets = encodeSnapshot(views[c], e, rows.subarray(0, n), tick, out);
      // Copying out stands in for sending; it is not counted.
      const t2 = performance.now();
      const copies = packets.map((p) => p.slice());
      copyMs += performance.now() - t2;
      pending[c].push([tick, copies]);
      if (k >= 0) {
        let size = 0;
        for (const p of copies) {
          size += p.length;
          maxPacket = Math.max(maxPacket, p.length);
        }
        bytesPerClient.push(size);
        if (copies.length > 1) fragmented++;
      }
    }
    const t3 = performance.now();
    // Deliver what was sent ACK_LAG - 1 ticks ago; the ack leaves with the next inputs.
    for (let c = 0; c < CLIENTS; c++) {
      while (pending[c].length > 0 && pending[c][0][0] <= tick - (ACK_LAG - 1)) {
        const [, packets] = pending[c].shift() as [number, Uint8Array[]];
        for (const p of packets) {
          const result = decodeSnapshot(clients[c], p);
          if (!result.ok) throw new Error(`client ${c} tick ${tick}: ${result.reason}`);
        }
      }
    }
    if (k >= 0) {
      encodeMs[k] = t3 - t0 - copyMs;
      commitMs[k] = t1 - t0;
      visibleAvg[k] = seen / CLIENTS;
    }
    if (tick === WARMUP_TICKS / 2) radius = calibrateRadius(e, grid, rows);
    if (tick === WARMUP_TICKS) {
      process.stderr.write(`net.aoi: warmed up (radius ${radius.toFixed(0)}), timing\n`);
      globalThis.gc?.();
    }
  }
  report({
    bench: 'net.aoi',
    clients: CLIENTS,
    entities: ENTITIES,
    visible: round3(median(visibleAvg)),
    encode_ms: round3(median(encodeMs)),
    encode_p99_ms: round3(percentile(encodeMs, 99)),
    commit_ms: round3(median(commitMs)),
    radius: round3(radius),
    ack_lag: ACK_LAG,
    bytes_per_client: median(bytesPerClient),
    max_packet_bytes: maxPacket,
    fragmented_share: round3(fragmented / bytesPerClient.length),
  });
}

run();
