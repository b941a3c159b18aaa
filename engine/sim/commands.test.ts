import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  ACTION_EQUIP,
  ACTION_NONE,
  INTENT_FIRE,
  INTENT_PICKUP,
  REJECT_REASONS,
  addItem,
  addPlayer,
  applyCommand,
  createWorld,
  damageUnit,
  endMatch,
  equippedItem,
  itemIndex,
  rejectionCounts,
  stepWorld,
  unitIndexOf,
  type Command,
  type ItemDef,
  type World,
} from '../index';
import { TEST_FIELD } from '../testing/testField';

const items = itemsFile.items as ItemDef[];
const field = TEST_FIELD;

function setup(): { world: World; me: number; i: number; other: number } {
  const world = createWorld(field, {
    seed: 4,
    agents: 2,
    items,
    config: { loadout: ['small_health_potion'], inventorySlots: 4 },
  });
  const me = addPlayer(world, 0);
  const other = addPlayer(world, 1);
  return { world, me, i: unitIndexOf(world, me), other };
}

/** Applies a command that may be any value at all. */
function send(world: World, actor: number, command: unknown) {
  return applyCommand(world, actor, command as Command);
}

function reasonOf(result: ReturnType<typeof send>): string {
  return result.ok ? 'ok' : result.reason;
}

