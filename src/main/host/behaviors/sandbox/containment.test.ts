/**
 * Containment per author (issue 11), through the real runner and workers:
 * a hard memory cap per author's wasm instance that ends only that
 * instance, memory given back, a bound on every message a guest can make
 * the host send, the watchdog outside batches, and a stalled worker
 * restarted alone. Behavior is asserted, never time: a busy machine only
 * makes a case take more ticks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BehaviorError } from './behaviorError';
import type { BehaviorRunner } from './behaviorRunner';
import { createSyntheticScratch, createSyntheticWorld } from './syntheticWorld';
import {
  loadGood,
  TEST_MEMORY_CAP_BYTES,
  createTestEngine,
  createTestRunner,
  installOrThrow,
  playHostile,
  playMatch,
  waitFor,
} from '../../testing/testSandbox';

/** Most bytes (as JSON) of one runner event, whatever the guest threw or logged. */
const MAX_EVENT_JSON = 8 * 1024;
/** Most bytes (as JSON) of a hot-load result: at most 8 errors of bounded size. */
const MAX_RESULT_JSON = 48 * 1024;

let runner: BehaviorRunner;
let goodSlot: number;
let caseNumber = 0;

beforeAll(async () => {
  // Room to allocate up to the cap: a generous CPU budget, suspension and hard deadline, so that
  // on a busy machine a slow allocation is neither a CPU failure nor a stall.
  runner = await createTestRunner({
    workers: 1,
    hardDeadlineMs: 5_000,
    suspendAfterFailures: 20,
    budget: { tickBudgetMs: 50, bucketMaxMs: 500, batchLimitMs: 200 },
  });
  goodSlot = await loadGood(runner);
}, 30_000);

afterAll(async () => {
  await runner?.dispose();
});

const cap = `memory limit exceeded \\(${TEST_MEMORY_CAP_BYTES / 1048576} MiB\\)`;

/** [name, per-tick body, module top level]: each keeps what it allocates until the cap. */
const bombs: [string, string, string][] = [
  // The exact shape of issue 11, finding 1.
  [
    'Uint8Arrays of 1 MiB kept four at a time',
    'if (obs.tick > 10) for (let i = 0; i < 4 && keep.length < 5000; i++) keep.push(new Uint8Array(1 << 20));',
    'const keep = [];',
  ],
  [
    'many small strings',
    "for (let i = 0; i < 2000; i++) keep.push('s' + i + ':' + obs.tick);",
    'const keep = [];',
  ],
  [
    'many small arrays',
    'for (let i = 0; i < 2000; i++) keep.push([i, obs.tick, i]);',
    'const keep = [];',
  ],
  [
    'many small objects',
    'for (let i = 0; i < 2000; i++) keep.push({ i, t: obs.tick });',
    'const keep = [];',
  ],
  [
    'many small typed arrays',
    'for (let i = 0; i < 2000; i++) keep.push(new Float64Array(32));',
    'const keep = [];',
  ],
  [
    'many small Maps',
    'for (let i = 0; i < 3000; i++) keep.set(keep.size, new Map([[i, obs.tick]]));',
    'const keep = new Map();',
  ],
];

