/**
 * Game rules: health, inventory, equipment, items, consumables, skills, stats, scoreboard, ground items, projectiles and tuning constants.
 * Every public name is listed (no `export *`).
 */
export { canUse, useItem } from './consumables';
export { canEquip, equipFromInventory, equippedItem, forceEquip, unequip } from './equipment';
export {
  createGroundItemPool,
  dropFromInventory,
  ensureItemGrid,
  groundItemVisible,
  nearestGroundItem,
  pickUpGroundItem,
  placeGroundItem,
  runSpawners,
  sweepGroundItems,
} from './groundItems';
export type { GroundItemPool, PickupSpawners } from './groundItems';
export {
  applyDamage,
  damageUnit,
  grantLoadout,
  healUnit,
  killUnit,
  mitigateDamage,
  respawnUnit,
} from './health';
export {
  addItem,
  clearInventory,
  countItem,
  findItem,
  freeSlot,
  isSlot,
  moveItem,
  removeItem,
  slotItem,
  slotQty,
} from './inventory';
export {
  EQUIP_SLOTS,
  EQUIP_SLOT_COUNT,
  ITEM_SLOTS,
  MAX_ITEM_DEFS,
  MAX_STACK_LIMIT,
  RARITIES,
  SLOT_CONSUMABLE,
  createItemTable,
  emptyItemTable,
  itemIndex,
} from './items';
export type {
  EquipSlot,
  ItemDef,
  ItemSlot,
  ItemStats,
  ItemTable,
  ItemUse,
  Rarity,
  WeaponDef,
} from './items';
export { createProjectilePool, removeProjectile, spawnProjectile } from './projectiles';
export type { ProjectilePool } from './projectiles';
export {
  AI_LOS_CHECKS,
  AI_LOW_HP_FRACTION,
  AI_RETARGET_SECONDS,
  ARMOR_PER_DEFENCE_LEVEL,
  ARMOR_SCALE,
  ATTACK_XP_PER_DAMAGE,
  BASE_COOLDOWN_MS,
  BASE_DAMAGE,
  BASE_MAX_HP,
  BASE_RANGE,
  BASE_SHOT_SPEED,
  DAMAGE_PER_ATTACK_LEVEL,
  DEFENCE_XP_PER_DAMAGE,
  DROP_SCATTER,
  HP_PER_VITALITY_LEVEL,
  PERCEPTION_RADIUS,
  PICKUP_RADIUS,
  PROJECTILE_RADIUS,
  VITALITY_XP_PER_DAMAGE,
  WANDER_MAX_SECONDS,
  WANDER_MIN_SECONDS,
} from './rules';
export { getScoreboard } from './scoreboard';
export type { EntityScoreLine, Scoreboard, TeamScoreLine } from './scoreboard';
export {
  MAX_LEVEL,
  MAX_XP,
  SKILLS,
  SKILL_ATTACK,
  SKILL_COUNT,
  SKILL_DEFENCE,
  SKILL_VITALITY,
  levelForXp,
  skillIndex,
  xpForLevel,
} from './skills';
export type { SkillName } from './skills';
export { recomputeStats } from './stats';
