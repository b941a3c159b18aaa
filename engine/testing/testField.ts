import type { MapDef } from '../world/map';

/**
 * Test support: an open 600 × 400 field with no walls and a spawn zone for
 * each of two teams at opposite ends. Shared by the rule services' tests.
 */
export const TEST_FIELD: MapDef = {
  name: 'field',
  width: 600,
  height: 400,
  walls: [],
  spawns: [
    { team: 0, x: 20, y: 20, w: 100, h: 360 },
    { team: 1, x: 480, y: 20, w: 100, h: 360 },
  ],
};
