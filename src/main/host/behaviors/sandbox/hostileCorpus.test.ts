/**
 * The hostile corpus, through the real runner and sandbox worker: each case
 * is a behavior that turns hostile after the dry run (tick > 4) and drives
 * half of a match's agents while a well-behaved behavior of another author
 * drives the other half. Every case checks that the hostile one's error is
 * reported and that the good agents act again (the match never stops);
 * the cases the QuickJS interrupt can cut also check that the sandbox was
 * never restarted (the good author's memory is intact). No wall-clock
 * bounds: a busy machine only makes a case take more ticks.
 * Memory caps, sizes and workers are in containment.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BehaviorRunner } from './behaviorRunner';
import { createTestRunner, loadGood, playHostile } from '../../testing/testSandbox';

let runner: BehaviorRunner;
let goodSlot: number;
let caseNumber = 0;

beforeAll(async () => {
  runner = await createTestRunner();
  goodSlot = await loadGood(runner);
}, 30_000);

afterAll(async () => {
  await runner?.dispose();
});

/** Plays `hostile` as a new behavior of a new author. */
function play(hostile: string, reported: RegExp, top = '') {
  caseNumber++;
  return playHostile(
    runner,
    goodSlot,
    `hostile-${caseNumber}`,
    `mallory-${caseNumber}`,
    hostile,
    reported,
    { top },
  );
}

const messages = (errors: { name: string; message: string }[]) =>
  errors.map((e) => `${e.name}: ${e.message}`).join('\n');

/** [name, hostile body, what is reported, module top level]. */
type Case = [string, string, RegExp, string?];

const cutByTheInterrupt: Case[] = [
  ['infinite loop', 'while (true) {}', /CPU deadline exceeded/],
  // Each agent overflows its stack; on a loaded machine the deadline may cut the batch first.
  [
    'infinite recursion',
    'const f = (n) => f(n + 1) + 1; return f(0);',
    /stack overflow|CPU deadline/,
  ],
  ['huge string', "let s = 'x'; for (;;) s += s;", /string too long|out of memory|memory limit/],
  [
    'ReDoS regex',
    "return { say: /^(a+)+$/.test('a'.repeat(34) + 'b') ? 'gg' : 'hello' };",
    /CPU deadline exceeded/,
  ],
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
  // Thrown values: read only inside the guest, under a deadline (issue 11, finding 2).
  ['throw { toJSON() { for (;;) {} } }', 'throw { toJSON() { for (;;) {} } };', /not an Error/],
  ['a get message() loop', 'throw { get message() { for (;;) {} } };', /CPU deadline exceeded/],
  ['a get name() loop', 'throw { get name() { for (;;) {} } };', /CPU deadline exceeded/],
  ['a get stack() loop', 'throw { get stack() { for (;;) {} } };', /CPU deadline exceeded/],
  [
    'a proxy whose every read loops',
    'throw new Proxy({}, { get() { for (;;) {} } });',
    /CPU deadline exceeded/,
  ],
  [
    'a message whose toString loops',
    'throw { name: "Sneaky", message: { toString() { for (;;) {} } } };',
    /Sneaky: threw a value that could not be read/,
  ],
  ['a thrown symbol', "throw Symbol('odd');", /thrown value: Symbol\(odd\)/],
  ['an action getter loop', 'return { get move() { for (;;) {} } };', /CPU deadline exceeded/],
  [
    'an action aimAt getter loop',
    'return { aimAt: { get id() { for (;;) {} } } };',
    /CPU deadline/,
  ],
  // Promise jobs count against the same budget (finding 3).
  [
    'a promise job that loops',
    'Promise.resolve().then(() => { for (;;) {} });',
    /CPU deadline exceeded in a promise job/,
  ],
  [
    'an async loop',
    '(async () => { for (;;) await null; })();',
    /CPU deadline exceeded in a promise job/,
  ],
  [
    'promise jobs that queue each other',
    'Promise.resolve().then(function again() { Promise.resolve().then(again); });',
    /CPU deadline exceeded in a promise job/,
  ],
  [
    'an async loop started at the top level',
    'if (!started) { started = true; spin(); }',
    /CPU deadline exceeded in a promise job/,
    'let started = false; async function spin() { for (;;) await null; }',
  ],
  // Sizes (finding 4): a 4 MB message leaves the sandbox cut to 2,000 characters.
  [
    'a 4 MB Error message',
    'throw new Error(big);',
    /x{100}.*… \(cut\)$/,
    "const big = 'x'.repeat(4e6);",
  ],
];

