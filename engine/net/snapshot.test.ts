import { describe, expect, it } from 'vitest';
import {
  FIELD_INDEX,
  FIELDS,
  MAX_PACKET_BYTES,
  MAX_SNAPSHOT_ENTITIES,
  ackSnapshot,
  commitNetEntities,
  createClientState,
  createClientView,
  createNetEntities,
  createPacketBuffer,
  decodeSnapshot,
  encodeSnapshot,
  createAoiGrid,
  fieldMax,
  fieldMin,
  queryAoi,
  quantize,
  rebuildAoiGrid,
  rowOfId,
  type ClientState,
  type NetEntities,
  type SnapshotResult,
} from './index';
import {
  clientState,
  createToyWorld,
  despawnRow,
  quantizedState,
  stateDiff,
  stepToyWorld,
} from '../testing/testWorld';

/** Feeds every packet to the client; returns the last result. */
function deliver(client: ClientState, packets: Uint8Array[]): SnapshotResult {
  let result: SnapshotResult = { ok: false, reason: 'empty' };
  for (const p of packets) result = decodeSnapshot(client, Uint8Array.from(p));
  return result;
}

function oneEntity(values: Partial<Record<string, number>>, id = 7): NetEntities {
  const e = createNetEntities(4);
  e.count = 1;
  e.id[0] = id;
  for (const field of FIELDS) {
    const v = values[field.name];
    if (v !== undefined) e[field.name][0] = v;
  }
  return e;
}

