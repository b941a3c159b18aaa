import { EQUIP_SLOT_COUNT } from './items';
import {
  ARMOR_PER_DEFENCE_LEVEL,
  BASE_COOLDOWN_MS,
  BASE_DAMAGE,
  BASE_MAX_HP,
  BASE_RANGE,
  BASE_SHOT_SPEED,
  DAMAGE_PER_ATTACK_LEVEL,
  HP_PER_VITALITY_LEVEL,
} from './rules';
import { SKILL_ATTACK, SKILL_COUNT, SKILL_DEFENCE, SKILL_VITALITY } from './skills';
import type { World } from '../world/world';

/**
 * Recomputes unit `i`'s derived stats from the base rules, its equipment
 * and its skill levels:
 *
 * - max HP = BASE_MAX_HP + Σ equipment maxHp + HP_PER_VITALITY_LEVEL × (vitality - 1), >= 1
 * - damage = (BASE_DAMAGE + Σ damage) × (1 + DAMAGE_PER_ATTACK_LEVEL × (attack - 1)) × damageScale
 * - speed = agentSpeed + Σ speed (world units per second), >= 0
 * - armor = Σ armor + ARMOR_PER_DEFENCE_LEVEL × (defence - 1), >= 0
 * - cooldown, range, shot speed from the equipped weapon, else the BASE_* values
 *
 * HP above the new max is cut to it; HP below it stays (gear is no heal).
 */
export function recomputeStats(world: World, i: number): void {
  const t = world.items;
  const equip = world.equipment.item;
  let maxHp = BASE_MAX_HP;
  let damage = BASE_DAMAGE;
  let speed = world.agentSpeed;
  let armor = 0;
  let cooldownMs = BASE_COOLDOWN_MS;
  let range = BASE_RANGE;
  let shotSpeed = BASE_SHOT_SPEED;
  for (let e = 0; e < EQUIP_SLOT_COUNT; e++) {
    const item = equip[i * EQUIP_SLOT_COUNT + e];
    if (item < 0) continue;
    maxHp += t.maxHp[item];
    damage += t.damage[item];
    speed += t.speed[item];
    armor += t.armor[item];
    if (t.cooldownMs[item] > 0) {
      cooldownMs = t.cooldownMs[item];
      range = t.range[item];
      shotSpeed = t.projectileSpeed[item];
    }
  }
  const level = world.skills.level;
  const base = i * SKILL_COUNT;
  maxHp += HP_PER_VITALITY_LEVEL * (level[base + SKILL_VITALITY] - 1);
  damage *= 1 + DAMAGE_PER_ATTACK_LEVEL * (level[base + SKILL_ATTACK] - 1);
  damage *= world.config.damageScale;
  armor += ARMOR_PER_DEFENCE_LEVEL * (level[base + SKILL_DEFENCE] - 1);
  const s = world.stats;
  s.maxHp[i] = Math.max(1, Math.round(maxHp));
  s.damage[i] = Math.max(0, damage);
  s.speed[i] = Math.max(0, speed);
  s.armor[i] = Math.max(0, armor);
  s.fireTicks[i] = Math.max(1, Math.round((cooldownMs * world.tickRate) / 1000));
  s.range[i] = range;
  s.shotSpeed[i] = shotSpeed;
  const hp = world.health.hp;
  if (hp[i] > s.maxHp[i]) hp[i] = s.maxHp[i];
}