describe('a hard memory cap per author', () => {
  for (const [name, body, top] of bombs) {
    it(`${name}: ends only that author's instance`, async () => {
      caseNumber++;
      const author = `bomber-${caseNumber}`;
      const outcome = await playHostile(
        runner,
        goodSlot,
        `bomb-${caseNumber}`,
        author,
        body,
        new RegExp(cap),
        { top, maxTicks: 1_200, hostileAgents: 2 },
      );
      expect(outcome.errors.map((e) => e.message).join('\n')).toMatch(new RegExp(cap));
      expect(outcome.errors.find((e) => e.name === 'MemoryLimit')).toBeDefined();
      // Nobody else lost anything: no worker restart, the good author still runs, in memory.
      expect(outcome.restarted).toEqual([]);
      expect(outcome.recovered).toBe(true);
      expect(runner.status('good')?.suspended).toBeNull();
      // Its instance is gone: the author holds no memory any more.
      expect(runner.authors().find((a) => a.author === author)).toBeUndefined();
      expect(runner.authors().find((a) => a.author === 'alice')?.memoryBytes).toBeGreaterThan(0);
    }, 60_000);
  }

  it('suspends every behavior of the author, and a resume starts a fresh instance', async () => {
    const top = 'const keep = [];';
    const bomb = `${top}\nexport default function (obs) { if (obs.tick > 4) for (;;) keep.push(new Uint8Array(1 << 16)); return {}; }`;
    const calm = `export default function () { return { move: { x: 1, y: 0 } }; }`;
    for (const [id, source] of [
      ['twin-bomb', bomb],
      ['twin-calm', calm],
    ]) {
      const loaded = await runner.hotLoad({ behaviorId: id, version: 1, author: 'twins', source });
      expect(loaded.ok).toBe(true);
    }
    const suspended: string[] = [];
    const onSuspended = (e: { behaviorId: string; error: BehaviorError }) => {
      if (e.error.name === 'MemoryLimit') suspended.push(e.behaviorId);
    };
    runner.on('suspended', onSuspended);
    const world = createSyntheticWorld(12, 3, 6);
    for (let u = 0; u < 12; u++) world.slot[u] = runner.slotOf(u % 2 ? 'twin-bomb' : 'twin-calm');
    await playMatch(runner, world, createSyntheticScratch(world, 8), {
      tickMs: 25,
      maxWaitMs: 8,
      maxTicks: 1_200,
      until: () => suspended.length >= 2,
    });
    runner.off('suspended', onSuspended);
    expect(suspended.sort()).toEqual(['twin-bomb', 'twin-calm']);
    expect(runner.status('twin-calm')?.suspended?.message).toMatch(new RegExp(cap));
    runner.resume('twin-calm');
    expect(
      await waitFor(
        () => (runner.authors().find((a) => a.author === 'twins')?.memoryBytes ?? 0) > 0,
      ),
    ).toBe(true);
    runner.unload('twin-bomb');
    runner.unload('twin-calm');
    expect(runner.authors().find((a) => a.author === 'twins')).toBeUndefined();
  }, 60_000);

  it('gives the memory back when the last behavior of an author is unloaded', async () => {
    const engine = await createTestEngine();
    await installOrThrow(engine, 'export default function () { return {}; }', 0, 'carol');
    await installOrThrow(engine, 'export default function () { return {}; }', 1, 'carol');
    expect(engine.authorMemory()).toEqual([{ author: 'carol', bytes: expect.any(Number) }]);
    expect(engine.authorMemory()[0].bytes).toBeGreaterThanOrEqual(16 * 1048576);
    engine.unload(0);
    expect(engine.authorMemory()).toHaveLength(1);
    engine.unload(1);
    expect(engine.authorMemory()).toEqual([]);
  });
});

describe('nothing a guest writes makes a host message bigger than a fixed bound', () => {
  it('errors, suspensions and logs of a behavior that throws and logs megabytes', async () => {
    const events: unknown[] = [];
    const record = (event: unknown) => events.push(event);
    runner.on('error', record);
    runner.on('suspended', record);
    runner.on('log', record);
    try {
      const outcome = await playHostile(
        runner,
        goodSlot,
        'loud',
        'loud-author',
        `for (let i = 0; i < 50; i++) console.log(big, big, { big });
    const e = new Error(big);
    Object.defineProperty(e, 'name', { value: big });
    Object.defineProperty(e, 'stack', { value: ('    at f (behavior.js:3:5)\\n').repeat(1e5) });
    throw e;`,
        /z{100}/,
        { top: "const big = 'z'.repeat(1e6);", hostileAgents: 4 },
      );
      const error = outcome.errors[0];
      expect(error.name).toMatch(/^z+… \(cut\)$/);
      expect(error.message).toMatch(/^z+… \(cut\)$/);
    } finally {
      runner.off('error', record);
      runner.off('suspended', record);
      runner.off('log', record);
    }
    expect(events.length).toBeGreaterThan(2);
    for (const event of events) {
      expect(JSON.stringify(event).length).toBeLessThanOrEqual(MAX_EVENT_JSON);
    }
  }, 60_000);

  it('the errors of a refused hot-load', async () => {
    const result = await runner.hotLoad({
      behaviorId: 'loud-top',
      version: 1,
      author: 'loud-author',
      source: `const e = new Error('m'.repeat(4e6)); Object.defineProperty(e, 'name', { value: 'n'.repeat(1e6) }); throw e;\nexport default function () {}`,
    });
    expect(result.ok).toBe(false);
    expect(result.errors[0].message).toMatch(/… \(cut\)$/);
    expect(JSON.stringify(result).length).toBeLessThanOrEqual(MAX_RESULT_JSON);
  }, 30_000);
});

