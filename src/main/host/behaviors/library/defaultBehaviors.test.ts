/**
 * The shipped behaviors: they load, pass the dry run, seed the library, and
 * play visibly differently in the same situations.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_STATUS_ACTED,
  ACTION_STRIDE,
  beginBatch,
  beginGroup,
  createObservationBatch,
  createVisibleList,
  createWallList,
  endBatch,
  writeAgent,
  type ObservationBatch,
} from '../../../../../engine/behavior/index';
import { loadDefaultBehaviors, seedLibrary, type DefaultBehavior } from './defaultBehaviors';
import { validateBehavior, createSyntheticWorld } from '../sandbox/index';
import { InMemoryBehaviorStore } from './library';
import {
  createTestEngine,
  installOrThrow,
  quickJs,
  runBatch,
  testSettings,
} from '../../testing/testSandbox';

const RESOURCES = join(
  fileURLToPath(new URL('..', import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'resources',
);

let defaults: DefaultBehavior[];
beforeAll(() => {
  defaults = loadDefaultBehaviors(RESOURCES);
});

/**
 * Four situations, one agent each (team 0 at x=500): an enemy close by, an
 * enemy at range, alone near a ground item, and hurt with an enemy close.
 */
function situations(): ObservationBatch {
  const world = createSyntheticWorld(4, 1, 0);
  const c = world.columns;
  (c.x as Float64Array).fill(500);
  (c.y as Float64Array).fill(500);
  (c.team as Uint8Array).fill(0);
  (c.hp as Float64Array).set([100, 100, 100, 20]);
  const batch = createObservationBatch(4);
  const visible = createVisibleList();
  beginBatch(batch, 10, 20, -1);
  beginGroup(batch, 0);
  const see = (kind: number, team: number, dx: number, item = -1) => {
    const k = visible.length++;
    visible.id[k] = 900 + k;
    visible.kind[k] = kind;
    visible.team[k] = team;
    visible.x[k] = 500 + dx;
    visible.y[k] = 500;
    visible.hp[k] = kind === 1 ? 100 : 0;
    visible.item[k] = item;
  };
  const setups = [
    () => see(1, 1, 60),
    () => see(1, 1, 230),
    () => see(3, -1, 100, 0),
    () => see(1, 1, 60),
  ];
  setups.forEach((setup, u) => {
    visible.length = 0;
    setup();
    writeAgent(batch, u, c, visible, createWallList());
  });
  endBatch(batch);
  return batch;
}

describe('default behaviors', () => {
  it('ships five, each passing the dry run', async () => {
    expect(defaults.map((d) => d.id)).toEqual(['guard', 'hunter', 'kiter', 'collector', 'medic']);
    const module = await quickJs();
    for (const behavior of defaults) {
      const { result } = validateBehavior(module, testSettings(), {
        behaviorId: behavior.id,
        author: 'arbiter',
        source: behavior.code,
        language: behavior.language,
      });
      expect(result.errors, behavior.id).toEqual([]);
    }
  });

  it('seeds the library once', async () => {
    const store = new InMemoryBehaviorStore();
    expect(await seedLibrary(store, defaults)).toHaveLength(5);
    expect(await seedLibrary(store, defaults)).toHaveLength(0);
    expect((await store.get('kiter'))?.author).toBe('arbiter');
  });

  it('play differently in the same situations', async () => {
    const engine = await createTestEngine();
    const batch = situations();
    const decided = new Map<string, string>();
    for (const [slot, behavior] of defaults.entries()) {
      await installOrThrow(engine, behavior.code, slot, 'arbiter');
      batch.groups[0] = slot;
      // Two ticks: the first sets up memory (guard posts), the second is compared.
      runBatch(engine, batch);
      const { actions } = runBatch(engine, batch);
      const summary = [0, 1, 2, 3].map((agent) => {
        const a = actions.subarray(agent * ACTION_STRIDE, (agent + 1) * ACTION_STRIDE);
        if (a[0] !== ACTION_STATUS_ACTED) return 'idle';
        const moveX =
          a[1] === 1 ? Math.sign(Math.round(a[2] * 10)) : a[1] === 2 ? Math.sign(a[2] - 500) : 0;
        return `m${moveX}${a[6] & 1 ? 'F' : ''}${a[6] & 2 ? 'P' : ''}${a[7] ? `i${a[7]}` : ''}`;
      });
      decided.set(behavior.id, summary.join(' '));
    }
    // Every behavior decides differently in at least one of the four situations.
    expect(new Set(decided.values()).size).toBe(5);
    // And in the ways their names promise:
    expect(decided.get('hunter')?.split(' ')[1]).toMatch(/^m1F/); // charges an enemy at range
    expect(decided.get('kiter')?.split(' ')[0]).toMatch(/^m-1F/); // backs off from a close enemy, shooting
    expect(decided.get('collector')?.split(' ')[2]).toMatch(/^m1/); // walks to the item
    expect(decided.get('medic')?.split(' ')[3]).toMatch(/^m-1.*i3/); // hurt: retreats and drinks
  });
});
