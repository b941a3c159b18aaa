import { describe, expect, it } from 'vitest';
import { fitWorld, followWorld } from './camera';

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

describe('followWorld', () => {
  it('puts the target in the middle of the view, closer than the whole map', () => {
    const cam = followWorld(800, 600, 1000, 1000, { x: 250, y: 700 }, 2);
    expect(cam.scale).toBeCloseTo(fitWorld(800, 600, 1000, 1000).scale * 2);
    expect(250 * cam.scale + cam.x).toBeCloseTo(400);
    expect(700 * cam.scale + cam.y).toBeCloseTo(300);
  });
});
