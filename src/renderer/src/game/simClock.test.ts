import { describe, expect, it } from 'vitest';
import { INTERPOLATION_DELAY_MS, createSimClock, observeFrame, renderTimeAt } from './simClock';

describe('simClock', () => {
  it('draws the delay behind the least-delayed frame', () => {
    const clock = createSimClock();
    expect(observeFrame(clock, 0, 1000)).toBe(true);
    observeFrame(clock, 50, 1070); // 20 ms late: jitter
    observeFrame(clock, 100, 1100);
    expect(clock.offsetMs).toBeLessThanOrEqual(1000.5);
    expect(renderTimeAt(clock, 1100)).toBeCloseTo(100 - INTERPOLATION_DELAY_MS, 0);
  });

  it('adopts an earlier arrival at once', () => {
    const clock = createSimClock();
    observeFrame(clock, 0, 1050);
    observeFrame(clock, 50, 1060);
    expect(clock.offsetMs).toBe(1010);
  });

  it('follows a simulation that runs slower than real time', () => {
    const clock = createSimClock();
    // Each 50 ms of simulation takes 52.5 ms of real time (5 % slow).
    for (let i = 0; i < 200; i++) observeFrame(clock, i * 50, 1000 + i * 52.5);
    const newestLocal = 1000 + 199 * 52.5;
    const lag = newestLocal - clock.offsetMs - 199 * 50;
    expect(lag).toBeLessThan(INTERPOLATION_DELAY_MS);
    expect(renderTimeAt(clock, newestLocal)).toBeLessThan(199 * 50);
  });

  it('resyncs when simulation time restarts', () => {
    const clock = createSimClock();
    observeFrame(clock, 5000, 6000);
    expect(observeFrame(clock, 0, 6100)).toBe(true);
    expect(clock.offsetMs).toBe(6100);
    expect(observeFrame(clock, 50, 6150)).toBe(false);
  });

  it('draws nothing before the first frame', () => {
    expect(renderTimeAt(createSimClock(), 123)).toBeNaN();
  });
});
