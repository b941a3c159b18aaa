/**
 * The guest's console, in process: values are formatted inside QuickJS
 * (a getter, a proxy trap, a toJSON never runs on the host), and every
 * bound holds: lines per agent per tick, lines per batch, characters per
 * line; whatever is cut is counted.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_STRIDE } from '../../../../../engine/behavior/index';
import { AuthorRuntime } from './authorRuntime';
import { compileBehavior, type BehaviorInstance } from './behaviorInstance';
import { sampleObservations } from './sampleObservations';
import { BEHAVIOR_FILENAME } from './sandboxEngine';
import { TEST_ITEM_IDS, testSettings } from '../../testing/testSandbox';

async function compile(code: string): Promise<BehaviorInstance> {
  const s = testSettings();
  const runtime = await AuthorRuntime.create('console-test', s.limits, s.budget);
  const result = compileBehavior(runtime, code, BEHAVIOR_FILENAME, TEST_ITEM_IDS);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.instance;
}

/** One sample tick through `instance`, with a deadline of `ms`. */
function play(instance: BehaviorInstance, ms = 1_000) {
  const batch = sampleObservations(0);
  const records = batch.records.subarray(0, batch.length);
  const input = new Float64Array(8 + records.length);
  input.set([1, batch.tick, batch.tickRate, batch.ticksLeft, batch.agentCount, 1]);
  input.set(records, 8);
  const actions = new Float64Array(batch.agentCount * ACTION_STRIDE);
  return instance.run(input.buffer, batch.agentCount, actions, 0, ms);
}

describe("a behavior's console", () => {
  it('formats values JSON-ish, bounded, with each line tagged by agent and level', async () => {
    const instance = await compile(`let once = true;
      export default function (obs) {
        if (!once) return {};
        once = false;
        const deep = { a: { b: { c: { d: 1 } } } };
        console.log('str', 1.5, null, undefined, true, [1, 'two', [3]], deep);
        console.info(() => 1, function named() {}, Symbol('s'), new Error('bad'));
        console.warn(new Array(1000).fill(7));
        console.error({ toJSON() { throw new Error('never called'); }, x: 1 });
        return {};
      }`);
    const outcome = play(instance);
    expect(outcome.log.map((l) => [l.level, l.text])).toEqual([
      ['log', 'str 1.5 null undefined true [1, "two", [3]] { a: { b: { c: [Object] } } }'],
      ['info', '[Function] [Function named] Symbol(s) Error: bad'],
      ['warn', expect.stringMatching(/^\[7, 7, 7, (7, )+7?…$/)],
      ['error', '{ toJSON: [Function toJSON], x: 1 }'],
    ]);
    expect(outcome.log[2].text.length).toBe(200);
    expect(outcome.log.every((l) => typeof l.agentId === 'number')).toBe(true);
    expect(outcome.logDropped).toBe(0);
    instance.dispose();
  });

  it('keeps 5 lines per agent and 20 per batch, and counts the rest', async () => {
    const instance = await compile(`export default function (obs) {
      for (let i = 0; i < 9; i++) console.log('line', i);
      return {};
    }`);
    const agents = sampleObservations(0).agentCount;
    const outcome = play(instance);
    const kept = Math.min(20, agents * 5);
    expect(outcome.log.length).toBe(kept);
    expect(outcome.logDropped).toBe(agents * 9 - kept);
    for (const agent of new Set(outcome.log.map((l) => l.agentId))) {
      expect(outcome.log.filter((l) => l.agentId === agent).length).toBeLessThanOrEqual(5);
    }
    instance.dispose();
  });

  it('runs a hostile getter or proxy only inside the guest, under its deadline', async () => {
    const instance = await compile(`export default function (obs) {
      const trap = new Proxy({}, { ownKeys() { for (;;) {} } });
      console.log({ get slow() { for (;;) {} } }, trap);
      return {};
    }`);
    const started = performance.now();
    const outcome = play(instance, 50);
    // Cut by the deadline (10x hang guard), reported as the behavior's own failure.
    expect(performance.now() - started).toBeLessThan(500);
    expect(outcome.ok).toBe(false);
    expect(outcome.fatal?.message).toMatch(/interrupted/);
    instance.dispose();
  });
});
