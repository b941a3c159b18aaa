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

/** A 1,000-entity toy world and a friend on the default budget, looking from (800, 500). */
function budgetedFriend(seed: number) {
  const world = createToyWorld(seed, 1000);
  const view = createClientView();
  view.budgetBytes = SNAPSHOT_BUDGET_BYTES;
  view.focusX = 800;
  view.focusY = 500;
  return { world, view, client: createClientState(), out: createPacketBuffer() };
}

describe('a per-friend snapshot budget', () => {
  it('lets a friend join a 1,000-entity match one packet a tick, nearest first, and converge', () => {
    const { world, view, client, out } = budgetedFriend(3);
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

  it('keeps to one packet when the held entities all change at once: the farthest leave, and come back', () => {
    const { world, view, client, out } = budgetedFriend(5);
    const e = world.entities;
    const exchange = (acked: boolean): void => {
      const packets = encodeSnapshot(view, e, null, world.tick, out);
      expect(packets).toHaveLength(1);
      expect(packets[0].length).toBeLessThanOrEqual(SNAPSHOT_BUDGET_BYTES);
      expect(decodeSnapshot(client, Uint8Array.from(packets[0])).ok).toBe(true);
      if (acked) ackSnapshot(view, client.lastTick);
    };
    // Still: the friend comes to hold every entity.
    for (let t = 0; t < 30; t++) {
      stepToyWorld(world, { moving: 0 });
      exchange(true);
    }
    expect(clientState(client).size).toBe(1000);
    expect(view.shed).toBe(0);
    // Then everyone moves and turns, acks arriving three ticks late: the changes alone
    // are several packets' worth.
    for (let t = 0; t < 30; t++) {
      stepToyWorld(world, { moving: 1, speed: 9, turn: 1 });
      exchange(t % 3 === 0);
      // What the friend holds is the host's state of that tick, never a stale value.
      const want = quantizedState(e, null);
      const have = clientState(client);
      for (const [id, values] of have) expect(values).toEqual(want.get(id));
    }
    expect(view.shed).toBeGreaterThan(0);
    const have = clientState(client);
    expect(have.size).toBeGreaterThan(50);
    expect(have.size).toBeLessThan(1000);
    // Once still again, the ones that left come back, nearest first, one packet a tick.
    for (let t = 0; t < 40; t++) {
      stepToyWorld(world, { moving: 0 });
      exchange(true);
    }
    expect(stateDiff(clientState(client), quantizedState(e, null))).toBeNull();
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
