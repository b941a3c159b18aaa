import { INTENT_FIRE, INTENT_PICKUP, ACTION_NONE } from '../world/components';
import { forceEquip } from './equipment';
import { dropFromInventory } from './groundItems';
import { addItem, countItem, findItem } from './inventory';
import { EQUIP_SLOT_COUNT, SLOT_CONSUMABLE } from './items';
import {
  ARMOR_SCALE,
  ATTACK_XP_PER_DAMAGE,
  DEFENCE_XP_PER_DAMAGE,
  DROP_SCATTER,
  VITALITY_XP_PER_DAMAGE,
} from './rules';
import { SKILL_ATTACK, SKILL_COUNT, SKILL_DEFENCE, SKILL_VITALITY } from './skills';
import { placeUnit } from '../world/spawn';
import { unitIndexOf } from '../world/units';
import type { World } from '../world/world';

/**
 * HP service: damage (armor, score and XP bookkeeping), healing, death
 * (drops, kill credit, respawn timer) and respawn (team spawn zone, full
 * HP, loadout top-up). Units are indices; HP is whole points.
 */

/**
 * Deals `raw` damage (HP before armor) to unit `target` from unit
 * `attacker` (an index, or -1 for no unit). Armor reduces it to
 * `round(raw * ARMOR_SCALE / (ARMOR_SCALE + armor))`; HP never drops below
 * 0. Damage to an enemy is credited to the attacker's and its team's
 * score and earns attack and vitality XP; the target earns defence XP
 * either way. Returns the HP actually removed. Death itself is handled by
 * the life system when it sees HP 0.
 */
export function damageUnit(world: World, target: number, raw: number, attacker: number): number {
  return applyDamage(world, target, mitigateDamage(world, target, raw), attacker);
}

/** Whole HP that `raw` damage takes off unit `target` after its armor (0 for non-positive raw). */
export function mitigateDamage(world: World, target: number, raw: number): number {
  if (!(raw > 0)) return 0;
  return Math.round((raw * ARMOR_SCALE) / (ARMOR_SCALE + world.stats.armor[target]));
}

/**
 * `damageUnit` after armor: removes `taken` whole HP (see `mitigateDamage`)
 * from live unit `target` with the same bookkeeping. Returns the HP removed.
 */
export function applyDamage(world: World, target: number, taken: number, attacker: number): number {
  const { health } = world;
  if (!health.alive[target] || taken <= 0) return 0;
  const hp = health.hp[target];
  const dealt = taken < hp ? taken : hp;
  health.hp[target] = hp - dealt;
  const pending = world.skills.pending;
  pending[target * SKILL_COUNT + SKILL_DEFENCE] += dealt * DEFENCE_XP_PER_DAMAGE;
  if (attacker >= 0) {
    health.lastAttacker[target] = world.id[attacker];
    const team = world.team[attacker];
    if (team !== world.team[target]) {
      world.score.damage[attacker] += dealt;
      world.teamScore.damage[team] += dealt;
      pending[attacker * SKILL_COUNT + SKILL_ATTACK] += dealt * ATTACK_XP_PER_DAMAGE;
      pending[attacker * SKILL_COUNT + SKILL_VITALITY] += dealt * VITALITY_XP_PER_DAMAGE;
    }
  }
  return dealt;
}

/** Heals live unit `i` by up to `amount` HP, capped at its max HP. Returns the HP restored. */
export function healUnit(world: World, i: number, amount: number): number {
  const { hp, alive } = world.health;
  if (!alive[i] || !(amount > 0)) return 0;
  const room = world.stats.maxHp[i] - hp[i];
  const healed = Math.min(room, Math.round(amount));
  if (healed <= 0) return 0;
  hp[i] += healed;
  return healed;
}

/**
 * Kills unit `i`: it stops acting and colliding, its inventory falls to
 * the ground around it (equipment stays worn), its death is counted, the
 * last unit that hurt it gets the kill when that unit is an enemy, and it
 * respawns `config.respawnSeconds` later.
 */
export function killUnit(world: World, i: number): void {
  const { health, score, teamScore } = world;
  if (!health.alive[i]) return;
  health.alive[i] = 0;
  health.hp[i] = 0;
  health.respawnTick[i] = world.tick + world.timing.respawnTicks;
  score.deaths[i]++;
  teamScore.deaths[world.team[i]]++;
  const killer = health.lastAttacker[i] ? unitIndexOf(world, health.lastAttacker[i]) : -1;
  const credited = killer >= 0 && killer !== i && world.team[killer] !== world.team[i];
  // Kept until the next death, so the scoreboard can name who got the kill.
  health.killedBy[i] = credited ? world.id[killer] : 0;
  if (credited) {
    score.kills[killer]++;
    teamScore.kills[world.team[killer]]++;
  }
  const slots = world.inventory.slots;
  for (let s = 0; s < slots; s++) dropFromInventory(world, i, s, DROP_SCATTER);
  world.vx[i] = 0;
  world.vy[i] = 0;
  world.combat.cooldown[i] = 0;
  const intent = world.intent;
  intent.moveX[i] = 0;
  intent.moveY[i] = 0;
  intent.flags[i] &= ~(INTENT_FIRE | INTENT_PICKUP);
  intent.action[i] = ACTION_NONE;
  world.ai.target[i] = -1;
  world.ai.item[i] = -1;
}

/**
 * Brings dead unit `i` back: a random point in its team's spawn zone, full
 * HP, no attacker on record, and its loadout topped up (`grantLoadout`).
 */
export function respawnUnit(world: World, i: number): void {
  placeUnit(world, i);
  world.health.alive[i] = 1;
  world.health.lastAttacker[i] = 0;
  world.combat.cooldown[i] = 0;
  grantLoadout(world, i);
  world.health.hp[i] = world.stats.maxHp[i];
}

/**
 * Gives unit `i` the loadout items it lacks: a wearable it neither wears
 * nor carries is worn when its equipment slot is empty, else carried; a
 * consumable is topped up to the number of times the loadout lists it.
 * Items that do not fit are skipped.
 */
export function grantLoadout(world: World, i: number): void {
  const { item, qty } = world.loadout;
  const slotOf = world.items.slot;
  const equip = world.equipment.item;
  for (let k = 0; k < item.length; k++) {
    const it = item[k];
    if (slotOf[it] < SLOT_CONSUMABLE) {
      const e = i * EQUIP_SLOT_COUNT + slotOf[it];
      if (equip[e] === it || findItem(world, i, it) >= 0) continue;
      if (equip[e] < 0) forceEquip(world, i, it);
      else addItem(world, i, it, 1);
    } else {
      const missing = qty[k] - countItem(world, i, it);
      if (missing > 0) addItem(world, i, it, missing);
    }
  }
}
