import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  BASE_MAX_HP,
  REJECT_REASONS,
  addItem,
  addPlayer,
  countItem,
  createWorld,
  damageUnit,
  equippedItem,
  getScoreboard,
  healUnit,
  itemIndex,
  stepWorld,
  unitIndexOf,
  useItem,
  type ItemDef,
  type World,
} from '../index';
import { TEST_FIELD } from '../testing/testField';

const items = itemsFile.items as ItemDef[];
const field = TEST_FIELD;

/** Two avatars of different teams in the middle of the field; the loadout is a bow and two potions. */
function pair(config = {}): { world: World; a: number; b: number } {
  const world = createWorld(field, {
    seed: 3,
    agents: 0,
    items,
    config: {
      loadout: ['short_bow', 'small_health_potion', 'small_health_potion'],
      respawnSeconds: 2,
      ...config,
    },
  });
  const a = unitIndexOf(world, addPlayer(world, 0));
  const b = unitIndexOf(world, addPlayer(world, 1));
  world.x[a] = 280;
  world.y[a] = 200;
  world.x[b] = 320;
  world.y[b] = 200;
  return { world, a, b };
}

const reason = (code: number): string => (code === 0 ? 'ok' : REJECT_REASONS[code - 1]);

describe('HP, death and respawn', () => {
  it('gives the loadout at spawn: wearables worn, consumables carried', () => {
    const { world, a } = pair();
    expect(equippedItem(world, a, 0)).toBe(itemIndex(world.items, 'short_bow'));
    expect(countItem(world, a, itemIndex(world.items, 'small_health_potion'))).toBe(2);
    expect(world.health.hp[a]).toBe(BASE_MAX_HP);
  });

  it('applies armor and never takes HP below zero', () => {
    const { world, a, b } = pair();
    world.stats.armor[b] = 100;
    expect(damageUnit(world, b, 30, a)).toBe(15);
    expect(world.health.hp[b]).toBe(BASE_MAX_HP - 15);
    expect(damageUnit(world, b, 1000, a)).toBe(BASE_MAX_HP - 15);
    expect(world.health.hp[b]).toBe(0);
    expect(world.score.damage[a]).toBe(BASE_MAX_HP);
    expect(damageUnit(world, b, -5, a)).toBe(0);
  });

  it('kills at 0 HP: drops the inventory, credits the killer, respawns at the spawn after the delay', () => {
    const { world, a, b } = pair();
    damageUnit(world, b, 1000, a);
    stepWorld(world);
    expect(world.health.alive[b]).toBe(0);
    expect(world.score.deaths[b]).toBe(1);
    expect(world.score.kills[a]).toBe(1);
    expect(world.teamScore.kills[0]).toBe(1);
    expect(world.teamScore.deaths[1]).toBe(1);
    // The scoreboard names the killer until b dies again.
    expect(getScoreboard(world).entities.find((line) => line.id === world.id[b])?.killedBy).toBe(
      world.id[a],
    );
    // The two potions fell as one stack near the body; the bow stays worn.
    const ground = world.groundItems;
    expect(ground.count).toBe(1);
    expect(ground.item[0]).toBe(itemIndex(world.items, 'small_health_potion'));
    expect(ground.qty[0]).toBe(2);
    expect(Math.hypot(ground.x[0] - 320, ground.y[0] - 200)).toBeLessThan(20);
    expect(countItem(world, b, ground.item[0])).toBe(0);
    expect(equippedItem(world, b, 0)).toBe(itemIndex(world.items, 'short_bow'));
    // Dead units do not move, collide or take damage.
    expect(damageUnit(world, b, 10, a)).toBe(0);
    const deathTick = world.tick - 1;
    while (world.health.alive[b] === 0) stepWorld(world);
    expect(world.tick - 1 - deathTick).toBe(2 * world.tickRate);
    expect(world.health.hp[b]).toBe(world.stats.maxHp[b]);
    expect(world.x[b]).toBeGreaterThanOrEqual(480);
    expect(world.x[b]).toBeLessThanOrEqual(580);
    expect(countItem(world, b, ground.item[0])).toBe(2);
    expect(world.health.lastAttacker[b]).toBe(0);
  });

  it('credits no kill for a teammate or for nobody', () => {
    const { world, a } = pair({ friendlyFire: true });
    const c = unitIndexOf(world, addPlayer(world, 0));
    damageUnit(world, c, 1000, a);
    stepWorld(world);
    expect(world.score.deaths[c]).toBe(1);
    expect(world.score.kills[a]).toBe(0);
    expect(world.teamScore.kills[0]).toBe(0);
    expect(world.health.killedBy[c]).toBe(0);
    const d = unitIndexOf(world, addPlayer(world, 1));
    damageUnit(world, d, 1000, -1);
    stepWorld(world);
    expect(world.teamScore.deaths[1]).toBe(1);
    expect(world.teamScore.kills[0]).toBe(0);
  });

  it('heals up to max HP; potions heal and are spent, not at full HP', () => {
    const { world, a, b } = pair();
    // Both loadout potions share slot 0.
    expect(reason(useItem(world, a, 0))).toBe('no_effect');
    damageUnit(world, a, 50, b);
    expect(healUnit(world, a, 20)).toBe(20);
    expect(world.health.hp[a]).toBe(BASE_MAX_HP - 30);
    expect(reason(useItem(world, a, 0))).toBe('ok');
    expect(world.health.hp[a]).toBe(BASE_MAX_HP);
    expect(countItem(world, a, itemIndex(world.items, 'small_health_potion'))).toBe(1);
    expect(healUnit(world, a, 20)).toBe(0);
    addItem(world, a, itemIndex(world.items, 'leather_vest'), 1);
    world.health.hp[a] = 10;
    expect(reason(useItem(world, a, 1))).toBe('not_usable');
    expect(reason(useItem(world, a, 5))).toBe('empty_slot');
    expect(reason(useItem(world, a, 99))).toBe('out_of_range');
  });

  it('grants XP for damage dealt and taken, and levels raise max HP', () => {
    const { world, a, b } = pair();
    for (let k = 0; k < 3; k++) {
      damageUnit(world, b, 30, a);
      world.health.hp[b] = BASE_MAX_HP;
    }
    stepWorld(world);
    const xp = world.skills.xp;
    expect(Array.from(xp.subarray(a * 3, a * 3 + 3))).toEqual([90 * 4, 0, 90]);
    expect(Array.from(xp.subarray(b * 3, b * 3 + 3))).toEqual([0, 90 * 2, 0]);
    expect(world.skills.level[a * 3]).toBe(4); // 360 XP: level 4 starts at 276, 5 at 388
    expect(world.skills.level[a * 3 + 2]).toBe(2);
    expect(world.stats.maxHp[a]).toBe(BASE_MAX_HP + 2);
  });
});