describe('hostile behaviors never stop the match', () => {
  for (const [name, hostile, reported, top] of cutByTheInterrupt) {
    it(
      name,
      async () => {
        const outcome = await play(hostile, reported, top);
        expect(messages(outcome.errors)).toMatch(reported);
        expect(outcome.recovered).toBe(true);
        expect(outcome.restarted).toEqual([]);
        for (const error of outcome.errors) expect(error.message.length).toBeLessThanOrEqual(2000);
      },
      30_000,
    );
  }

  it('returning NaN and Infinity: the values are rejected and counted', async () => {
    let rejected = 0;
    const id = `hostile-${caseNumber + 1}`;
    // Sample the counts before the behavior is unloaded at the end of the match.
    const timer = setInterval(() => {
      const status = runner.status(id);
      if (status) {
        rejected = Math.max(
          rejected,
          status.rejections.non_finite + status.rejections.out_of_range,
        );
      }
    }, 20);
    try {
      const outcome = await play(
        'return { move: { x: NaN, y: 1 }, aim: Infinity, say: "hi" };',
        /(?:)/,
      );
      expect(outcome.recovered).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect(rejected).toBeGreaterThan(0);
  }, 30_000);

  // Stalls the QuickJS interrupt cannot cut: a long native sort (about 1.2 s on a quiet machine),
  // and a native fill that creates 3e7 properties.
  for (const [name, hostile] of [
    ['a long native sort', 'Array.from(Array(4e5).keys()).sort();'],
    ['new Array(3e7).fill(0)', 'new Array(3e7).fill(0);'],
  ]) {
    it(`${name} is cut by the watchdog or the memory cap`, async () => {
      const outcome = await play(hostile, /hard deadline|memory limit exceeded/);
      expect(messages(outcome.errors)).toMatch(/hard deadline|memory limit exceeded/);
      for (const restart of outcome.restarted) expect(restart.culprit).toBe(outcome.id);
      expect(runner.status('good')?.suspended).toBeNull();
      // After a restart the good behavior is reinstalled and acts again.
      expect(outcome.recovered).toBe(true);
    }, 60_000);
  }
});

describe('hot-load refuses hostile versions in the dry run', () => {
  for (const [name, code, reported] of [
    ['infinite loop', 'while (true) {}', /CPU deadline exceeded/],
    ['infinite recursion', 'const f = () => f(); f();', /stack overflow/],
    ['allocation bomb', 'const a = []; for (;;) a.push(new Array(1e5).fill(1));', /memory limit/],
  ] as const) {
    it(
      name,
      async () => {
        const result = await runner.hotLoad({
          behaviorId: 'good',
          version: 2,
          author: 'alice',
          source: `export default function () {\n  ${code}\n}`,
        });
        expect(result.ok).toBe(false);
        expect(result.errors[0].message).toMatch(reported);
        expect(runner.status('good')?.version).toBe(1);
      },
      30_000,
    );
  }

  // Module top level (finding 2): each is cut by its deadline in the dry run, never the
  // validator's stall timeout, and its error is read only inside the guest.
  for (const [name, top, reported] of [
    ['throw { toJSON() { for (;;) {} } }', 'throw { toJSON() { for (;;) {} } };', /not an Error/],
    ['a get message() loop', 'throw { get message() { for (;;) {} } };', /could not be read/],
    [
      'a getter loop on a thrown Error',
      "const e = new Error('x'); Object.defineProperty(e, 'stack', { get() { for (;;) {} } }); throw e;",
      /could not be read/,
    ],
    [
      'an async loop',
      '(async () => { for (;;) await null; })();',
      /CPU deadline exceeded in a promise job/,
    ],
    ['a 4 MB Error message', "throw new Error('y'.repeat(4e6));", /y{100}.*… \(cut\)$/],
  ] as const) {
    it(`at the module's top level: ${name}`, async () => {
      const result = await runner.hotLoad({
        behaviorId: `top-${name}`,
        version: 1,
        author: 'mallory-top',
        source: `${top}\nexport default function () { return {}; }`,
      });
      expect(result.ok).toBe(false);
      expect(result.errors[0]).toMatchObject({ phase: 'compile' });
      expect(result.errors[0].message).toMatch(reported);
      expect(result.errors[0].message.length).toBeLessThanOrEqual(2000);
    }, 30_000);
  }

  it('a dry run that stalls past the validator deadline fails and leaves the match alone', async () => {
    // Room enough that the sort's strings fit: it stalls rather than reaching the cap.
    const staller = await createTestRunner({
      validateTimeoutMs: 800,
      limits: { memoryBytes: 256 * 1024 * 1024 },
    });
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
