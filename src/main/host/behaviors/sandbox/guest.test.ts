/**
 * The guest side, in process (no worker): what a behavior sees, what it
 * cannot reach, how its errors are located, its memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_STATUS_ACTED,
  ACTION_STATUS_THREW,
  ACTION_STRIDE,
  AGENT_HEADER,
  ENTITY_KIND_NAMES,
  INVENTORY_STRIDE,
  SEEN_STRIDE,
} from '../../../../../engine/behavior/index';
import { AuthorRuntime } from './authorRuntime';
import { compileBehavior, type BehaviorInstance } from './behaviorInstance';
import { batchSeed, hashString } from './groupInput';
import { sampleObservations } from './sampleObservations';
import { BEHAVIOR_FILENAME, type SandboxEngine } from './sandboxEngine';
import { toJavaScript } from './stripTypes';
import {
  TEST_ITEM_IDS,
  createTestEngine,
  installOrThrow,
  runBatch,
  testSettings,
} from '../../testing/testSandbox';

let engine: SandboxEngine;
beforeAll(async () => {
  engine = await createTestEngine();
});

/** Compiles `code` in a fresh runtime (throws on failure). */
async function compile(code: string, author = 'guest-test'): Promise<BehaviorInstance> {
  const s = testSettings();
  const runtime = await AuthorRuntime.create(author, s.limits, s.budget);
  const result = compileBehavior(runtime, code, BEHAVIOR_FILENAME, TEST_ITEM_IDS);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.instance;
}

/** Runs the sample tick through `instance`; returns actions and each agent's memory. */
function play(instance: BehaviorInstance, tick = 0, seed = 1234) {
  const batch = sampleObservations(tick);
  const records = batch.records.subarray(0, batch.length);
  const input = new Float64Array(8 + records.length);
  input.set([1, batch.tick, batch.tickRate, batch.ticksLeft, batch.agentCount, seed]);
  input.set(records, 8);
  const actions = new Float64Array(batch.agentCount * ACTION_STRIDE);
  const outcome = instance.run(input.buffer, batch.agentCount, actions, 0, 1_000);
  const memory = JSON.parse(instance.exportMemory()) as { ids: number[]; values: string[] };
  const byId = new Map(memory.ids.map((id, i) => [id, JSON.parse(memory.values[i])]));
  return { batch, actions, outcome, memory: byId };
}

