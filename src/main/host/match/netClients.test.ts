/**
 * The host's side of friends' input, fuzzed: 100,000 random and mutated
 * packets go through the same path a data channel feeds (decode, queue,
 * commands for the client's own avatar, snapshot encode) without a throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addPlayer,
  collectView,
  createInputPacket,
  createRng,
  createViewBuffers,
  createWorld,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  nextUint32,
  pushInput,
  stepWorld,
  viewSize,
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

describe('friends’ input on the host, fuzzed', () => {
  it('takes 100,000 random and mutated packets without a crash and keeps the match running', () => {
    const world = createWorld(map, { seed: 5, agents: 20, items });
    const unit = addPlayer(world, 0);
    const net = createNetClients();
    addNetClient(net, 1, unit);
    const rng = createRng(99);
    const valid = createInputPacket();
    const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
    let view = createViewBuffers(256);
    const writer = createNetPacketBatchWriter();
    let sent = 0;
    for (let round = 0; round < 1000; round++) {
      for (let k = 0; k < 100; k++) {
        let bytes: Uint8Array;
        if (k % 2 === 0) {
          bytes = new Uint8Array(nextUint32(rng) % 96);
          for (let b = 0; b < bytes.length; b++) bytes[b] = nextUint32(rng) & 255;
        } else {
          pushInput(
            valid,
            (nextUint32(rng) % 3) - 1,
            (nextUint32(rng) % 3) - 1,
            1,
            nextUint32(rng) & 3,
          );
          bytes = wire.slice(0, encodeInputPacket(valid, wire));
          const flips = nextUint32(rng) % 4;
          for (let f = 0; f < flips; f++)
            bytes[nextUint32(rng) % bytes.length] ^= 1 << (nextUint32(rng) % 8);
        }
        receiveNetInput(net, 1, bytes);
        sent++;
      }
      applyNetInputs(net, world);
      stepWorld(world);
      if (viewSize(world) > view.capacity) view = createViewBuffers(viewSize(world) * 2);
      const rows = collectView(world, view);
      beginNetPacketBatch(writer);
      encodeNetSnapshots(net, world, view, rows, writer);
      const batch = readNetPacketBatch(finishNetPacketBatch(writer));
      expect(batch.packets).toBeGreaterThan(0);
      for (let i = 0; i < batch.packets; i++)
        expect(batchPacket(batch, i).length).toBeLessThan(1200);
    }
    expect(sent).toBe(100_000);
    expect(Object.values(net.rejected).reduce((a, b) => a + b, 0)).toBeGreaterThan(10_000);
    expect(world.tick).toBe(1000);
  });
});