describe('snapshot codec round trips', () => {
  it('sends a full snapshot first and decodes every entity', () => {
    const world = createToyWorld(1, 300);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    stepToyWorld(world);
    const packets = encodeSnapshot(view, world.entities, null, world.tick, out);
    const result = deliver(client, packets);
    expect(result.ok && result.snapshot?.baselineTick).toBe(-1);
    expect(stateDiff(clientState(client), quantizedState(world.entities, null))).toBeNull();
    expect(view.fullSnapshots).toBe(1);
    // Dequantized values are the host's values to within half a step.
    const e = client.snapshot.entities;
    const row = rowOfId(world.entities, e.id[5]);
    expect(Math.abs(e.x[5] - world.entities.x[row])).toBeLessThanOrEqual(1 / 32);
    expect(rowOfId(e, e.id[5])).toBe(5);
  });

  it('deltas against the acknowledged snapshot and converges every tick', () => {
    const world = createToyWorld(2, 400);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    let fullBytes = 0;
    let deltaBytes = 0;
    for (let t = 0; t < 50; t++) {
      stepToyWorld(world, { moving: 0.3, spawn: 0.5, despawn: 0.5, damage: 0.5 });
      const packets = encodeSnapshot(view, world.entities, null, world.tick, out);
      const bytes = packets.reduce((s, p) => s + p.length, 0);
      if (t === 0) fullBytes = bytes;
      else deltaBytes = Math.max(deltaBytes, bytes);
      const result = deliver(client, packets);
      expect(result.ok).toBe(true);
      expect(stateDiff(clientState(client), quantizedState(world.entities, null))).toBeNull();
      expect(ackSnapshot(view, client.lastTick)).toBe(true);
    }
    expect(view.deltaSnapshots).toBe(49);
    expect(deltaBytes).toBeLessThan(fullBytes / 3);
  });

  it('sends an unchanged world in a few bytes', () => {
    const world = createToyWorld(3, 200);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    commitNetEntities(world.entities, 1);
    deliver(client, encodeSnapshot(view, world.entities, null, 1, out));
    ackSnapshot(view, 1);
    commitNetEntities(world.entities, 2);
    const packets = encodeSnapshot(view, world.entities, null, 2, out);
    expect(packets).toHaveLength(1);
    // The header, the orders, an end-of-records gap and two empty lists.
    expect(packets[0].length).toBeLessThanOrEqual(20);
    expect(deliver(client, packets).ok).toBe(true);
    expect(client.snapshot.entities.count).toBe(200);
  });

  it('adds entities entering the view and removes those leaving it', () => {
    const world = createToyWorld(4, 100);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    const all = Int32Array.from({ length: 100 }, (_, i) => i);
    let tick = 0;
    const send = (visible: Int32Array): void => {
      tick++;
      commitNetEntities(world.entities, tick);
      const result = deliver(client, encodeSnapshot(view, world.entities, visible, tick, out));
      expect(result.ok && result.snapshot !== null).toBe(true);
      expect(stateDiff(clientState(client), quantizedState(world.entities, visible))).toBeNull();
      ackSnapshot(view, tick);
    };
    send(all.subarray(0, 40));
    send(all.subarray(20, 70)); // 20 leave, 30 enter
    send(all.subarray(0, 0)); // everything leaves
    send(Int32Array.of(99, 3, 50, 3)); // enter in any order; a repeated row is sent once
    expect(client.snapshot.entities.count).toBe(3);
  });

  it('treats a despawned id and a reused row as remove and add', () => {
    const world = createToyWorld(5, 50);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    commitNetEntities(world.entities, 1);
    deliver(client, encodeSnapshot(view, world.entities, null, 1, out));
    ackSnapshot(view, 1);
    // Row 0 despawns and the last row moves into it; a new entity takes a fresh id,
    // and the id of row 5 is reused by an entity of another kind.
    despawnRow(world, 0);
    const e = world.entities;
    e.kind[5] = (e.kind[5] + 1) % 4;
    e.x[5] = 1500;
    commitNetEntities(e, 2);
    const result = deliver(client, encodeSnapshot(view, e, null, 2, out));
    expect(result.ok).toBe(true);
    expect(stateDiff(clientState(client), quantizedState(e, null))).toBeNull();
  });

  it('round-trips every field at its quantization extremes', () => {
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    const lows: Record<string, number> = {};
    const highs: Record<string, number> = {};
    for (const field of FIELDS) {
      lows[field.name] = fieldMin(field) / field.scale;
      highs[field.name] = fieldMax(field) / field.scale;
    }
    const cases = [lows, highs, lows, { x: 0, y: 0 }, highs];
    let tick = 0;
    for (const values of cases) {
      const e = oneEntity(values);
      tick++;
      commitNetEntities(e, tick);
      const result = deliver(client, encodeSnapshot(view, e, null, tick, out));
      expect(result.ok).toBe(true);
      expect(stateDiff(clientState(client), quantizedState(e, null))).toBeNull();
      ackSnapshot(view, tick);
    }
    // Beyond the range clamps; angles wrap the short way round.
    const e = oneEntity({ x: -1e6, y: 1e6, angle: -0.001, hp: 3 });
    commitNetEntities(e, ++tick);
    deliver(client, encodeSnapshot(view, e, null, tick, out));
    const got = clientState(client).get(7);
    expect(got?.[FIELD_INDEX.x]).toBe(fieldMin(FIELDS[FIELD_INDEX.x]));
    expect(got?.[FIELD_INDEX.y]).toBe(fieldMax(FIELDS[FIELD_INDEX.y]));
    expect(got?.[FIELD_INDEX.angle]).toBe(quantize(FIELDS[FIELD_INDEX.angle], -0.001));
    expect(got?.[FIELD_INDEX.hp]).toBe(255);
    expect(client.snapshot.entities.hp[0]).toBe(1);
  });

  it('handles ids up to 2^32 - 1', () => {
    const view = createClientView();
    const client = createClientState();
    const e = createNetEntities(4);
    e.count = 3;
    e.id.set([0, 0x7fffffff, 0xffffffff]);
    commitNetEntities(e, 1);
    const result = deliver(client, encodeSnapshot(view, e, null, 1, createPacketBuffer()));
    expect(result.ok).toBe(true);
    expect(Array.from(client.snapshot.entities.id.subarray(0, 3))).toEqual([
      0, 0x7fffffff, 0xffffffff,
    ]);
  });

  it('lets a client join mid-stream from a full snapshot', () => {
    const world = createToyWorld(6, 300);
    const out = createPacketBuffer();
    const early = createClientView();
    const earlyClient = createClientState();
    for (let t = 0; t < 40; t++) {
      stepToyWorld(world, { spawn: 0.3, despawn: 0.3 });
      deliver(earlyClient, encodeSnapshot(early, world.entities, null, world.tick, out));
      ackSnapshot(early, earlyClient.lastTick);
    }
    const late = createClientView();
    const lateClient = createClientState();
    for (let t = 0; t < 10; t++) {
      stepToyWorld(world, { spawn: 0.3, despawn: 0.3 });
      for (const [view, client] of [
        [early, earlyClient],
        [late, lateClient],
      ] as const) {
        const result = deliver(client, encodeSnapshot(view, world.entities, null, world.tick, out));
        expect(result.ok).toBe(true);
        ackSnapshot(view, client.lastTick);
      }
      expect(clientState(lateClient)).toEqual(clientState(earlyClient));
    }
    expect(late.fullSnapshots).toBe(1);
    expect(lateClient.snapshot.baselineTick).toBe(world.tick - 1);
  });

  it('falls back to a full snapshot when the ack is older than the ring', () => {
    const world = createToyWorld(7, 50);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    deliver(client, encodeSnapshot(view, world.entities, null, 0, out));
    expect(ackSnapshot(view, 0)).toBe(true);
    for (let t = 1; t <= 40; t++) {
      stepToyWorld(world);
      const packets = encodeSnapshot(view, world.entities, null, world.tick, out);
      if (t === 40) expect(deliver(client, packets).ok).toBe(true);
    }
    // Tick 0, then every tick from 32 on: the only ack (0) is too old for them.
    expect(view.fullSnapshots).toBe(1 + 9);
    expect(client.snapshot.baselineTick).toBe(-1);
    // Acks of unsent, already-acked or evicted ticks are ignored.
    expect(ackSnapshot(view, 41)).toBe(false);
    expect(ackSnapshot(view, 0)).toBe(false);
    expect(ackSnapshot(view, 5)).toBe(false);
    expect(ackSnapshot(view, 40)).toBe(true);
  });

  it('echoes the input ack and refuses stale snapshots', () => {
    const world = createToyWorld(8, 10);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    view.inputAck = 41;
    const first = Array.from(encodeSnapshot(view, world.entities, null, 0, out), (p) => p.slice());
    stepToyWorld(world);
    view.inputAck = 42;
    const result = deliver(client, encodeSnapshot(view, world.entities, null, 1, out));
    expect(result.ok && result.snapshot?.inputAck).toBe(42);
    expect(deliver(client, first)).toEqual({ ok: false, reason: 'stale' });
    expect(client.errors.stale).toBe(1);
  });

  it('caps a snapshot at MAX_SNAPSHOT_ENTITIES and keeps every packet under the limit', () => {
    const world = createToyWorld(9, MAX_SNAPSHOT_ENTITIES + 100, 8000, 8000);
    const view = createClientView();
    const client = createClientState();
    const packets = encodeSnapshot(view, world.entities, null, 0, createPacketBuffer());
    expect(packets.length).toBeGreaterThan(1);
    for (const p of packets) expect(p.length).toBeLessThanOrEqual(MAX_PACKET_BYTES);
    expect(view.truncated).toBe(100);
    expect(deliver(client, packets).ok).toBe(true);
    expect(client.snapshot.entities.count).toBe(MAX_SNAPSHOT_ENTITIES);
  });

  it('sends a repeated id once and rejects caller errors', () => {
    const e = createNetEntities(4);
    e.count = 3;
    e.id.set([4, 4, 9]);
    commitNetEntities(e, 1);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    expect(deliver(client, encodeSnapshot(view, e, null, 1, out)).ok).toBe(true);
    expect(client.snapshot.entities.count).toBe(2);
    expect(() => encodeSnapshot(view, e, null, 1, out)).toThrow(RangeError);
    expect(() => encodeSnapshot(view, e, null, 3, out)).toThrow(/commitNetEntities/);
    commitNetEntities(e, 3);
    expect(() => encodeSnapshot(view, e, Int32Array.of(3), 3, out)).toThrow(RangeError);
  });

  it('refuses a delta whose baseline the client lacks, then recovers from a full one', () => {
    const world = createToyWorld(10, 40);
    const view = createClientView();
    const out = createPacketBuffer();
    const client = createClientState();
    deliver(client, encodeSnapshot(view, world.entities, null, 0, out));
    ackSnapshot(view, 0);
    stepToyWorld(world);
    // A client that never saw tick 0 (say, it restarted) gets the delta of tick 1.
    const stranger = createClientState();
    const delta = encodeSnapshot(view, world.entities, null, 1, out);
    expect(deliver(stranger, delta)).toEqual({ ok: false, reason: 'unknown_baseline' });
    expect(stranger.lastTick).toBe(-1);
    const fresh = createClientView();
    stepToyWorld(world);
    expect(deliver(stranger, encodeSnapshot(fresh, world.entities, null, 2, out)).ok).toBe(true);
    expect(stateDiff(clientState(stranger), quantizedState(world.entities, null))).toBeNull();
  });

  it('keeps many clients exact while they share cached records', () => {
    const world = createToyWorld(13, 500);
    const grid = createAoiGrid(world.width, world.height, 150, 512);
    const rows = new Int32Array(1024);
    const out = createPacketBuffer();
    // Acks 1, 1, 2, 2, 3, 1, 2, 3 ticks late: clients share baselines in groups.
    const lags = [1, 1, 2, 2, 3, 1, 2, 3];
    const clients = lags.map((lag, k) => ({
      lag,
      view: createClientView(),
      state: createClientState(),
      centre: k * 50,
      sent: [] as Array<[number, Uint8Array[]]>,
    }));
    for (let t = 0; t < 120; t++) {
      stepToyWorld(world, { moving: 0.9, spawn: 0.5, despawn: 0.5, damage: 0.5 });
      rebuildAoiGrid(grid, world.entities);
      for (const c of clients) {
        const e = world.entities;
        const n = queryAoi(grid, e, e.x[c.centre], e.y[c.centre], 300, rows);
        const visible = rows.subarray(0, n);
        const packets = encodeSnapshot(c.view, e, visible, world.tick, out);
        c.sent.push([world.tick, packets.map((p) => p.slice())]);
        const want = quantizedState(e, visible);
        // Deliver at once to check; the ack reaches the host `lag` ticks later.
        expect(deliver(c.state, c.sent[c.sent.length - 1][1]).ok).toBe(true);
        expect(stateDiff(clientState(c.state), want)).toBeNull();
        const acked = c.sent.length > c.lag ? c.sent[c.sent.length - 1 - c.lag][0] : -1;
        if (acked >= 0) ackSnapshot(c.view, acked);
      }
    }
    for (const c of clients) expect(c.view.deltaSnapshots).toBeGreaterThan(100);
  });
});
