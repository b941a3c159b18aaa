import { describe, expect, it } from 'vitest';
import { ConsoleLimiter, type ConsoleBatch } from './consoleLimiter';

const batch = (author: string, count: number, dropped = 0, tick = 1): ConsoleBatch => ({
  behaviorId: `${author}-b`,
  version: 2,
  author,
  tick,
  lines: Array.from({ length: count }, (_, i) => ({ agentId: i, level: 'log', text: `l${i}` })),
  dropped,
});

describe('the console limiter', () => {
  it('lets each author print its lines per second and turns the rest into one notice', () => {
    let now = 0;
    const limiter = new ConsoleLimiter(100, () => now);
    let kept = 0;
    for (let t = 0; t < 10; t++) kept += limiter.admit(batch('ada', 20, 0, t)).length;
    expect(kept).toBe(100);
    // Another author has a second of their own.
    expect(limiter.admit(batch('bob', 20)).length).toBe(20);
    expect(limiter.flush()).toEqual([]);
    now = 1000;
    const notices = limiter.flush();
    expect(notices).toEqual([
      {
        tick: 9,
        agentId: null,
        behaviorId: 'ada-b',
        version: 2,
        author: 'ada',
        level: 'warn',
        text: '100 lines dropped (over the console limits)',
        source: 'match',
        dropped: 100,
      },
    ]);
    // A new second: lines pass again.
    expect(limiter.admit(batch('ada', 20, 0, 40)).length).toBe(20);
  });

  it('counts what the guest dropped in the same notice, never silently', () => {
    let now = 0;
    const limiter = new ConsoleLimiter(100, () => now);
    expect(limiter.admit(batch('ada', 3, 7)).map((l) => l.text)).toEqual(['l0', 'l1', 'l2']);
    now = 1500;
    // The notice comes with the next batch, before its lines.
    const next = limiter.admit(batch('ada', 1, 0, 50));
    expect(next.map((l) => [l.text, l.dropped])).toEqual([
      ['7 lines dropped (over the console limits)', 7],
      ['l0', undefined],
    ]);
  });
});
