import { describe, expect, it } from 'vitest';
import {
  BehaviorStoreError,
  InMemoryBehaviorStore,
  MAX_BEHAVIOR_CODE_LENGTH,
  slug,
} from './library';

const CODE = 'export default function () { return {}; }';

function store() {
  let t = Date.UTC(2025, 0, 1);
  return new InMemoryBehaviorStore(() => new Date((t += 1000)));
}

describe('InMemoryBehaviorStore', () => {
  it('creates version 1 with defaults and timestamps', async () => {
    const s = store();
    const record = await s.create({
      name: 'Kite at Range!',
      code: CODE,
      author: 'ann',
      tags: ['ranged'],
    });
    expect(record).toMatchObject({
      id: 'kite-at-range',
      version: 1,
      description: '',
      language: 'javascript',
      complexity: 'simple',
      tags: ['ranged'],
      createdAt: '2025-01-01T00:00:01.000Z',
      updatedAt: '2025-01-01T00:00:01.000Z',
    });
    expect((await s.create({ name: 'Kite at range', code: CODE, author: 'bo' })).id).toBe(
      'kite-at-range-2',
    );
    await expect(
      s.create({ name: 'x', code: CODE, author: 'bo' }, 'kite-at-range'),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('makes every save a new version and keeps the history', async () => {
    const s = store();
    const v1 = await s.create({ name: 'Hunter', code: CODE, author: 'ann' });
    const v2 = await s.update(v1.id, { code: `${CODE}\n// v2`, author: 'bo' });
    const v3 = await s.update(v1.id, { description: 'chases', author: 'ann' }, 2);
    expect([v2.version, v3.version]).toEqual([2, 3]);
    expect(v3).toMatchObject({
      code: `${CODE}\n// v2`,
      description: 'chases',
      author: 'ann',
      createdAt: v1.createdAt,
    });
    expect(v3.updatedAt > v2.updatedAt).toBe(true);
    expect((await s.get(v1.id, 1))?.code).toBe(CODE);
    expect((await s.versions(v1.id)).map((r) => r.version)).toEqual([1, 2, 3]);
    await expect(s.update(v1.id, { code: CODE, author: 'cy' }, 2)).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('keeps every field a later save leaves out', async () => {
    const s = store();
    const v1 = await s.create({
      name: 'Medic',
      description: 'heals',
      code: CODE,
      language: 'typescript',
      author: 'ann',
      tags: ['support'],
      complexity: 'advanced',
    });
    const v2 = await s.update(v1.id, { code: `${CODE}\n// v2`, author: 'bo' });
    expect(v2).toMatchObject({
      name: 'Medic',
      description: 'heals',
      language: 'typescript',
      tags: ['support'],
      complexity: 'advanced',
      code: `${CODE}\n// v2`,
      author: 'bo',
    });
  });

  it('rolls back by saving an old version as the newest', async () => {
    const s = store();
    const v1 = await s.create({ name: 'Guard', code: CODE, author: 'ann', tags: ['defense'] });
    await s.update(v1.id, { code: '// broken', tags: ['oops'], author: 'ann' });
    const back = await s.rollback(v1.id, 1, 'bo');
    expect(back).toMatchObject({
      version: 3,
      code: CODE,
      tags: ['defense'],
      author: 'bo',
      restoredFrom: 1,
    });
    expect((await s.get(v1.id))?.version).toBe(3);
    await expect(s.rollback(v1.id, 9, 'bo')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists latest versions by name, tag and author, without code', async () => {
    const s = store();
    await s.create({ name: 'Hunter', code: CODE, author: 'ann', tags: ['offense'] });
    await s.create({ name: 'Guard', code: CODE, author: 'bo', tags: ['defense'] });
    await s.create({ name: 'Hunter Pack', code: CODE, author: 'bo', tags: ['offense'] });
    expect((await s.list()).map((b) => b.name)).toEqual(['Guard', 'Hunter', 'Hunter Pack']);
    expect((await s.list({ name: 'hunt' })).map((b) => b.id)).toEqual(['hunter', 'hunter-pack']);
    expect((await s.list({ tag: 'offense', author: 'bo' })).map((b) => b.id)).toEqual([
      'hunter-pack',
    ]);
    expect(Object.keys((await s.list())[0])).not.toContain('code');
  });

  it('deletes a behavior with its history', async () => {
    const s = store();
    const v1 = await s.create({ name: 'Temp', code: CODE, author: 'ann' });
    expect(await s.delete(v1.id)).toBe(true);
    expect(await s.get(v1.id)).toBeNull();
    expect(await s.delete(v1.id)).toBe(false);
    await expect(s.versions(v1.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('rejects invalid input with a message naming the field', async () => {
    const s = store();
    const cases: [unknown, RegExp][] = [
      [{ name: '', code: CODE, author: 'a' }, /behavior\.name/],
      [{ name: 'x', code: '', author: 'a' }, /behavior\.code/],
      [
        { name: 'x', code: 'x'.repeat(MAX_BEHAVIOR_CODE_LENGTH + 1), author: 'a' },
        /behavior\.code/,
      ],
      [{ name: 'x', code: CODE, author: 'a', tags: ['Not Valid'] }, /behavior\.tags\.0/],
      [{ name: 'x', code: CODE, author: 'a', complexity: 'extreme' }, /behavior\.complexity/],
      [{ name: 'x', code: CODE }, /behavior\.author/],
    ];
    for (const [input, message] of cases) {
      const error = await s.create(input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BehaviorStoreError);
      expect((error as BehaviorStoreError).code).toBe('invalid');
      expect((error as Error).message).toMatch(message);
    }
    await expect(s.get('../etc')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('slugs names', () => {
    expect(slug('  Retreat & Heal v2 ')).toBe('retreat-heal-v2');
    expect(slug('!!!')).toBe('behavior');
  });
});