describe('the watchdog is armed whatever the match is doing', () => {
  it('cuts a migrate that stalls an install with no batch in flight; the hot-load still answers', async () => {
    // Room enough that the sort's strings fit: it stalls rather than reaching the cap.
    const runner = await createTestRunner({ workers: 1, limits: { memoryBytes: 256 * 1048576 } });
    const v1 = 'export default function (obs, memory) { memory.n = 1; return {}; }';
    const loaded = await runner.hotLoad({
      behaviorId: 'migrant',
      version: 1,
      author: 'mig',
      source: v1,
    });
    expect(loaded.ok).toBe(true);
    // A few ticks so that agents have memory to migrate; then no batch is in flight.
    const world = createSyntheticWorld(20, 4, 6);
    for (let u = 0; u < 20; u++) world.slot[u] = loaded.slot;
    await playMatch(runner, world, createSyntheticScratch(world, 8), {
      tickMs: 25,
      maxWaitMs: 1_000,
      maxTicks: 6,
    });
    runner.collect(world.intents, 5_000);
    const restarted: string[] = [];
    runner.on('restarted', (e) => restarted.push(e.reason));
    // The dry run has no memory to migrate: the stall happens only in the live install.
    const result = await runner.hotLoad({
      behaviorId: 'migrant',
      version: 2,
      author: 'mig',
      source: `${v1}\nexport function migrate(m) { Array.from(Array(4e5).keys()).sort(); return m; }`,
    });
    expect(restarted.join('\n')).toMatch(/an install ran \d+ ms, past the \d+ ms hard deadline/);
    // Retried in the fresh worker, where no memory is left to migrate.
    expect(result.ok).toBe(true);
    await runner.dispose();
  }, 60_000);
});

describe('sandbox workers', () => {
  it('a stalled worker is restarted alone: the other worker keeps its authors and their memory', async () => {
    // Room enough that the sort's strings fit: it stalls rather than reaching the cap.
    const two = await createTestRunner({ workers: 2, limits: { memoryBytes: 256 * 1048576 } });
    try {
      // Moves right only once it remembers 5 ticks: lost memory would show as moving left again.
      const steady = `export default function (obs, memory) {
        memory.n = (memory.n || 0) + 1;
        return { move: { x: memory.n > 5 ? 1 : -1, y: 0 } };
      }`;
      const staller = `export default function (obs) {
        if (obs.tick > 12) Array.from(Array(4e5).keys()).sort();
        return { move: { x: 1, y: 0 } };
      }`;
      const a = await two.hotLoad({
        behaviorId: 'steady',
        version: 1,
        author: 'steady-author',
        source: steady,
      });
      const b = await two.hotLoad({
        behaviorId: 'staller',
        version: 1,
        author: 'stall-author',
        source: staller,
      });
      expect([a.ok, b.ok]).toEqual([true, true]);
      const workerOf = (author: string) => two.authors().find((x) => x.author === author)?.worker;
      expect(workerOf('steady-author')).not.toBe(workerOf('stall-author'));
      const restarts: number[] = [];
      two.on('restarted', (e) => restarts.push(e.worker));
      const world = createSyntheticWorld(20, 8, 6);
      for (let u = 0; u < 20; u++) world.slot[u] = u % 2 ? b.slot : a.slot;
      let leftAfterWarmup = 0;
      let steadyTicks = 0;
      const record = await playMatch(two, world, createSyntheticScratch(world, 8), {
        tickMs: 25,
        maxWaitMs: 8,
        maxTicks: 1_200,
        until: (r) => {
          const t = r.statuses.length;
          let left = false;
          let acted = 0;
          for (let u = 0; u < 20; u += 2) {
            if (world.intents.moveX[u] < 0) left = true;
            if (world.intents.moveX[u] !== 0) acted++;
          }
          if (t > 15 && left) leftAfterWarmup++;
          if (acted === 10 && restarts.length > 0) steadyTicks++;
          return restarts.length > 0 && steadyTicks > 10;
        },
      });
      expect(record.statuses.length).toBeLessThan(1_200);
      expect(restarts.length).toBeGreaterThan(0);
      expect(new Set(restarts)).toEqual(new Set([workerOf('stall-author')]));
      expect(leftAfterWarmup).toBe(0);
      expect(two.status('staller')?.suspended?.message).toMatch(/hard deadline/);
    } finally {
      await two.dispose();
    }
  }, 90_000);
});
