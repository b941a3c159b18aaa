/**
 * The hostile corpus, through the real runner and sandbox worker: each case
 * is a behavior that turns hostile after the dry run (tick > 4) and drives
 * half of a match's agents while a well-behaved behavior drives the other
 * half. Every case checks that the match keeps ticking at its rate (the
 * engine thread never waits past its budget), that the good agents keep
 * acting, and that the hostile one's error is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BehaviorError } from './behaviorError';
import type { BehaviorRunner } from './behaviorRunner';
import { createSyntheticScratch, createSyntheticWorld } from './syntheticWorld';
import { createTestRunner, playMatch } from './testSandbox';

const TICK_MS = 25;
const MAX_WAIT_MS = 8;
const TICKS = 18;
const AGENTS = 40;

let runner: BehaviorRunner;
let goodSlot: number;

beforeAll(async () => {
  runner = await createTestRunner();
  const good = await runner.hotLoad({
    behaviorId: 'good',
    version: 1,
    author: 'alice',
    source: `export default function (obs, memory) { memory.t = obs.tick; return { move: { x: 1, y: 0 } }; }`,
  });
  expect(good.ok).toBe(true);
  goodSlot = good.slot;
}, 30_000);

afterAll(async () => {
  await runner?.dispose();
});

interface Outcome {
  errors: BehaviorError[];
  restarted: { culprit: string | null }[];
  record: Awaited<ReturnType<typeof playMatch>>;
}

let caseNumber = 0;

/** Loads `hostile` (active from tick 5) beside the good behavior and plays a match. */
async function playHostile(hostile: string, ticks = TICKS): Promise<Outcome & { id: string }> {
  const id = `hostile-${++caseNumber}`;
  const source = `export default function (obs, memory) {
  if (obs.tick > 4) {
    ${hostile}
  }
  return { move: { x: -1, y: 0 } };
}`;
  const loaded = await runner.hotLoad({
    behaviorId: id,
    version: 1,
    author: `mallory-${caseNumber}`,
    source,
  });
  expect(loaded.errors).toEqual([]);
  const errors: BehaviorError[] = [];
  const restarted: { culprit: string | null }[] = [];
  const onError = (e: { behaviorId: string; error: BehaviorError }) => {
    if (e.behaviorId === id) errors.push(e.error);
  };
  const onRestart = (e: { culprit: string | null }) => restarted.push(e);
  runner.on('error', onError);
  runner.on('suspended', onError);
  runner.on('restarted', onRestart);
  const world = createSyntheticWorld(AGENTS, caseNumber, 6);
  for (let u = 0; u < AGENTS; u++) world.slot[u] = u % 2 ? loaded.slot : goodSlot;
  const record = await playMatch(
    runner,
    world,
    createSyntheticScratch(world, 64),
    ticks,
    TICK_MS,
    MAX_WAIT_MS,
    goodSlot,
  );
  runner.off('error', onError);
  runner.off('suspended', onError);
  runner.off('restarted', onRestart);
  runner.unload(id);
  return { id, errors, restarted, record };
}

/** The engine thread never blocked past its wait budget, and the match ran at its rate. */
function expectKeptTicking(outcome: Outcome, ticks = TICKS): void {
  const worst = Math.max(...outcome.record.tickMs);
  // collect waits at most MAX_WAIT_MS; the rest is encoding 40 agents (slack for a loaded machine).
  expect(worst).toBeLessThan(MAX_WAIT_MS + 60);
  expect(outcome.record.elapsedMs).toBeLessThan(ticks * TICK_MS * 1.5 + 500);
}

/** The good half acted on most ticks after the hostile one turned. */
function expectGoodAgentsActed(outcome: Outcome, fromTick = 6): void {
  const after = outcome.record.watchedActed.slice(fromTick);
  expect(after.filter((n) => n === AGENTS / 2).length).toBeGreaterThan(after.length / 2);
}

const corpus: [name: string, hostile: string, reported: RegExp][] = [
  ['infinite loop', 'while (true) {}', /CPU deadline exceeded/],
  // Each agent overflows its stack; on a loaded machine the deadline may cut the batch first.
  [
    'infinite recursion',
    'const f = (n) => f(n + 1) + 1; return f(0);',
    /stack overflow|CPU deadline/,
  ],
  ['huge string', "let s = 'x'; for (;;) s += s;", /string too long|out of memory/],
  [
    'ReDoS regex',
    "return { say: /^(a+)+$/.test('a'.repeat(34) + 'b') ? 'gg' : 'hello' };",
    /CPU deadline exceeded/,
  ],
  ['new Array(3e7).fill(0)', 'new Array(3e7).fill(0);', /out of memory/],
  ['process', 'process.exit(1);', /process.*not defined/],
  ['require', "require('fs').readFileSync('/etc/passwd');", /require.*not defined/],
  [
    'constructor escape',
    "globalThis.constructor.constructor('return this')().process.exit(1);",
    /Function is not available/,
  ],
  ['Function', "Function('return process')().exit(1);", /Function is not available/],
  ['eval', "eval('process.exit(1)');", /eval.*not defined/],
  ['import()', "return import('node:fs');", /not an action/],
  [
    'prototype pollution',
    'Object.prototype.move = { x: 9, y: 9 }; Array.prototype.find = null;',
    /not extensible|read-only/,
  ],
  ['huge array returned', 'return new Array(1e6);', /not an action/],
  ['getter that throws', "return { get move() { throw new Error('gotcha'); } };", /gotcha/],
  ['throws every tick', "throw new RangeError('always broken');", /always broken/],
];

