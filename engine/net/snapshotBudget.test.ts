import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_BUDGET_BYTES,
  ackSnapshot,
  createClientState,
  createClientView,
  createPacketBuffer,
  decodeSnapshot,
  encodeSnapshot,
} from './index';
import {
  clientState,
  createToyWorld,
  quantizedState,
  stateDiff,
  stepToyWorld,
} from '../testing/testWorld';

describe('a per-friend snapshot budget', () => {
  it('lets a friend join a 1,000-entity match one packet a tick, nearest first, and converge', () => {
    const world = createToyWorld(3, 1000);
    const view = createClientView();
    view.budgetBytes = SNAPSHOT_BUDGET_BYTES;
    view.focusX = 800;
    view.focusY = 500;
    const client = createClientState();
    const out = createPacketBuffer();
    const e = world.entities;
    const distance = (id: number): number => {
      for (let i = 0; i < e.count; i++) {
        if (e.id[i] === id) return Math.hypot(e.x[i] - view.focusX, e.y[i] - view.focusY);
      }
      return NaN;
    };
    let converged = -1;
    for (let t = 0; t < 40 && converged < 0; t++) {
      stepToyWorld(world, { moving: 0 });
      const packets = encodeSnapshot(view, e, null, world.tick, out);
      // One packet within the budget: no fragment while the friend catches up.
      expect(packets).toHaveLength(1);
      expect(packets[0].length).toBeLessThanOrEqual(SNAPSHOT_BUDGET_BYTES);
      for (const p of packets) expect(decodeSnapshot(client, Uint8Array.from(p)).ok).toBe(true);
      ackSnapshot(view, client.lastTick);
      if (t === 0) {
        // The first snapshot holds the nearest entities: none it left out is nearer.
        const have = clientState(client);
        expect(have.size).toBeGreaterThan(50);
        expect(have.size).toBeLessThan(1000);
        let farthestSent = 0;
        for (const id of have.keys()) farthestSent = Math.max(farthestSent, distance(id));
        for (let i = 0; i < e.count; i++) {
          if (have.has(e.id[i])) continue;
          expect(distance(e.id[i])).toBeGreaterThanOrEqual(farthestSent);
        }
      }
      if (stateDiff(clientState(client), quantizedState(e, null)) === null) converged = t;
    }
    // About 12 KB at under 1,180 B a tick: every entity within a dozen or so ticks.
    expect(converged).toBeGreaterThan(0);
    expect(converged).toBeLessThanOrEqual(20);
    expect(view.deferred).toBeGreaterThan(0);
  });

  it('sends every entering entity at once without a budget (the default)', () => {
    const world = createToyWorld(3, 1000);
    const view = createClientView();
    const client = createClientState();
    const out = createPacketBuffer();
    stepToyWorld(world, { moving: 0 });
    const packets = encodeSnapshot(view, world.entities, null, world.tick, out);
    expect(packets.length).toBeGreaterThan(1);
    for (const p of packets) decodeSnapshot(client, Uint8Array.from(p));
    expect(stateDiff(clientState(client), quantizedState(world.entities, null))).toBeNull();
    expect(view.deferred).toBe(0);
  });
});
