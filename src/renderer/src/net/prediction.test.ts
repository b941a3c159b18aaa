import { describe, expect, it } from 'vitest';
import { createPrediction, predictInput, reconcile } from './prediction';

describe('own-avatar prediction', () => {
  it('moves at once and replays unacknowledged inputs over the host position', () => {
    const p = createPrediction();
    reconcile(p, 100, 100, 0, 90, 0.05);
    predictInput(p, 1, 1, 0, 90, 0.05);
    predictInput(p, 2, 1, 0, 90, 0.05);
    expect(p.x).toBeCloseTo(109);
    // The host applied input 1 and a wall held the avatar at x = 102.
    reconcile(p, 102, 100, 1, 90, 0.05);
    expect(p.pending.map((input) => input.seq)).toEqual([2]);
    expect(p.x).toBeCloseTo(106.5);
    expect(p.y).toBe(100);
  });
});
