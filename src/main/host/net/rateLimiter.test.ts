import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimiter';

describe('RateLimiter', () => {
  it('allows a burst, refills at its rate, and asks to disconnect a peer that keeps flooding', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 5, 3, () => now);
    for (let i = 0; i < 5; i++) expect(limiter.take()).toBe('ok');
    expect(limiter.take()).toBe('drop');
    now += 100; // one token back
    expect(limiter.take()).toBe('ok');
    expect(limiter.take()).toBe('drop');
    expect(limiter.take()).toBe('drop');
    expect(limiter.take()).toBe('disconnect');
  });
});
