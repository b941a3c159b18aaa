/**
 * A friend's inputs are acknowledged within a tick: every input queued
 * since the last tick is applied at the next tick boundary, in order, and
 * that tick's snapshot to the friend carries the newest one's seq.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addPlayer,
  BUTTON_FIRE,
  collectView,
  createClientState,
  createInputPacket,
  createViewBuffers,
  createWorld,
  decodeSnapshot,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  pushInput,
  startRecording,
  stepWorld,
  viewSize,
  type InputPacket,
  type MapDef,
} from '../../../../engine/index';
import {
  addNetClient,
  applyNetInputs,
  createNetClients,
  encodeNetSnapshots,
  receiveNetInput,
} from './netClients';
import {
  batchClientId,
  batchPacket,
  beginNetPacketBatch,
  createNetPacketBatchWriter,
  finishNetPacketBatch,
  readNetPacketBatch,
} from './netPacketBatch';
import { REPO_ROOT } from '../testing/testHost';

const map = JSON.parse(
  readFileSync(join(REPO_ROOT, 'resources/maps/arena.json'), 'utf8'),
) as MapDef;
const items = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/items.json'), 'utf8')).items;
const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);

function send(packet: InputPacket): Uint8Array {
  return wire.slice(0, encodeInputPacket(packet, wire));
}

describe('friends’ inputs at the tick boundary', () => {
  it('applies every queued input in order and acks the newest in that tick’s snapshot', () => {
    const world = createWorld(map, { seed: 3, agents: 10, items });
    const unitA = addPlayer(world, 0);
    const unitB = addPlayer(world, 1);
    const net = createNetClients();
    addNetClient(net, 1, unitA);
    addNetClient(net, 2, unitB);
    const log = startRecording(world);
    const writer = createNetPacketBatchWriter();
    let view = createViewBuffers(256);
    const decoders = new Map([
      [1, createClientState()],
      [2, createClientState()],
    ]);

    /** One tick as the engine worker runs it; returns each friend's decoded input ack. */
    const tick = (): Map<number, number> => {
      applyNetInputs(net, world);
      stepWorld(world);
      if (viewSize(world) > view.capacity) view = createViewBuffers(viewSize(world) * 2);
      beginNetPacketBatch(writer);
      encodeNetSnapshots(net, world, view, collectView(world, view), writer);
      const batch = readNetPacketBatch(finishNetPacketBatch(writer));
      const acks = new Map<number, number>();
      for (let i = 0; i < batch.packets; i++) {
        const id = batchClientId(batch, i);
        const result = decodeSnapshot(decoders.get(id)!, batchPacket(batch, i));
        expect(result.ok).toBe(true);
        if (result.ok && result.snapshot) acks.set(id, result.snapshot.inputAck);
      }
      return acks;
    };

    // Friend 1's three inputs bunched up before one tick, in two packets; friend 2 sent one.
    const a = createInputPacket();
    pushInput(a, 1, 0, 0, BUTTON_FIRE); // seq 0
    receiveNetInput(net, 1, send(a));
    pushInput(a, 0, 1, Math.PI / 2, 0); // seq 1
    pushInput(a, -1, 0, Math.PI, 0); // seq 2
    receiveNetInput(net, 1, send(a));
    const b = createInputPacket();
    pushInput(b, 0, -1, 0, 0);
    receiveNetInput(net, 2, send(b));

    const appliedAt = world.tick;
    const acks = tick();
    expect(acks.get(1)).toBe(2);
    expect(acks.get(2)).toBe(0);
    const commands = log.entries
      .filter(
        (entry) => entry.op === 'command' && entry.tick === appliedAt && entry.actor === unitA,
      )
      .map((entry) => (entry.op === 'command' ? entry.command : null));
    expect(commands).toEqual([
      { type: 'move', x: 1, y: 0 },
      { type: 'aim', angle: 0 },
      { type: 'fire' },
      { type: 'move', x: 0, y: 1 },
      { type: 'aim', angle: expect.closeTo(Math.PI / 2, 3) },
      { type: 'move', x: -1, y: 0 },
      { type: 'aim', angle: expect.closeTo(Math.PI, 3) },
    ]);

    // Nothing queued: the next tick applies nothing and the acks stand.
    const before = log.entries.length;
    const next = tick();
    expect(log.entries.slice(before).filter((entry) => entry.op === 'command')).toEqual([]);
    expect(next.get(1)).toBe(2);
    expect(next.get(2)).toBe(0);
  });

  it('encodes the friend whose input waited longest first, and hands over each friend’s packets once encoded', () => {
    const world = createWorld(map, { seed: 5, agents: 10, items });
    const net = createNetClients();
    for (const id of [1, 2, 3]) addNetClient(net, id, addPlayer(world, id % 2));
    const view = createViewBuffers(256);
    const writer = createNetPacketBatchWriter();
    const input = (id: number, at: number) => {
      const packet = createInputPacket();
      pushInput(packet, 1, 0, 0, 0);
      receiveNetInput(net, id, send(packet), at);
    };
    // Friend 3's input came in first, then friend 1's (and a later one of 1's); 2 sent none.
    input(3, 10);
    input(1, 20);
    const again = createInputPacket();
    pushInput(again, 1, 0, 0, 0);
    pushInput(again, 0, 1, 0, 0);
    receiveNetInput(net, 1, send(again), 30);

    applyNetInputs(net, world);
    stepWorld(world);
    beginNetPacketBatch(writer);
    const handed: Array<{ id: number; applied: number; inBatch: number[] }> = [];
    encodeNetSnapshots(net, world, view, collectView(world, view), writer, (id, applied) => {
      // What the batch holds when this friend is done: only the friends before it.
      const inBatch = new Set<number>();
      for (let k = 0; k < writer.packets; k++) inBatch.add(writer.entries[k * 3]);
      handed.push({ id, applied, inBatch: [...inBatch] });
    });
    expect(handed).toEqual([
      { id: 3, applied: 0, inBatch: [3] },
      { id: 1, applied: 1, inBatch: [3, 1] },
      { id: 2, applied: -1, inBatch: [3, 1, 2] },
    ]);

    // The next tick: only friend 2 sent; it goes first, the others keep their join order.
    input(2, 40);
    applyNetInputs(net, world);
    stepWorld(world);
    beginNetPacketBatch(writer);
    const order: number[] = [];
    encodeNetSnapshots(net, world, view, collectView(world, view), writer, (id) => order.push(id));
    expect(order).toEqual([2, 1, 3]);
  });
});
