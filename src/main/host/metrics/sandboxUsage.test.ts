import { describe, expect, it } from 'vitest';
import { HostMetrics } from './index';
import { sandboxUsageOf } from './sandboxUsage';

describe('per-author sandbox figures from the behaviors event', () => {
  it('reads an authors list or per-behavior entries, and nothing from an event without figures', () => {
    expect(sandboxUsageOf({ authors: [{ author: 'host', cpuMs: 12, memoryBytes: 4096 }] })).toEqual(
      new Map([['host', { cpuMs: 12, memoryBytes: 4096 }]]),
    );
    expect(
      sandboxUsageOf({
        behaviors: [
          { id: 'a', author: 'friend-3', memoryBytes: 2048 },
          { id: 'b', author: 'friend-3', memoryBytes: 2048 },
        ],
      }),
    ).toEqual(new Map([['friend-3', { cpuMs: undefined, memoryBytes: 2048 }]]));
    expect(sandboxUsageOf({ behaviors: [{ id: 'a', name: 'A', agents: 3 }] }).size).toBe(0);
    expect(sandboxUsageOf(null).size).toBe(0);
    expect(sandboxUsageOf({ authors: [{ author: 7, cpuMs: 'x' }] }).size).toBe(0);
  });

  it('turns CPU totals into a counter (a restart starts over) and memory into a gauge', async () => {
    const metrics = new HostMetrics();
    metrics.sandboxUsage('host', { cpuMs: 1500, memoryBytes: 8_000_000 });
    metrics.sandboxUsage('host', { cpuMs: 2500, memoryBytes: 9_000_000 });
    metrics.sandboxUsage('host', { cpuMs: 500 }); // the sandbox restarted
    const text = await metrics.text();
    expect(text).toMatch(/^arbiter_sandbox_cpu_seconds_total\{author="host"\} 3$/m);
    expect(text).toMatch(/^arbiter_sandbox_memory_bytes\{author="host"\} 9000000$/m);
  });
});
