/**
 * Game-rule constants: the numbers that define how a unit plays when no
 * item, level or config changes them. Units as stated per constant.
 */

/** What a unit (built-in AI, behaviors, `collectVisible`) can see, world units. */
export const PERCEPTION_RADIUS = 260;
/** Farthest a unit's centre may be from a ground item to pick it up, world units. */
export const PICKUP_RADIUS = 24;
/** Collision radius of a projectile, world units. */
export const PROJECTILE_RADIUS = 2;
/** Max HP of a unit at level 1 with no equipment. */
export const BASE_MAX_HP = 100;
/** Damage of one shot at level 1 with no weapon, HP before damage scale and armor. */
export const BASE_DAMAGE = 8;
/** Time between two shots without a weapon, ms. */
export const BASE_COOLDOWN_MS = 700;
/** Distance a shot travels without a weapon, world units. */
export const BASE_RANGE = 220;
/** Speed of a shot without a weapon, world units per second. */
export const BASE_SHOT_SPEED = 360;
/** Extra max HP per vitality level above 1. */
export const HP_PER_VITALITY_LEVEL = 2;
/** Damage multiplier gained per attack level above 1 (0.01 = +1 % per level). */
export const DAMAGE_PER_ATTACK_LEVEL = 0.01;
/** Armor per defence level above 1. */
export const ARMOR_PER_DEFENCE_LEVEL = 1;
/**
 * Armor divisor: damage taken is `raw * ARMOR_SCALE / (ARMOR_SCALE + armor)`,
 * so 100 armor halves damage and armor never makes a unit immune.
 */
export const ARMOR_SCALE = 100;
/** XP per HP of damage dealt (attack skill). */
export const ATTACK_XP_PER_DAMAGE = 4;
/** XP per HP of damage dealt (vitality skill). */
export const VITALITY_XP_PER_DAMAGE = 1;
/** XP per HP of damage taken (defence skill). */
export const DEFENCE_XP_PER_DAMAGE = 2;
/** Radius around a dead unit within which its dropped stacks are scattered, world units. */
export const DROP_SCATTER = 12;
/** Fraction of max HP below which the built-in AI heals or retreats. */
export const AI_LOW_HP_FRACTION = 0.35;
/** Time between two target evaluations of one built-in AI agent, seconds (staggered by index). */
export const AI_RETARGET_SECONDS = 0.5;
/** Nearest enemies the built-in AI line-of-sight tests per evaluation, nearest first. */
export const AI_LOS_CHECKS = 3;
/** Shortest and longest time a wandering agent walks towards one waypoint, seconds. */
export const WANDER_MIN_SECONDS = 2;
export const WANDER_MAX_SECONDS = 8;