describe('hostile behaviors never stop the match', () => {
  for (const [name, hostile, reported] of corpus) {
    it(name, async () => {
      const outcome = await playHostile(hostile);
      expectKeptTicking(outcome);
      expectGoodAgentsActed(outcome);
      expect(outcome.errors.map((e) => `${e.name}: ${e.message}`).join('\n')).toMatch(reported);
      expect(outcome.restarted).toEqual([]);
    });
  }

  it('returning NaN and Infinity: the values are rejected and counted', async () => {
    let rejected = 0;
    const outcome = await (async () => {
      const result = playHostile('return { move: { x: NaN, y: 1 }, aim: Infinity, say: "hi" };');
      // Sample the counts before the behavior is unloaded at the end of the match.
      const timer = setInterval(() => {
        const status = runner.status(`hostile-${caseNumber}`);
        if (status)
          rejected = Math.max(
            rejected,
            status.rejections.non_finite + status.rejections.out_of_range,
          );
      }, 20);
      try {
        return await result;
      } finally {
        clearInterval(timer);
      }
    })();
    expectKeptTicking(outcome);
    expectGoodAgentsActed(outcome);
    expect(rejected).toBeGreaterThan(0);
  });

  // Stalls the QuickJS interrupt cannot cut: a long native sort (about 1.2 s here), and an
  // allocation bomb that makes each allocation near the memory limit collect garbage (seconds).
  for (const [name, hostile] of [
    ['a long native sort', 'Array.from(Array(4e5).keys()).sort();'],
    [
      'an allocation bomb near the memory limit',
      'const hoard = []; for (;;) hoard.push(new Array(1e5).fill(obs.tick));',
    ],
  ]) {
    it(`${name} is cut by the watchdog`, async () => {
      const ticks = 140;
      const outcome = await playHostile(hostile, ticks);
      expectKeptTicking(outcome, ticks);
      expect(outcome.restarted).toEqual([
        {
          culprit: outcome.id,
          reason: expect.stringMatching(/hard deadline/),
          stalledMs: expect.any(Number),
        },
      ]);
      expect(outcome.errors.map((e) => e.message).join('\n')).toMatch(/hard deadline/);
      expect(runner.status('good')?.suspended).toBeNull();
      // After the restart the good behavior is reinstalled and acts again.
      expect(outcome.record.watchedActed.slice(-20).every((n) => n === AGENTS / 2)).toBe(true);
    }, 30_000);
  }
});

describe('hot-load refuses hostile versions in the dry run', () => {
  for (const [name, code, reported] of [
    ['infinite loop', 'while (true) {}', /CPU deadline exceeded/],
    ['infinite recursion', 'const f = () => f(); f();', /stack overflow/],
    [
      'allocation bomb',
      'const a = []; for (;;) a.push(new Array(1e5).fill(1));',
      // Refused by the sandbox, or by the validator's own watchdog when the bomb stalls it.
      /out of memory|CPU deadline|did not finish/,
    ],
  ] as const) {
    it(name, async () => {
      const result = await runner.hotLoad({
        behaviorId: 'good',
        version: 2,
        author: 'alice',
        source: `export default function () {\n  ${code}\n}`,
      });
      expect(result.ok).toBe(false);
      expect(result.errors[0].message).toMatch(reported);
      expect(runner.status('good')?.version).toBe(1);
    });
  }

  it('a dry run that stalls past the validator deadline fails and leaves the match alone', async () => {
    const staller = await createTestRunner({ validateTimeoutMs: 800 });
    try {
      const result = await staller.hotLoad({
        behaviorId: 'stall',
        version: 1,
        author: 'mallory',
        source: 'export default function () { Array.from(Array(4e5).keys()).sort(); }',
      });
      expect(result.ok).toBe(false);
      expect(result.errors[0]).toMatchObject({ phase: 'dry-run', name: 'Stall' });
    } finally {
      await staller.dispose();
    }
  }, 30_000);
});
