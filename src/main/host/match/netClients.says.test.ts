/**
 * Agents' says split by net client: a friend hears the agents within its
 * area of interest (AOI_RADIUS of its avatar), the host's window (sees
 * all) every one, each at most `max`, oldest first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KIND_AGENT,
  addPlayer,
  collectView,
  createViewBuffers,
  createWorld,
  unitIndexOf,
  viewSize,
  type MapDef,
} from '../../../../engine/index';
import {
  AOI_RADIUS,
  addNetClient,
  createNetClients,
  encodeNetSnapshots,
  saysByClient,
} from './netClients';
import { beginNetPacketBatch, createNetPacketBatchWriter } from './netPacketBatch';
import { REPO_ROOT } from '../testing/testHost';

const map = JSON.parse(
  readFileSync(join(REPO_ROOT, 'resources/maps/arena.json'), 'utf8'),
) as MapDef;
const items = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/items.json'), 'utf8')).items;

describe('says by client', () => {
  it("gives a friend the says of agents near its avatar and the host's window all of them", () => {
    const world = createWorld(map, { seed: 3, agents: 40, items });
    const avatar = addPlayer(world, 0);
    const net = createNetClients();
    addNetClient(net, 7, avatar);
    addNetClient(net, -1, -1, true);
    // Each client's focus is placed as its snapshot is encoded.
    const view = createViewBuffers(viewSize(world));
    const rows = collectView(world, view);
    const writer = createNetPacketBatchWriter();
    beginNetPacketBatch(writer);
    encodeNetSnapshots(net, world, view, rows, writer);

    const says: Array<{ unitId: number; text: string }> = [];
    for (let u = 0; u < world.count; u++)
      if (world.kind[u] === KIND_AGENT) says.push({ unitId: world.id[u], text: `#${world.id[u]}` });
    says.push({ unitId: 999_999, text: 'gone' });
    const a = unitIndexOf(world, avatar);
    const near = says.filter(({ unitId }) => {
      const u = unitIndexOf(world, unitId);
      return u >= 0 && Math.hypot(world.x[u] - world.x[a], world.y[u] - world.y[a]) <= AOI_RADIUS;
    });
    expect(near.length).toBeGreaterThan(0);
    expect(near.length).toBeLessThan(says.length - 1);

    const byClient = new Map(saysByClient(net, world, says, 1000).map((c) => [c.clientId, c.says]));
    expect(byClient.get(7)).toEqual(near);
    expect(byClient.get(-1)).toEqual(says.slice(0, -1));
    const capped = new Map(saysByClient(net, world, says, 3).map((c) => [c.clientId, c.says]));
    expect(capped.get(-1)).toEqual(says.slice(0, 3));
    expect(capped.get(7)).toEqual(near.slice(0, 3));
    expect(saysByClient(net, world, [], 10)).toEqual([]);
  });
});
