/**
 * Snapshot codec against @colyseus/schema on the same work: 1,000
 * entities, 100 of them (a fresh random pick each tick) changing x, y and
 * angle, walking at the engine's default agent speed (90 world units/s at
 * 20 Hz) and turning up to 0.25 rad a tick.
 *
 * Ours, timed: writing the 300 new values into the net view, commit
 * (quantize, change detection) and encodeSnapshot for one client that
 * acknowledges every snapshot, packets and headers included in `bytes`.
 * Colyseus, timed: the 300 setters, Encoder.encode() and discardChanges(),
 * `colyseus_bytes` being the patch. Both run in the same loop, alternating
 * which goes first. Colyseus positions and angle are `float32` (what a
 * Colyseus user picks for positions, and the cheaper of its two float
 * options); the `number` type (float64 for non-integers) is reported too.
 *
 * Then the shipped scene at ack lag 0, 3 and 6 ticks (see `shippedScene`).
 *
 * Run: node --expose-gc --import tsx bench/net.codec.ts
 * Four JSON lines on stdout; progress on stderr.
 */
import { performance } from 'node:perf_hooks';
import { Decoder, Encoder, schema, t } from '@colyseus/schema';
import { collectView, createRng, nextFloat, nextUint32 } from '../engine/index';
import {
  ackSnapshot,
  commitNetEntities,
  createClientState,
  createClientView,
  createNetEntities,
  createPacketBuffer,
  decodeSnapshot,
  encodeSnapshot,
  type NetEntities,
} from '../engine/net/index';
import { createShippedScene, loadAvg, sceneCounts, stepScene } from './_shippedScene';
import { median, percentile, report, round3 } from './_stats';

const ENTITIES = 1000;
const CHANGED = 100;
const WARMUP_TICKS = 1000;
const TIMED_TICKS = 4000;
const STEP = 90 / 20;
const TURN = 0.25;
const WIDTH = 1600;
const HEIGHT = 1000;

Encoder.BUFFER_SIZE = 256 * 1024;

const EntityF32 = schema(
  {
    kind: t.uint8(),
    team: t.uint8(),
    x: t.float32(),
    y: t.float32(),
    angle: t.float32(),
    hp: t.uint8(),
    item: t.int16(),
    flags: t.uint8(),
  },
  'EntityF32',
);
const StateF32 = schema({ entities: t.map(EntityF32) }, 'StateF32');
const EntityNum = schema(
  {
    kind: t.uint8(),
    team: t.uint8(),
    x: t.number(),
    y: t.number(),
    angle: t.number(),
    hp: t.uint8(),
    item: t.int16(),
    flags: t.uint8(),
  },
  'EntityNum',
);
const StateNum = schema({ entities: t.map(EntityNum) }, 'StateNum');

interface ColyseusEntity {
  kind: number;
  team: number;
  x: number;
  y: number;
  angle: number;
  hp: number;
  item: number;
  flags: number;
}

/** The simulated world: plain arrays both sides copy from. */
const rng = createRng(4242);
const x = new Float64Array(ENTITIES);
const y = new Float64Array(ENTITIES);
const heading = new Float64Array(ENTITIES);
const kind = new Uint8Array(ENTITIES);
const team = new Uint8Array(ENTITIES);
for (let i = 0; i < ENTITIES; i++) {
  x[i] = nextFloat(rng) * WIDTH;
  y[i] = nextFloat(rng) * HEIGHT;
  heading[i] = nextFloat(rng) * 2 * Math.PI;
  kind[i] = nextUint32(rng) % 2;
  team[i] = nextUint32(rng) % 3;
}

function makeColyseus(
  State: typeof StateF32 | typeof StateNum,
  Entity: typeof EntityF32 | typeof EntityNum,
): { encoder: Encoder; entities: ColyseusEntity[]; full: number } {
  const state = new State();
  const entities: ColyseusEntity[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    const e = new Entity() as unknown as ColyseusEntity;
    e.kind = kind[i];
    e.team = team[i];
    e.x = x[i];
    e.y = y[i];
    e.angle = heading[i];
    e.hp = 255;
    e.item = 3;
    e.flags = 1;
    (state.entities as Map<string, unknown>).set(String(i + 1), e);
    entities.push(e);
  }
  const encoder = new Encoder(state);
  const full = encoder.encodeAll().length;
  encoder.discardChanges();
  return { encoder, entities, full };
}

function fillNetView(view: NetEntities): void {
  view.count = ENTITIES;
  for (let i = 0; i < ENTITIES; i++) {
    view.id[i] = i + 1;
    view.kind[i] = kind[i];
    view.team[i] = team[i];
    view.x[i] = x[i];
    view.y[i] = y[i];
    view.angle[i] = heading[i];
    view.hp[i] = 1;
    view.item[i] = 3;
    view.flags[i] = 1;
  }
}

