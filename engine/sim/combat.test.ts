import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  BASE_DAMAGE,
  BASE_MAX_HP,
  addPlayer,
  applyCommand,
  createWorld,
  stepWorld,
  unitIndexOf,
  type ItemDef,
  type MapDef,
  type MatchConfig,
  type WallRect,
  type World,
} from '../index';

const items = itemsFile.items as ItemDef[];

function field(walls: WallRect[] = []): MapDef {
  return {
    name: 'field',
    width: 600,
    height: 400,
    walls,
    spawns: [
      { team: 0, x: 20, y: 20, w: 100, h: 360 },
      { team: 1, x: 480, y: 20, w: 100, h: 360 },
    ],
  };
}

interface Duel {
  world: World;
  a: number;
  b: number;
  /** Unit indices of a and b. */
  ia: number;
  ib: number;
}

/**
 * Two avatars (no bots, no loadout: base stats, 8 damage, 360 world units/s
 * = 18 per tick at 20 Hz, 220 range) facing along +x, a at (100, 200) and b
 * at (100 + distance, 200).
 */
function duel(
  distance: number,
  options: { walls?: WallRect[]; sameTeam?: boolean; config?: Partial<MatchConfig> } = {},
): Duel {
  const world = createWorld(field(options.walls), {
    seed: 7,
    agents: 0,
    items,
    config: { loadout: [], respawnSeconds: 2, ...options.config },
  });
  const a = addPlayer(world, 0);
  const b = addPlayer(world, options.sameTeam ? 0 : 1);
  const ia = unitIndexOf(world, a);
  const ib = unitIndexOf(world, b);
  world.x[ia] = 100;
  world.y[ia] = 200;
  world.x[ib] = 100 + distance;
  world.y[ib] = 200;
  expect(applyCommand(world, a, { type: 'aim', angle: 0 })).toEqual({ ok: true });
  return { world, a, b, ia, ib };
}

function fire(d: Duel): void {
  expect(applyCommand(d.world, d.a, { type: 'fire' })).toEqual({ ok: true });
}

describe('projectiles', () => {
  it('take travel time: the hit lands on the tick the shot reaches the target', () => {
    const d = duel(90);
    fire(d);
    // From a's centre, 18 world units a tick, to within 8 + 2 of b's centre (80 away): tick 5.
    for (let t = 1; t <= 4; t++) {
      stepWorld(d.world);
      expect(d.world.projectiles.count).toBe(1);
      expect(d.world.projectiles.x[0]).toBeCloseTo(100 + 18 * t, 9);
      expect(d.world.health.hp[d.ib]).toBe(BASE_MAX_HP);
    }
    stepWorld(d.world);
    expect(d.world.projectiles.count).toBe(0);
    expect(d.world.health.hp[d.ib]).toBe(BASE_MAX_HP - BASE_DAMAGE);
    expect(d.world.score.damage[d.ia]).toBe(BASE_DAMAGE);
    expect(d.world.teamScore.damage[0]).toBe(BASE_DAMAGE);
  });

  it('are stopped by a wall between shooter and target', () => {
    const d = duel(120, { walls: [{ x: 150, y: 150, w: 20, h: 100 }] });
    fire(d);
    for (let t = 0; t < 20; t++) stepWorld(d.world);
    expect(d.world.health.hp[d.ib]).toBe(BASE_MAX_HP);
    expect(d.world.projectiles.count).toBe(0);
  });

  it('fly past a target that moved out of the line and die at the end of their range', () => {
    const d = duel(120);
    d.world.y[d.ib] = 260;
    fire(d);
    stepWorld(d.world);
    const lifetime = Math.ceil(220 / 18);
    expect(d.world.projectiles.ticksLeft[0]).toBe(lifetime - 1);
    for (let t = 1; t < lifetime; t++) stepWorld(d.world);
    expect(d.world.projectiles.count).toBe(0);
    expect(d.world.health.hp[d.ib]).toBe(BASE_MAX_HP);
  });

  it('hit the first of two units in line, never their owner', () => {
    const d = duel(60);
    const c = addPlayer(d.world, 1);
    const ic = unitIndexOf(d.world, c);
    d.world.x[ic] = 140;
    d.world.y[ic] = 200;
    // Stand the shooter where its own shot starts: it still may not hit itself.
    fire(d);
    for (let t = 0; t < 10; t++) stepWorld(d.world);
    expect(d.world.health.hp[ic]).toBe(BASE_MAX_HP - BASE_DAMAGE);
    expect(d.world.health.hp[d.ib]).toBe(BASE_MAX_HP);
    expect(d.world.health.hp[d.ia]).toBe(BASE_MAX_HP);
  });

  it('pass through teammates unless friendly fire is on', () => {
    const off = duel(60, { sameTeam: true });
    fire(off);
    for (let t = 0; t < 10; t++) stepWorld(off.world);
    expect(off.world.health.hp[off.ib]).toBe(BASE_MAX_HP);
    const on = duel(60, { sameTeam: true, config: { friendlyFire: true } });
    fire(on);
    for (let t = 0; t < 10; t++) stepWorld(on.world);
    expect(on.world.health.hp[on.ib]).toBe(BASE_MAX_HP - BASE_DAMAGE);
    // Hurting a teammate scores nothing.
    expect(on.world.score.damage[on.ia]).toBe(0);
  });

  it('fire at most once per cooldown however often fire is sent', () => {
    const d = duel(200);
    d.world.y[d.ib] = 300;
    let shots = 0;
    for (let t = 0; t < 60; t++) {
      const before = d.world.nextId;
      fire(d);
      stepWorld(d.world);
      if (d.world.nextId > before) shots++;
    }
    // 700 ms at 20 Hz = 14 ticks between shots: ticks 0, 14, 28, 42, 56.
    expect(shots).toBe(5);
  });

  it('deal damage scaled by the config and reduced by armor', () => {
    const d = duel(60, { config: { damageScale: 2 } });
    d.world.stats.armor[d.ib] = 100;
    fire(d);
    for (let t = 0; t < 10; t++) stepWorld(d.world);
    // 8 × 2, halved by 100 armor.
    expect(d.world.health.hp[d.ib]).toBe(BASE_MAX_HP - 8);
  });
});
