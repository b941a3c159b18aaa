import { describe, expect, it } from 'vitest';
import {
  FLAG_ALIVE,
  KIND_AGENT,
  KIND_AVATAR,
  type DecodedSnapshot,
} from '../../../../engine/index';
import { createDeathWatch, watchDeaths } from './killFeed';

/** A snapshot of units given as [id, kind, team, alive]. */
function snapshot(units: Array<[number, number, number, boolean]>): DecodedSnapshot {
  return {
    tick: 1,
    entities: {
      count: units.length,
      id: Uint32Array.from(units.map((u) => u[0])),
      kind: Uint8Array.from(units.map((u) => u[1])),
      team: Uint8Array.from(units.map((u) => u[2])),
      flags: Uint8Array.from(units.map((u) => (u[3] ? FLAG_ALIVE : 0))),
    },
  } as unknown as DecodedSnapshot;
}

describe('watchDeaths', () => {
  it('reports a unit once, when it goes from alive to dead', () => {
    const watch = createDeathWatch();
    expect(watchDeaths(watch, snapshot([[7, KIND_AGENT, 1, true]]), 0)).toEqual([]);
    const fallen = watchDeaths(watch, snapshot([[7, KIND_AGENT, 1, false]]), 5);
    expect(fallen).toMatchObject([{ unitId: 7, team: 1, avatar: false, at: 5 }]);
    expect(watchDeaths(watch, snapshot([[7, KIND_AGENT, 1, false]]), 6)).toEqual([]);
  });

  it('says nothing of a unit first seen dead, and marks avatars', () => {
    const watch = createDeathWatch();
    watchDeaths(watch, snapshot([[3, KIND_AVATAR, 0, true]]), 0);
    const fallen = watchDeaths(
      watch,
      snapshot([
        [3, KIND_AVATAR, 0, false],
        [9, KIND_AGENT, 0, false],
      ]),
      1,
    );
    expect(fallen.map((line) => [line.unitId, line.avatar])).toEqual([[3, true]]);
  });
});
