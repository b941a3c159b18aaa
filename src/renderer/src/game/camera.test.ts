import { describe, expect, it } from 'vitest';
import { fitWorld } from './camera';

describe('fitWorld', () => {
  it('fits the limiting side and centres the other', () => {
    const fit = fitWorld(1032, 1032, 1600, 1000);
    expect(fit.scale).toBeCloseTo(1000 / 1600);
    expect(fit.x).toBeCloseTo(16);
    expect(fit.y).toBeCloseTo((1032 - 1000 * fit.scale) / 2);
  });

  it('stays positive in a zero-sized view', () => {
    expect(fitWorld(0, 0, 100, 100).scale).toBeGreaterThan(0);
  });
});