describe('what a behavior sees', () => {
  it('decodes every observation field of the packed record', async () => {
    const instance = await compile(`export default function (obs, memory) {
      memory.copy = JSON.parse(JSON.stringify(obs));
    }`);
    const { batch, memory } = play(instance);
    const r = batch.records;
    const at = batch.recordStart[7];
    const copy = memory.get(r[at + 1]).copy;
    expect([copy.tick, copy.tickRate, copy.ticksLeft]).toEqual([batch.tick, 20, batch.ticksLeft]);
    expect(copy.self).toMatchObject({
      id: r[at + 1],
      team: r[at + 2],
      x: r[at + 3],
      y: r[at + 4],
      hp: r[at + 7],
      maxHp: r[at + 8],
      radius: 8,
      perception: 320,
      range: r[at + 12],
      cooldowns: { fire: r[at + 15] },
      equipment: { weapon: 'short_bow', armor: null, trinket: null },
      inventory: [{ slot: 0, item: 'small_health_potion', count: r[at + AGENT_HEADER + 2] }],
    });
    const seen = at + AGENT_HEADER + r[at + 19] * INVENTORY_STRIDE;
    expect(copy.nearby).toHaveLength(r[at + 20]);
    copy.nearby.forEach((e: Record<string, unknown>, k: number) => {
      const p = seen + k * SEEN_STRIDE;
      expect(e).toEqual({
        id: r[p],
        kind: ENTITY_KIND_NAMES[r[p + 1]],
        team: r[p + 2],
        x: r[p + 3],
        y: r[p + 4],
        vx: r[p + 5],
        vy: r[p + 6],
        hp: r[p + 7],
        item: r[p + 8] < 0 ? null : TEST_ITEM_IDS[r[p + 8]],
        distance: r[p + 9],
      });
    });
    expect(copy.nearby.map((e: { kind: string }) => e.kind)).toContain('item');
    expect(copy.walls).toHaveLength(r[at + 21]);
    instance.dispose();
  });

  it('gives the same values whether a field is decoded eagerly or read through its getter', async () => {
    // Names in the source decide what is copied eagerly (guestDecode.ts): this one names every field…
    const named = await compile(`export default function (obs, memory) {
      const s = obs.self;
      memory.self = [s.id, s.team, s.x, s.y, s.vx, s.vy, s.hp, s.maxHp, s.radius, s.speed, s.perception,
        s.range, s.aimX, s.aimY, s.cooldowns.fire, s.equipment.weapon, s.equipment.armor, s.equipment.trinket,
        s.inventory.map((i) => [i.slot, i.item, i.count])];
      memory.nearby = obs.nearby.map((e) => [e.id, e.kind, e.team, e.x, e.y, e.vx, e.vy, e.hp, e.item, e.distance]);
      memory.walls = obs.walls.map((w) => [w.x, w.y, w.width, w.height]);
    }`);
    // …and this one reaches every field by a computed name, so all of them are getters.
    const computed = await compile(`const k = (...parts) => parts.join('');
    export default function (obs, memory) {
      const s = obs[k('se', 'lf')];
      const f = (o, names) => names.map((n) => o[k(n)]);
      memory[k('se', 'lf')] = f(s, ['id', 'team', 'x', 'y', 'v' + 'x', 'v' + 'y', 'h' + 'p', 'max' + 'Hp', 'rad' + 'ius',
        'spe' + 'ed', 'perc' + 'eption', 'ran' + 'ge', 'ai' + 'mX', 'ai' + 'mY'])
        .concat([s[k('cool', 'downs')][k('fi', 're')]])
        .concat(f(s[k('equip', 'ment')], ['wea' + 'pon', 'arm' + 'or', 'trin' + 'ket']))
        .concat([s[k('inven', 'tory')].map((i) => f(i, ['sl' + 'ot', 'it' + 'em', 'co' + 'unt']))]);
      memory[k('near', 'by')] = obs[k('near', 'by')].map((e) => f(e, ['id', 'ki' + 'nd', 'te' + 'am', 'x', 'y',
        'v' + 'x', 'v' + 'y', 'h' + 'p', 'it' + 'em', 'dist' + 'ance']));
      memory[k('wa', 'lls')] = obs[k('wa', 'lls')].map((w) => f(w, ['x', 'y', 'wid' + 'th', 'hei' + 'ght']));
      // A lazy field ignores writes: the next agent still reads its own value.
      s[k('h', 'p')] = -1;
    }`);
    const eager = play(named).memory;
    const lazy = play(computed).memory;
    expect(eager.size).toBeGreaterThan(1);
    expect([...lazy]).toEqual([...eager]);
    expect([...eager.values()].some((m) => m.nearby.length > 0 && m.walls.length > 0)).toBe(true);
    named.dispose();
    computed.dispose();
  });

  it('keeps each agent its own memory across ticks', async () => {
    const instance = await compile(`export default function (obs, memory) {
      memory.ticks = (memory.ticks || 0) + 1; memory.id = obs.self.id;
    }`);
    play(instance, 0);
    const { memory } = play(instance, 1);
    for (const [id, value] of memory) expect(value).toEqual({ ticks: 2, id });
    instance.dispose();
  });

  it('seeds Math.random per batch: same seed same numbers, another seed other numbers', async () => {
    const code = `export default function (obs, memory) { memory.r = [Math.random(), Math.random()]; }`;
    const a = await compile(code);
    const b = await compile(code);
    const first = [...play(a).memory.values()];
    expect([...play(b).memory.values()]).toEqual(first);
    expect(new Set(first.map((m) => m.r[0])).size).toBe(first.length);
    const other = [...play(b, 0, batchSeed(99, 2, hashString('b'))).memory.values()];
    expect(other[0].r).not.toEqual(first[0].r);
    expect(batchSeed(99, 1, 5)).not.toBe(batchSeed(99, 2, 5));
    a.dispose();
    b.dispose();
  });
});

describe('what a behavior cannot reach', () => {
  it('has no host objects, Date, timers, eval or Function', async () => {
    const instance = await compile(`export default function (obs, memory) {
      const tryIt = (f) => { try { return String(f()); } catch (e) { return e.name + ': ' + e.message; } };
      memory.types = [typeof process, typeof require, typeof Date, typeof setTimeout, typeof setInterval,
        typeof eval, typeof performance, typeof fetch, typeof WebAssembly, typeof std, typeof os];
      memory.escapes = [
        tryIt(() => globalThis.constructor.constructor('return this')()),
        tryIt(() => Function('return 1')()),
        tryIt(() => (function () {}).constructor('return 1')()),
        tryIt(() => (async function () {}).constructor('return 1')()),
        tryIt(() => Object.getPrototypeOf(function* () {}).constructor('yield 1')),
        tryIt(() => { Object.prototype.polluted = 1; return 'polluted'; }),
        tryIt(() => { Array.prototype.map = null; return 'replaced'; }),
        tryIt(() => { Math.random = () => 4; return 'replaced'; }),
      ];
    }`);
    const { memory } = play(instance);
    const first = [...memory.values()][0];
    expect(first.types).toEqual(Array(11).fill('undefined'));
    for (const escape of first.escapes) expect(escape).toMatch(/^TypeError: /);
    instance.dispose();
  });

  it('cannot import modules, statically or dynamically', async () => {
    await expect(compile(`import fs from 'fs'; export default function () {}`)).rejects.toThrow(
      /could not load module/,
    );
    const instance = await compile(`export default function (obs) { return import('fs'); }`);
    const { actions } = play(instance);
    expect(actions[0]).toBe(3); // a promise is not an action
    instance.dispose();
  });

  it('keeps one behavior from changing what another sees', async () => {
    const polluter = await compile(
      `export default function () { try { Object.prototype.move = { x: 1, y: 0 }; } catch (e) {} globalThis.shared = 1; }`,
      'same-author',
    );
    const victim = await compile(
      `export default function (obs, memory) { memory.saw = typeof globalThis.shared + ({}).move; return {}; }`,
      'same-author',
    );
    play(polluter);
    const { memory } = play(victim);
    expect([...memory.values()][0].saw).toBe('undefinedundefined');
    polluter.dispose();
    victim.dispose();
  });
});

