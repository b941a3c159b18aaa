import { describe, expect, it } from 'vitest';
import { advanceFixedStep, createFixedStep, msUntilNextTick, setTickRate } from '../index';

describe('fixed step', () => {
  it('first advance only records the time', () => {
    const loop = createFixedStep(20);
    expect(advanceFixedStep(loop, 5000)).toBe(0);
    expect(loop.lastTimeMs).toBe(5000);
  });

  it('runs 20 ticks for 1000 ms at 20 Hz, fed in one go or in frames', () => {
    const once = createFixedStep(20, { maxCatchUpTicks: 100 });
    advanceFixedStep(once, 0);
    expect(advanceFixedStep(once, 1000)).toBe(20);

    const frames = createFixedStep(20);
    advanceFixedStep(frames, 0);
    let ticks = 0;
    for (let t = 16; t <= 1000; t += 16) ticks += advanceFixedStep(frames, t);
    ticks += advanceFixedStep(frames, 1000);
    expect(ticks).toBe(20);
    expect(frames.droppedTicks).toBe(0);
  });

  it('runs exactly 60 ticks per second at 60 Hz despite 1000/60 being inexact', () => {
    const loop = createFixedStep(60, { maxCatchUpTicks: 1000 });
    advanceFixedStep(loop, 0);
    let ticks = 0;
    for (let s = 1; s <= 10; s++) ticks += advanceFixedStep(loop, s * 1000);
    expect(ticks).toBe(600);
  });

  it('accumulates partial steps', () => {
    const loop = createFixedStep(20);
    advanceFixedStep(loop, 0);
    expect(advanceFixedStep(loop, 30)).toBe(0);
    expect(loop.accumulatorMs).toBeCloseTo(30);
    expect(msUntilNextTick(loop, 30)).toBeCloseTo(20);
    expect(msUntilNextTick(loop, 45)).toBeCloseTo(5);
    expect(advanceFixedStep(loop, 60)).toBe(1);
    expect(loop.accumulatorMs).toBeCloseTo(10);
    expect(advanceFixedStep(loop, 99)).toBe(0);
    expect(advanceFixedStep(loop, 100)).toBe(1);
    expect(msUntilNextTick(loop, 200)).toBe(0);
  });

  it('clamps catch-up after a stall and counts the dropped ticks', () => {
    const loop = createFixedStep(20);
    advanceFixedStep(loop, 0);
    // A 2 s stall: 40 ticks due, 5 run, 35 dropped, time forgotten.
    expect(advanceFixedStep(loop, 2000)).toBe(5);
    expect(loop.droppedTicks).toBe(35);
    expect(loop.accumulatorMs).toBeLessThan(loop.stepMs);
    // Back to normal: no burst afterwards.
    expect(advanceFixedStep(loop, 2050)).toBe(1);
    expect(loop.droppedTicks).toBe(35);

    const custom = createFixedStep(10, { maxCatchUpTicks: 2 });
    advanceFixedStep(custom, 0);
    expect(advanceFixedStep(custom, 1000)).toBe(2);
    expect(custom.droppedTicks).toBe(8);
  });

  it('treats a clock going backwards as no time passing', () => {
    const loop = createFixedStep(20);
    advanceFixedStep(loop, 1000);
    expect(advanceFixedStep(loop, 900)).toBe(0);
    expect(advanceFixedStep(loop, 950)).toBe(1);
  });

  it('rejects tick rates outside 10..60 or not integers', () => {
    for (const bad of [9, 61, 0, -20, 20.5, Number.NaN, Infinity]) {
      expect(() => createFixedStep(bad)).toThrow(RangeError);
      expect(() => createFixedStep(bad)).toThrow(/tickRate must be an integer from 10 to 60/);
    }
    expect(() => createFixedStep(10)).not.toThrow();
    expect(() => createFixedStep(60)).not.toThrow();
    expect(() => createFixedStep(20, { maxCatchUpTicks: 0 })).toThrow(RangeError);
    expect(() => setTickRate(createFixedStep(20), 100)).toThrow(RangeError);
  });

  it('changes rate keeping the phase to the next tick', () => {
    const loop = createFixedStep(20);
    advanceFixedStep(loop, 0);
    advanceFixedStep(loop, 25); // halfway to the next 50 ms tick
    setTickRate(loop, 10);
    expect(loop.stepMs).toBe(100);
    expect(loop.accumulatorMs).toBeCloseTo(50);
    expect(advanceFixedStep(loop, 74)).toBe(0);
    expect(advanceFixedStep(loop, 75)).toBe(1);
  });
});