/** Picks CHANGED distinct rows and moves them; returns the rows. */
const order = Int32Array.from({ length: ENTITIES }, (_, i) => i);
function moveSome(): Int32Array {
  for (let k = 0; k < CHANGED; k++) {
    const j = k + (nextUint32(rng) % (ENTITIES - k));
    const tmp = order[k];
    order[k] = order[j];
    order[j] = tmp;
    const i = order[k];
    let h = heading[i] + (nextFloat(rng) * 2 - 1) * TURN;
    let nx = x[i] + Math.cos(h) * STEP;
    let ny = y[i] + Math.sin(h) * STEP;
    if (nx < 0 || nx > WIDTH || ny < 0 || ny > HEIGHT) {
      h += Math.PI;
      nx = Math.min(WIDTH, Math.max(0, nx));
      ny = Math.min(HEIGHT, Math.max(0, ny));
    }
    heading[i] = h;
    x[i] = nx;
    y[i] = ny;
  }
  return order.subarray(0, CHANGED);
}

function run(): void {
  const view = createNetEntities(ENTITIES);
  fillNetView(view);
  const clientView = createClientView();
  const client = createClientState();
  const out = createPacketBuffer();
  commitNetEntities(view, 0);
  const fullBytes = encodeSnapshot(clientView, view, null, 0, out).reduce(
    (s, p) => s + p.length,
    0,
  );
  for (const p of out.packets) decodeSnapshot(client, p);
  ackSnapshot(clientView, 0);

  const f32 = makeColyseus(StateF32, EntityF32);
  const num = makeColyseus(StateNum, EntityNum);
  const decoder = new Decoder(new StateF32());
  decoder.decode(f32.encoder.encodeAll());

  const total = WARMUP_TICKS + TIMED_TICKS;
  const ours = new Float64Array(TIMED_TICKS);
  const theirs = new Float64Array(TIMED_TICKS);
  const theirsNum = new Float64Array(TIMED_TICKS);
  const bytes = new Float64Array(TIMED_TICKS);
  const theirBytes = new Float64Array(TIMED_TICKS);
  const theirNumBytes = new Float64Array(TIMED_TICKS);
  process.stderr.write(`net.codec: ${ENTITIES} entities, ${CHANGED} changing; ${total} ticks\n`);
  for (let tick = 1; tick <= total; tick++) {
    const rows = moveSome();
    let oursUs = 0;
    let packetBytes = 0;
    const runOurs = (): void => {
      const t0 = performance.now();
      for (let k = 0; k < CHANGED; k++) {
        const i = rows[k];
        view.x[i] = x[i];
        view.y[i] = y[i];
        view.angle[i] = heading[i];
      }
      commitNetEntities(view, tick);
      const packets = encodeSnapshot(clientView, view, null, tick, out);
      oursUs = (performance.now() - t0) * 1000;
      for (const p of packets) packetBytes += p.length;
    };
    const runTheirs = (side: typeof f32): [number, Uint8Array] => {
      const t0 = performance.now();
      for (let k = 0; k < CHANGED; k++) {
        const i = rows[k];
        const e = side.entities[i];
        e.x = x[i];
        e.y = y[i];
        e.angle = heading[i];
      }
      const patch = side.encoder.encode();
      side.encoder.discardChanges();
      return [(performance.now() - t0) * 1000, patch];
    };
    let f32Result: [number, Uint8Array];
    if (tick % 2 === 0) {
      runOurs();
      f32Result = runTheirs(f32);
    } else {
      f32Result = runTheirs(f32);
      runOurs();
    }
    const numResult = runTheirs(num);
    // Both clients decode (untimed): ours must succeed and ack; Colyseus's must apply.
    for (const p of out.packets) {
      const result = decodeSnapshot(client, p);
      if (!result.ok) throw new Error(`decode failed at tick ${tick}: ${result.reason}`);
    }
    ackSnapshot(clientView, client.lastTick);
    decoder.decode(f32Result[1]);
    const k = tick - WARMUP_TICKS - 1;
    if (k >= 0) {
      ours[k] = oursUs;
      theirs[k] = f32Result[0];
      theirsNum[k] = numResult[0];
      bytes[k] = packetBytes;
      theirBytes[k] = f32Result[1].length;
      theirNumBytes[k] = numResult[1].length;
    }
    if (tick === WARMUP_TICKS) {
      process.stderr.write('net.codec: warmed up, timing\n');
      globalThis.gc?.();
    }
  }
  const encodeUs = median(ours);
  const colyseusUs = median(theirs);
  report({
    bench: 'net.codec',
    entities: ENTITIES,
    changed: CHANGED,
    bytes: median(bytes),
    colyseus_bytes: median(theirBytes),
    encode_us: round3(encodeUs),
    colyseus_encode_us: round3(colyseusUs),
    ratio_bytes: round3(median(bytes) / median(theirBytes)),
    ratio_encode: round3(encodeUs / colyseusUs),
    encode_p99_us: round3(percentile(ours, 99)),
    colyseus_p99_us: round3(percentile(theirs, 99)),
    colyseus_number_bytes: median(theirNumBytes),
    colyseus_number_encode_us: round3(median(theirsNum)),
    full_bytes: fullBytes,
    colyseus_full_bytes: f32.full,
    colyseus_number_full_bytes: num.full,
    bytes_ack_lag3: ackLagBytes(3),
    bytes_ack_lag6: ackLagBytes(6),
    load_avg: loadAvg(),
  });
  for (const lag of [0, 3, 6]) report(shippedScene(lag));
}