describe('errors point into the behavior', () => {
  it('reports a thrown error with its line and column, per agent', async () => {
    const instance = await compile(`export default function (obs) {
  if (obs.self.id % 2) {
    return obs.nothing.here;
  }
  return {};
}`);
    const { actions, outcome } = play(instance);
    expect(outcome.ok).toBe(true);
    expect(outcome.errorCount).toBe(4);
    expect(outcome.errors[0]).toMatchObject({ name: 'TypeError', line: 3, phase: 'run' });
    expect(outcome.errors[0].column).toBeGreaterThan(10);
    expect(outcome.errors[0].stack).not.toContain('prelude');
    expect([actions[0], actions[ACTION_STRIDE]]).toEqual([
      ACTION_STATUS_THREW,
      ACTION_STATUS_ACTED,
    ]);
    instance.dispose();
  });

  it('keeps TypeScript positions: types are stripped to spaces', async () => {
    const source = `interface Plan { target: number }
export default function act(obs: Observation, memory: Memory): Action {
  const plan: Plan = memory.plan as Plan;
  return { aimAt: plan.target };
}`;
    const stripped = toJavaScript(source, 'typescript');
    if (!stripped.ok) throw new Error('strip failed');
    const instance = await compile(stripped.code);
    const { outcome } = play(instance);
    const error = outcome.errors[0];
    expect(error).toMatchObject({ line: 4 });
    // QuickJS points at the property read; in the original source that is "plan.target" on line 4.
    expect(source.split('\n')[3].slice((error.column ?? 0) - 1)).toMatch(/^(plan)?\.?target/);
    instance.dispose();
  });

  it('refuses TypeScript-only constructs and syntax errors with their position', () => {
    const enumError = toJavaScript('const a = 1;\nenum Mode { Attack }\n', 'typescript');
    expect(enumError).toMatchObject({ ok: false, error: { phase: 'strip', line: 2, column: 1 } });
    const syntax = toJavaScript('let x: number = ;', 'typescript');
    expect(syntax).toMatchObject({
      ok: false,
      error: { name: 'SyntaxError', line: 1, column: 17 },
    });
  });

  it('reports a syntax error of the module with its line', async () => {
    await expect(compile('export default function () {\n  return {;\n}')).rejects.toThrow(
      /"line":2/,
    );
  });
});

describe('memory limits and hot-load carry-over', () => {
  it('resets a memory that grows past the size limit', async () => {
    await installOrThrow(
      engine,
      `export default function (obs, memory) { memory.big = (memory.big || '') + 'x'.repeat(5000); }`,
      5,
    );
    const batch = sampleObservations(0);
    batch.groups[0] = 5;
    let resets = 0;
    for (let t = 0; t < 12; t++) {
      for (const event of runBatch(engine, batch).events) {
        if (event.type === 'memoryReset') resets += event.agents;
      }
    }
    expect(resets).toBeGreaterThan(0);
    engine.unload(5);
  });

  it('carries memory over through migrate, or as it is without one', async () => {
    const v1 = `export default function (obs, memory) { memory.kills = obs.self.id; }`;
    await installOrThrow(engine, v1, 6);
    const batch = sampleObservations(0);
    batch.groups[0] = 6;
    runBatch(engine, batch);
    const v2 = `export default function (obs, memory) { return { say: memory.score === obs.self.id * 10 ? 'gg' : 'help' }; }
export function migrate(old) { if (old.kills === 3) throw new Error('bad memory'); return { score: old.kills * 10 }; }`;
    const result = engine.install({
      slot: 6,
      behaviorId: 'b6',
      version: 2,
      author: 'tester',
      code: v2,
      keepMemory: true,
      tick: 1,
    });
    expect(result).toMatchObject({ ok: true, memoryKept: 7, memoryDropped: 1 });
    expect(result.migrateErrors[0]).toMatchObject({
      message: 'bad memory',
      line: 2,
      phase: 'migrate',
    });
    const { actions } = runBatch(engine, batch);
    const says = Array.from({ length: 8 }, (_, k) => actions[k * ACTION_STRIDE + 9]);
    expect(says.filter((s) => s === 9)).toHaveLength(7); // 'gg': migrated memory
    expect(says[2]).toBe(3); // agent 3 started over: 'help'
    engine.unload(6);
  });
});
