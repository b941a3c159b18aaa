import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefaultBehaviors, seedLibrary, BehaviorStoreError } from '../behaviors/library/index';
import { SqliteBehaviorStore } from './behaviorStore.sqlite';
import { StateManager } from './stateManager';

const CODE = 'export default function () { return {}; }';
const open: StateManager[] = [];

function setup(file = join(mkdtempSync(join(tmpdir(), 'arbiter-behaviors-')), 'arbiter.db')) {
  const state = new StateManager({ file, syncIntervalMs: 60_000 });
  open.push(state);
  let t = Date.UTC(2025, 0, 1);
  return { file, state, store: new SqliteBehaviorStore(state, () => new Date((t += 1000))) };
}

afterEach(() => {
  for (const state of open.splice(0)) state.close();
});

describe('SqliteBehaviorStore', () => {
  it('saves every change as a new version, on disk at once', async () => {
    const { file, state, store } = setup();
    const v1 = await store.create({
      name: 'Kite at Range!',
      code: CODE,
      author: 'ann',
      tags: ['ranged'],
    });
    expect(v1).toMatchObject({
      id: 'kite-at-range',
      version: 1,
      language: 'javascript',
      complexity: 'simple',
    });
    const v2 = await store.update('kite-at-range', {
      code: `${CODE}\n`,
      author: 'bob',
      complexity: 'advanced',
    });
    expect(v2).toMatchObject({
      version: 2,
      author: 'bob',
      complexity: 'advanced',
      tags: ['ranged'],
    });
    expect(v2.createdAt).toBe(v1.createdAt);
    expect(v2.updatedAt > v1.updatedAt).toBe(true);
    await expect(store.update('kite-at-range', { author: 'c' }, 1)).rejects.toMatchObject({
      code: 'conflict',
    });
    const v3 = await store.rollback('kite-at-range', 1, 'carl');
    expect(v3).toMatchObject({
      version: 3,
      code: CODE,
      author: 'carl',
      restoredFrom: 1,
      complexity: 'simple',
    });

    // Another connection to the same file sees it all (written immediately, not write-behind).
    state.close();
    open.pop();
    const again = setup(file).store;
    expect((await again.versions('kite-at-range')).map((r) => r.version)).toEqual([1, 2, 3]);
    expect(await again.get('kite-at-range', 2)).toMatchObject({ author: 'bob' });
    expect(await again.get('kite-at-range')).toMatchObject({ version: 3, restoredFrom: 1 });
  });

  it('lists latest versions by name, tag and author; deletes with history', async () => {
    const { store } = setup();
    await store.create({ name: 'Hunter', code: CODE, author: 'ann', tags: ['offense'] });
    await store.create({ name: 'Guard', code: CODE, author: 'bob', tags: ['defense'] });
    await store.update('hunter', { author: 'ann', tags: ['offense', 'melee'] });
    expect((await store.list()).map((b) => b.name)).toEqual(['Guard', 'Hunter']);
    expect((await store.list({ name: 'HUN' })).map((b) => b.id)).toEqual(['hunter']);
    expect((await store.list({ tag: 'melee' })).map((b) => b.version)).toEqual([2]);
    expect((await store.list({ author: 'bob' })).map((b) => b.id)).toEqual(['guard']);
    expect('code' in (await store.list())[0]).toBe(false);
    expect(await store.delete('hunter')).toBe(true);
    expect(await store.delete('hunter')).toBe(false);
    expect(await store.get('hunter')).toBeNull();
    await expect(store.versions('hunter')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses bad input, taken ids and names without writing or raising a storage warning', async () => {
    const { state, store } = setup();
    await store.create({ name: 'Guard', code: CODE, author: 'ann' }, 'guard');
    await expect(
      store.create({ name: 'Other', code: CODE, author: 'ann' }, 'guard'),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(store.create({ name: 'Guard', code: CODE, author: 'ann' })).rejects.toBeInstanceOf(
      BehaviorStoreError,
    );
    await expect(store.create({ name: '', code: CODE, author: 'ann' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(store.rollback('guard', 9, 'ann')).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.get('Not An Id')).rejects.toMatchObject({ code: 'invalid' });
    expect(state.warning).toBeNull();
    expect((await store.versions('guard')).length).toBe(1);
  });

  it("keeps a note and an origin per version, and each version's first crash, across a reopen", async () => {
    const { file, state, store } = setup();
    await store.create({ name: 'Hunter', code: CODE, author: 'ann', note: 'chase the nearest' });
    const v2 = await store.update('hunter', {
      code: `${CODE}\n`,
      author: 'ann',
      note: 'Fix: TypeError: x is undefined',
      origin: 'llm',
    });
    expect(v2).toMatchObject({ note: 'Fix: TypeError: x is undefined', origin: 'llm' });
    // A later save without a note has none: notes belong to their version.
    const v3 = await store.update('hunter', { code: `${CODE}\n\n`, author: 'ann' });
    expect(v3).toMatchObject({ note: '', origin: 'hand' });
    expect(await store.markCrashed('hunter', 2, { message: 'boom', line: 3 })).toBe(true);
    expect(await store.markCrashed('hunter', 2, { message: 'later', line: 9 })).toBe(false);
    expect(await store.markCrashed('nobody', 1, { message: 'x', line: null })).toBe(false);
    const back = await store.rollback('hunter', 2, 'ann');
    // The rollback restores v2's code, not its crash or note.
    expect(back).toMatchObject({ version: 4, origin: 'rollback', restoredFrom: 2, note: '' });
    expect(back.crash).toBeUndefined();
    await expect(
      store.update('hunter', { code: CODE, author: 'ann', note: 'x'.repeat(501) }),
    ).rejects.toThrow(BehaviorStoreError);

    state.close();
    const reopened = new StateManager({ file, syncIntervalMs: 60_000 });
    open.push(reopened);
    const again = new SqliteBehaviorStore(reopened);
    const versions = await again.versions('hunter');
    expect(versions.map((v) => [v.version, v.origin, v.note, v.crash?.message ?? null])).toEqual([
      [1, 'hand', 'chase the nearest', null],
      [2, 'llm', 'Fix: TypeError: x is undefined', 'boom'],
      [3, 'hand', '', null],
      [4, 'rollback', '', null],
    ]);
    expect(versions[1].crash?.line).toBe(3);
  });

  it('seeds the shipped defaults once', async () => {
    const { store } = setup();
    const defaults = loadDefaultBehaviors(join(import.meta.dirname, '../../../../resources'));
    expect((await seedLibrary(store, defaults)).length).toBe(defaults.length);
    expect(await seedLibrary(store, defaults)).toEqual([]);
    expect((await store.list()).map((b) => b.id).sort()).toEqual(defaults.map((d) => d.id).sort());
  });
});