/**
 * The shipped scene (bench/_shippedScene.ts, no friends): every entity the
 * world holds (bots, avatars, projectiles, ground items) as the host's view
 * sends it, to one client that sees all and acks `lag` ticks late, beside
 * Colyseus (float32 positions) on the same changes: entities added and
 * removed in its map, and only the fields whose values changed set.
 * Colyseus sends each change once over a reliable channel, so its bytes do
 * not depend on the lag. Both encodes are timed, setters included.
 */
function shippedScene(lag: number): Record<string, unknown> {
  const scene = createShippedScene(0, lag);
  const world = scene.world;
  const net = createNetEntities(4096);
  const clientView = createClientView();
  const out = createPacketBuffer();
  const state = new StateF32();
  const map = state.entities as Map<string, ColyseusEntity>;
  const encoder = new Encoder(state);
  const ours: number[] = [];
  const theirs: number[] = [];
  const oursUs: number[] = [];
  const theirsUs: number[] = [];
  const seen = new Set<number>();
  const WARMUP = 200;
  const TICKS = Number(process.env.NET_CODEC_TICKS ?? 600);
  let entities = 0;
  for (let t = 0; t < WARMUP + TICKS; t++) {
    stepScene(scene);
    const rows = collectView(world, scene.view);
    entities += rows;
    const v = scene.view;
    const t0 = performance.now();
    net.count = rows;
    for (let i = 0; i < rows; i++) {
      net.id[i] = v.id[i];
      net.kind[i] = v.kind[i];
      net.team[i] = v.team[i];
      net.x[i] = v.x[i];
      net.y[i] = v.y[i];
      net.angle[i] = v.aim[i];
      net.hp[i] = v.hp[i];
      net.item[i] = v.item[i];
      net.flags[i] = v.alive[i];
    }
    commitNetEntities(net, world.tick);
    const packets = encodeSnapshot(clientView, net, null, world.tick, out);
    const t1 = performance.now();
    let size = 0;
    for (const p of packets) size += p.length;
    if (world.tick > lag) ackSnapshot(clientView, world.tick - lag);

    const t2 = performance.now();
    seen.clear();
    for (let i = 0; i < rows; i++) {
      const key = String(v.id[i]);
      seen.add(v.id[i]);
      let e = map.get(key);
      if (!e) {
        e = new EntityF32() as unknown as ColyseusEntity;
        map.set(key, e);
      }
      const hp = Math.round(v.hp[i] * 255);
      if (e.kind !== v.kind[i]) e.kind = v.kind[i];
      if (e.team !== v.team[i]) e.team = v.team[i];
      if (e.x !== v.x[i]) e.x = v.x[i];
      if (e.y !== v.y[i]) e.y = v.y[i];
      if (e.angle !== v.aim[i]) e.angle = v.aim[i];
      if (e.hp !== hp) e.hp = hp;
      if (e.item !== v.item[i]) e.item = v.item[i];
      if (e.flags !== v.alive[i]) e.flags = v.alive[i];
    }
    for (const key of map.keys()) if (!seen.has(Number(key))) map.delete(key);
    const patch = encoder.encode();
    encoder.discardChanges();
    const t3 = performance.now();
    if (t < WARMUP) continue;
    ours.push(size);
    theirs.push(patch.length);
    oursUs.push((t1 - t0) * 1000);
    theirsUs.push((t3 - t2) * 1000);
  }
  return {
    bench: 'net.codec',
    scene: 'shipped',
    ack_lag: lag,
    entities: Math.round(entities / (WARMUP + TICKS)),
    ...sceneCounts(world),
    bytes: median(ours),
    colyseus_bytes: median(theirs),
    ratio_bytes: round3(median(ours) / median(theirs)),
    encode_us: round3(median(oursUs)),
    colyseus_encode_us: round3(median(theirsUs)),
    ratio_encode: round3(median(oursUs) / median(theirsUs)),
    target_ratio_bytes: lag === 0 ? 0.25 : lag === 3 ? 0.5 : null,
    load_avg: loadAvg(),
  };
}

/** Median bytes per tick when acks arrive `lag` ticks late (a 150 ms round trip at 20 Hz). */
function ackLagBytes(lag: number): number {
  const view = createNetEntities(ENTITIES);
  fillNetView(view);
  const clientView = createClientView();
  const out = createPacketBuffer();
  const sizes: number[] = [];
  for (let tick = 0; tick < 600; tick++) {
    if (tick > 0) {
      for (const i of moveSome()) {
        view.x[i] = x[i];
        view.y[i] = y[i];
        view.angle[i] = heading[i];
      }
    }
    commitNetEntities(view, tick);
    const packets = encodeSnapshot(clientView, view, null, tick, out);
    if (tick >= 100) sizes.push(packets.reduce((s, p) => s + p.length, 0));
    if (tick >= lag) ackSnapshot(clientView, tick - lag);
  }
  return median(sizes);
}

run();
