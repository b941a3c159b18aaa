import { describe, expect, it } from 'vitest';
import { createRng, nextFloat, nextInt } from '../sim/rng';
import {
  MAX_PACKET_BYTES,
  ackSnapshot,
  commitNetEntities,
  createAoiGrid,
  createClientState,
  createClientView,
  createInputPacket,
  createInputQueue,
  createPacketBuffer,
  decodeSnapshot,
  encodeInputPacket,
  encodeSnapshot,
  pushInput,
  queryAoi,
  rebuildAoiGrid,
  receiveInputPacket,
  takeInput,
} from './index';
import {
  clientState,
  createToyWorld,
  quantizedState,
  stateDiff,
  stepToyWorld,
} from '../testing/testWorld';

describe('snapshots over a lossy, reordering link', () => {
  it('converges whenever a snapshot gets through and never uses a missing baseline', () => {
    const rng = createRng(99);
    const world = createToyWorld(11, 600);
    const grid = createAoiGrid(world.width, world.height, 150, 1024);
    const visibleRows = new Int32Array(2048);
    const view = createClientView();
    const client = createClientState();
    const queue = createInputQueue();
    const inputs = createInputPacket();
    const out = createPacketBuffer();
    const inputBytes = new Uint8Array(64);
    const expected = new Map<number, Map<number, number[]>>();
    const decoded = new Set<number>();
    // In flight: [arrival tick, packet copy].
    const toClient: Array<[number, Uint8Array]> = [];
    const toHost: Array<[number, Uint8Array]> = [];
    const latency = (): number => nextInt(rng, 1, 4);
    const drop = (): boolean => nextFloat(rng) < 0.25;
    const command = { seq: 0, moveX: 0, moveY: 0, aim: 0, buttons: 0 };
    let taken = 0;
    let snapshots = 0;
    let lastState: Map<number, number[]> | null = null;

    for (let tick = 1; tick <= 500; tick++) {
      // Host: inputs that arrived, then the world, then this client's snapshot.
      for (const [, bytes] of takeDue(toHost, tick)) {
        expect(receiveInputPacket(queue, bytes).ok).toBe(true);
        ackSnapshot(view, queue.snapshotAck);
      }
      if (takeInput(queue, command)) {
        expect(command.seq).toBeGreaterThan(view.inputAck);
        view.inputAck = command.seq;
        taken++;
      }
      stepToyWorld(world, { moving: 0.8, spawn: 0.6, despawn: 0.6, damage: 0.3, speed: 9 });
      rebuildAoiGrid(grid, world.entities);
      const cx = world.width / 2 + Math.cos(tick / 40) * 500;
      const cy = world.height / 2 + Math.sin(tick / 40) * 300;
      const n = queryAoi(grid, world.entities, cx, cy, 350, visibleRows);
      const visible = visibleRows.subarray(0, n);
      expected.set(world.tick, quantizedState(world.entities, visible));
      expected.delete(world.tick - 40);
      for (const packet of encodeSnapshot(view, world.entities, visible, world.tick, out)) {
        expect(packet.length).toBeLessThan(1200);
        if (!drop()) toClient.push([tick + latency(), packet.slice()]);
      }

      // Client: snapshots that arrived, then one input packet carrying its ack.
      for (const [, bytes] of takeDue(toClient, tick)) {
        const before = client.lastTick;
        const result = decodeSnapshot(client, bytes);
        if (!result.ok) {
          expect(['stale', 'unknown_baseline']).toContain(result.reason);
          // A refused packet changes nothing the client shows.
          expect(client.lastTick).toBe(before);
          if (lastState !== null) expect(stateDiff(clientState(client), lastState)).toBeNull();
          continue;
        }
        if (result.snapshot === null) continue;
        const snap = result.snapshot;
        if (snap.baselineTick >= 0) expect(decoded.has(snap.baselineTick)).toBe(true);
        expect(snap.inputAck).toBeLessThanOrEqual(inputs.newestSeq);
        decoded.add(snap.tick);
        lastState = clientState(client);
        expect(stateDiff(lastState, expected.get(snap.tick) ?? new Map())).toBeNull();
        snapshots++;
      }
      inputs.ackTick = client.lastTick;
      pushInput(inputs, 1, 0, 0, 0);
      const size = encodeInputPacket(inputs, inputBytes);
      if (!drop()) toHost.push([tick + latency(), inputBytes.slice(0, size)]);
    }

    expect(snapshots).toBeGreaterThan(300);
    expect(view.deltaSnapshots).toBeGreaterThan(400);
    expect(client.errors.unknown_baseline + client.errors.stale).toBeGreaterThan(0);
    // Inputs: each seq was applied once, in order, or (all four copies lost) skipped.
    expect(queue.newestSeq).toBeGreaterThan(490);
    expect(taken + queue.size + queue.lost).toBe(queue.newestSeq + 1);
    expect(queue.lost).toBeLessThan(10);
    expect(queue.overflow).toBe(0);
  });
});

describe('snapshot fragmentation', () => {
  const world = createToyWorld(12, 3000, 4000, 4000);

  let tick = 0;
  /** The next tick's full view for `view`, as packet copies. */
  function encodeBig(view = createClientView()): Uint8Array[] {
    commitNetEntities(world.entities, ++tick);
    const packets = encodeSnapshot(view, world.entities, null, tick, createPacketBuffer());
    return packets.map((p) => p.slice());
  }

  it('splits a large snapshot into packets under the limit and reassembles them in any order', () => {
    const packets = encodeBig();
    expect(packets.length).toBeGreaterThan(10);
    for (const p of packets) expect(p.length).toBeLessThanOrEqual(MAX_PACKET_BYTES);
    const client = createClientState();
    const order = packets.map((_, i) => i).reverse();
    [order[0], order[3]] = [order[3], order[0]];
    const results = order.map((i) => decodeSnapshot(client, packets[i]));
    expect(results.slice(0, -1).every((r) => r.ok && r.snapshot === null)).toBe(true);
    const last = results[results.length - 1];
    expect(last.ok && last.snapshot?.entities.count).toBe(3000);
    expect(stateDiff(clientState(client), quantizedState(world.entities, null))).toBeNull();
  });

  it('drops only the snapshot that lost a fragment', () => {
    const view = createClientView();
    const client = createClientState();
    const first = encodeBig(view);
    for (const p of first.slice(1)) decodeSnapshot(client, p);
    expect(client.lastTick).toBe(-1);
    // Nothing was acked, so the next snapshot is full again and decodes on its own.
    const second = encodeBig(view);
    const results = second.map((p) => decodeSnapshot(client, p));
    expect(results.at(-1)?.ok && client.lastTick).toBe(tick);
    // The late fragment of the first is stale now; a repeated fragment is refused.
    expect(decodeSnapshot(client, first[0])).toEqual({ ok: false, reason: 'stale' });
    const third = encodeBig(view);
    decodeSnapshot(client, third[0]);
    expect(decodeSnapshot(client, third[0])).toEqual({ ok: false, reason: 'duplicate_fragment' });
    expect(client.errors.duplicate_fragment).toBe(1);
  });
});

function takeDue(queue: Array<[number, Uint8Array]>, tick: number): Array<[number, Uint8Array]> {
  const due = queue.filter(([at]) => at <= tick);
  const rest = queue.filter(([at]) => at > tick);
  queue.length = 0;
  queue.push(...rest);
  // Arrival order within a tick is shuffled by the latencies already.
  return due;
}