describe('commands', () => {
  it("write the actor's own intents", () => {
    const { world, me, i } = setup();
    expect(send(world, me, { type: 'move', x: 0.6, y: -0.8 })).toEqual({ ok: true });
    expect(send(world, me, { type: 'aim', angle: Math.PI / 2 })).toEqual({ ok: true });
    expect(send(world, me, { type: 'fire', unit: me })).toEqual({ ok: true });
    expect(send(world, me, { type: 'pickup' })).toEqual({ ok: true });
    expect(world.intent.moveX[i]).toBe(0.6);
    expect(world.intent.moveY[i]).toBe(-0.8);
    expect(world.intent.aimY[i]).toBeCloseTo(1, 12);
    expect(world.intent.flags[i]).toBe(INTENT_FIRE | INTENT_PICKUP);
    stepWorld(world);
    expect(world.vx[i]).toBeCloseTo(0.6 * world.stats.speed[i], 9);
    expect(world.projectiles.count).toBe(1);
  });

  it('queue one item action per tick, applied at the next tick', () => {
    const { world, me, i } = setup();
    addItem(world, i, itemIndex(world.items, 'short_bow'), 1);
    expect(send(world, me, { type: 'equip', slot: 1, item: 'short_bow' })).toEqual({ ok: true });
    expect(world.intent.action[i]).toBe(ACTION_EQUIP);
    expect(reasonOf(send(world, me, { type: 'moveItem', from: 0, to: 2 }))).toBe('busy');
    stepWorld(world);
    expect(world.intent.action[i]).toBe(ACTION_NONE);
    expect(equippedItem(world, i, 0)).toBe(itemIndex(world.items, 'short_bow'));
    expect(send(world, me, { type: 'unequip', slot: 'weapon' })).toEqual({ ok: true });
  });

  it('reject with a typed reason, never throwing, and count each reason', () => {
    const { world, me, i, other } = setup();
    const cases: [unknown, string][] = [
      [null, 'malformed'],
      [42, 'malformed'],
      ['move', 'malformed'],
      [[{ type: 'fire' }], 'malformed'],
      [{}, 'malformed'],
      [{ type: 'teleport' }, 'malformed'],
      [{ type: 'move', x: '1', y: 0 }, 'malformed'],
      [{ type: 'move', x: 0 }, 'malformed'],
      [{ type: 'move', x: 1.01, y: 0 }, 'out_of_range'],
      [{ type: 'move', x: Number.NaN, y: 0 }, 'out_of_range'],
      [{ type: 'move', x: 0, y: -Infinity }, 'out_of_range'],
      [{ type: 'aim', angle: 7 }, 'out_of_range'],
      [{ type: 'aim', angle: Number.NaN }, 'out_of_range'],
      [{ type: 'equip', slot: 4 }, 'out_of_range'],
      [{ type: 'equip', slot: -1 }, 'out_of_range'],
      [{ type: 'equip', slot: 0.5 }, 'out_of_range'],
      [{ type: 'equip', slot: '0' }, 'malformed'],
      [{ type: 'use', slot: 0, item: 'excalibur' }, 'unknown_item'],
      [{ type: 'use', slot: 0, item: 7 }, 'malformed'],
      [{ type: 'use', slot: 0, item: 'short_bow' }, 'item_mismatch'],
      [{ type: 'use', slot: 3 }, 'empty_slot'],
      [{ type: 'use', slot: 0 }, 'no_effect'],
      [{ type: 'equip', slot: 0 }, 'not_equippable'],
      [{ type: 'unequip', slot: 'weapon' }, 'empty_slot'],
      [{ type: 'unequip', slot: 'boots' }, 'out_of_range'],
      [{ type: 'unequip', slot: 0 }, 'malformed'],
      [{ type: 'moveItem', from: 3, to: 0 }, 'empty_slot'],
      [{ type: 'moveItem', from: 0, to: 9 }, 'out_of_range'],
      [{ type: 'drop', slot: 2 }, 'empty_slot'],
      [{ type: 'fire', unit: other }, 'not_owner'],
      [{ type: 'fire', unit: 'me' }, 'malformed'],
    ];
    for (const [command, expected] of cases) {
      expect([command, reasonOf(send(world, me, command))]).toEqual([command, expected]);
    }
    expect(reasonOf(send(world, 999_999, { type: 'fire' }))).toBe('no_unit');
    expect(reasonOf(send(world, Number.NaN, { type: 'fire' }))).toBe('no_unit');
    const counts = rejectionCounts(world);
    expect(counts.malformed).toBe(12);
    expect(counts.out_of_range).toBe(10);
    expect(counts.no_unit).toBe(2);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(cases.length + 2);
    expect(Object.keys(counts)).toEqual([...REJECT_REASONS]);
    // Nothing reached the unit's intents.
    expect(world.intent.flags[i]).toBe(0);
    expect(world.intent.action[i]).toBe(ACTION_NONE);
  });

  it('reject acting while dead and after the match ended', () => {
    const { world, me, i } = setup();
    damageUnit(world, i, 1000, -1);
    stepWorld(world);
    expect(reasonOf(send(world, me, { type: 'move', x: 1, y: 0 }))).toBe('dead');
    const fresh = setup();
    endMatch(fresh.world);
    expect(reasonOf(send(fresh.world, fresh.me, { type: 'fire' }))).toBe('match_over');
  });

  it('survive a storm of random junk', () => {
    const { world, me } = setup();
    const junk: unknown[] = [undefined, true, {}, [], () => 1, Symbol('x'), 1n];
    const keys = ['type', 'x', 'y', 'angle', 'slot', 'item', 'from', 'to', 'unit'];
    const values: unknown[] = [
      'move',
      'aim',
      'fire',
      'pickup',
      'equip',
      'unequip',
      'use',
      'drop',
      'moveItem',
      'weapon',
      0,
      1,
      -1,
      0.5,
      27,
      1e308,
      -0,
      Number.NaN,
      Infinity,
      null,
      {},
      [],
      'short_bow',
      me,
    ];
    let n = 0;
    for (let k = 0; k < 3000; k++) {
      const command: Record<string, unknown> = {};
      for (const key of keys)
        if ((k * 7 + key.length * 13 + n++) % 3 === 0)
          command[key] = values[(k * 31 + n) % values.length];
      expect(() => send(world, me, command)).not.toThrow();
    }
    for (const j of junk) expect(() => send(world, me, j)).not.toThrow();
    for (let t = 0; t < 20; t++) stepWorld(world);
    expect(Number.isFinite(world.x[0] + world.y[0])).toBe(true);
  });
});
