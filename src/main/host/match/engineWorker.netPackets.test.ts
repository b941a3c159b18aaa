/**
 * The engine worker sends each friend's snapshot on as soon as it is
 * encoded: a tick's packets come over in transferred buffers, the first
 * holding only the friend whose input waited longest (its ack goes out
 * before the other friends are encoded), every friend's packets whole in
 * one of them, in the order the friends' inputs arrived.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createInputPacket,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  pushInput,
} from '../../../../engine/index';
import { builtInConfig } from '../api/configHandlers';
import { EngineHost } from './engineHost';
import { loadItems } from './gameData';
import { loadMap } from './maps';
import { batchClientId, type NetPacketBatch } from './netPacketBatch';

const resourcesDir = join(import.meta.dirname, '..', '..', '..', '..', 'resources');
const engine = new EngineHost(new URL('./engineWorker.ts', import.meta.url));
afterAll(() => engine.dispose());

function input(clientId: number): void {
  const packet = createInputPacket();
  pushInput(packet, 1, 0, 0, 0);
  const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
  engine.netInput(clientId, wire.subarray(0, encodeInputPacket(packet, wire)));
}

describe('engine worker: snapshots sent as each friend is encoded', () => {
  it('posts the longest-waiting friend’s packets first, alone, and every friend’s once', async () => {
    const config = builtInConfig();
    await engine.start(
      await loadMap(resourcesDir, config.map),
      { config, seed: 3, agents: 40 },
      (await loadItems(resourcesDir)).items,
    );
    await engine.pause();
    const clients = [11, 12, 13, 14, 15, 16];
    for (const clientId of clients) {
      const { unitId } = await engine.addPlayer(clientId % 2, null);
      engine.addNetClient(clientId, unitId);
    }
    // Inputs from 14, then 12, then 16; the others sent none.
    for (const clientId of [14, 12, 16]) {
      input(clientId);
      // A round trip: each input is taken in before the next is sent.
      await engine.exportPlayers([]);
    }
    const batches: Array<{ tick: number; ids: number[] }> = [];
    const onPackets = ({ tick, batch }: { tick: number; batch: NetPacketBatch }) => {
      const ids: number[] = [];
      for (let k = 0; k < batch.packets; k++) ids.push(batchClientId(batch, k));
      batches.push({ tick, ids });
    };
    engine.on('netPackets', onPackets);
    // Worker messages keep their order: the step's reply comes after its tick's packets.
    const { tick } = await engine.step();
    engine.off('netPackets', onPackets);

    const thisTick = batches.filter((b) => b.tick === tick);
    expect(thisTick.length).toBeGreaterThan(1);
    expect(new Set(thisTick[0].ids)).toEqual(new Set([14]));
    // Each friend's packets (its fragments) whole in one buffer, friends in order.
    const order: number[] = [];
    for (const { ids } of thisTick) {
      for (const id of new Set(ids)) {
        expect(order).not.toContain(id);
        order.push(id);
      }
    }
    expect(order.slice(0, 3)).toEqual([14, 12, 16]);
    expect(new Set(order)).toEqual(new Set(clients));
  }, 60_000);
});
