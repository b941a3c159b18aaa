import { describe, expect, it } from 'vitest';
import { InputLossMeter } from './inputLoss';

describe('InputLossMeter', () => {
  it('has no figure before any packet and 0% when every seq arrives', () => {
    const meter = new InputLossMeter();
    expect(meter.lossPercent()).toBeNull();
    for (let seq = 10; seq < 110; seq++) meter.observe(seq);
    expect(meter.lossPercent()).toBe(0);
  });

  it('counts the seqs that never arrived, and forgets them once out of the window', () => {
    const meter = new InputLossMeter();
    for (let seq = 1; seq <= 100; seq++) if (seq % 10 !== 5) meter.observe(seq);
    expect(meter.lossPercent()).toBe(10);
    for (let seq = 101; seq < 400; seq++) meter.observe(seq);
    expect(meter.lossPercent()).toBe(0);
  });

  it('takes a late packet inside the window as arrived and ignores duplicates', () => {
    const meter = new InputLossMeter();
    meter.observe(0);
    meter.observe(2);
    meter.observe(3);
    expect(meter.lossPercent()).toBe(25);
    meter.observe(1);
    meter.observe(1);
    expect(meter.lossPercent()).toBe(0);
  });

  it('treats a jump of more than the window as the whole window lost but the newest', () => {
    const meter = new InputLossMeter();
    for (let seq = 0; seq < 300; seq++) meter.observe(seq);
    meter.observe(10_000);
    expect(meter.lossPercent()).toBeCloseTo(99.6, 1);
  });
});
