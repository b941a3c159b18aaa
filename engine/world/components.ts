import { EQUIP_SLOT_COUNT } from '../rules/items';
import { SKILL_COUNT } from '../rules/skills';

/**
 * Per-unit components. Units (player avatars and agents) live in one dense
 * pool, index `0 .. world.count-1`; every component is a group of typed
 * arrays with one element (or a fixed `stride` of elements) per unit, so
 * a system walks contiguous memory and a unit is nothing but its index.
 * Every typed array in these groups has `capacity * stride` elements;
 * `growUnits` and `compactUnits` (units.ts) rely on that.
 */

/** Entity kinds as the view, perception refs and scoreboard report them. */
export const KIND_AVATAR = 0;
export const KIND_AGENT = 1;
export const KIND_PROJECTILE = 2;
export const KIND_ITEM = 3;
/** Names of the kinds, by kind number. */
export const ENTITY_KINDS = ['avatar', 'agent', 'projectile', 'item'] as const;
export type EntityKindName = (typeof ENTITY_KINDS)[number];

/** Behavior slot of the built-in AI; any other value means "driven from outside". */
export const BEHAVIOR_BUILTIN = 0;

/** `intent.flags` bits. */
export const INTENT_FIRE = 1;
export const INTENT_PICKUP = 2;

/** `intent.action` values: the one inventory/equipment action a unit takes this tick. */
export const ACTION_NONE = 0;
/** Equip the item in inventory slot `intent.slot`. */
export const ACTION_EQUIP = 1;
/** Unequip equipment slot `intent.slot` (0 weapon, 1 armor, 2 trinket) into a free inventory slot. */
export const ACTION_UNEQUIP = 2;
/** Use (consume one of) the item in inventory slot `intent.slot`. */
export const ACTION_USE = 3;
/** Drop the stack in inventory slot `intent.slot` on the ground. */
export const ACTION_DROP = 4;
/** Move (merge or swap) inventory slot `intent.slot` to slot `intent.slot2`. */
export const ACTION_MOVE = 5;

/** `dirty` bits: state the persistence layer should write. Systems set them; the host clears them. */
export const DIRTY_INVENTORY = 1;
export const DIRTY_EQUIPMENT = 2;
export const DIRTY_SKILLS = 4;

/** Life. `hp` is whole HP; a unit with `alive` 0 waits for `respawnTick`. */
export interface Health {
  alive: Uint8Array;
  hp: Int32Array;
  /** Tick at which a dead unit respawns. */
  respawnTick: Int32Array;
  /** Id of the last unit that damaged this one (0: none), credited with the kill. */
  lastAttacker: Uint32Array;
  /** Id of the enemy credited with this unit's last death (0: none — no enemy, or never died). */
  killedBy: Uint32Array;
}

/**
 * Derived stats: base rules + equipment + skill levels + damage scale,
 * recomputed (stats.ts) whenever equipment or a level changes.
 */
export interface Stats {
  maxHp: Int32Array;
  /** HP per shot before the target's armor. */
  damage: Float64Array;
  /** World units per second. */
  speed: Float64Array;
  /** Armor points (see ARMOR_SCALE). */
  armor: Float64Array;
  /** Ticks between two shots (>= 1). */
  fireTicks: Uint16Array;
  /** Shot travel, world units. */
  range: Float64Array;
  /** Shot speed, world units per second. */
  shotSpeed: Float64Array;
}

/** Facing and weapon state. `aimX/aimY` is a unit vector; `cooldown` counts ticks until the next shot. */
export interface Combat {
  aimX: Float64Array;
  aimY: Float64Array;
  cooldown: Uint16Array;
}

/**
 * Intents: what each unit wants to do this tick. The built-in AI fills them
 * for agents with behavior 0; commands (`applyCommand`) fill them for
 * avatars; an external behavior runner fills them for other agents before
 * `stepWorld`. The systems consume them during the tick:
 *
 * - `moveX, moveY`: desired direction; length 0..1 is the fraction of the
 *   unit's speed (longer is normalised). Persists until overwritten.
 * - `aimX, aimY`: direction to face (any length; (0, 0) keeps the current
 *   aim). Persists; applied before firing.
 * - `flags`: INTENT_FIRE (shoot if the cooldown allows), INTENT_PICKUP
 *   (take the nearest ground item within PICKUP_RADIUS). Cleared when the
 *   tick consumes them.
 * - `action`, `slot`, `slot2`: one ACTION_* with its inventory/equipment
 *   slot(s), applied at the start of the next tick, then reset to
 *   ACTION_NONE. An action that no longer applies is counted as a rejection.
 */
export interface Intents {
  moveX: Float64Array;
  moveY: Float64Array;
  aimX: Float64Array;
  aimY: Float64Array;
  flags: Uint8Array;
  action: Uint8Array;
  slot: Int16Array;
  slot2: Int16Array;
}

/** Inventory: `slots` per unit; slot s of unit i is `[i * slots + s]`; `item` -1 is empty. */
export interface Inventory {
  slots: number;
  item: Int16Array;
  qty: Uint16Array;
}

/** Equipped item index per EQUIP_SLOTS column, `[i * EQUIP_SLOT_COUNT + e]`, -1 empty. */
export interface Equipment {
  item: Int16Array;
}

/** XP and cached level per skill, `[i * SKILL_COUNT + s]`; `pending` is XP earned this tick. */
export interface Skills {
  xp: Uint32Array;
  level: Uint8Array;
  pending: Uint32Array;
}

/** Per-unit score. `damage` is HP actually removed from enemies. */
export interface UnitScore {
  kills: Uint32Array;
  deaths: Uint32Array;
  damage: Float64Array;
  captures: Uint32Array;
}

/**
 * Built-in AI memory. `target`/`item` are indices checked against
 * `targetId`/`itemId` before use (indices move when units are removed and
 * ground items are swap-removed). `goalX/goalY` is the wander waypoint.
 */
export interface AiState {
  target: Int32Array;
  targetId: Uint32Array;
  item: Int32Array;
  itemId: Uint32Array;
  goalX: Float64Array;
  goalY: Float64Array;
  /** +1 or -1: which way the agent circles its target. */
  strafe: Int8Array;
}

/** Every per-unit component group (the body columns live on the world itself). */
export interface UnitComponents {
  health: Health;
  stats: Stats;
  combat: Combat;
  intent: Intents;
  inventory: Inventory;
  equipment: Equipment;
  skills: Skills;
  score: UnitScore;
  ai: AiState;
  /** DIRTY_* bits per unit. */
  dirty: Uint8Array;
}

/** Fresh component arrays for `capacity` units with `slots` inventory slots each. */
export function createUnitComponents(capacity: number, slots: number): UnitComponents {
  const c = capacity;
  return {
    health: {
      alive: new Uint8Array(c),
      hp: new Int32Array(c),
      respawnTick: new Int32Array(c),
      lastAttacker: new Uint32Array(c),
      killedBy: new Uint32Array(c),
    },
    stats: {
      maxHp: new Int32Array(c),
      damage: new Float64Array(c),
      speed: new Float64Array(c),
      armor: new Float64Array(c),
      fireTicks: new Uint16Array(c),
      range: new Float64Array(c),
      shotSpeed: new Float64Array(c),
    },
    combat: { aimX: new Float64Array(c), aimY: new Float64Array(c), cooldown: new Uint16Array(c) },
    intent: {
      moveX: new Float64Array(c),
      moveY: new Float64Array(c),
      aimX: new Float64Array(c),
      aimY: new Float64Array(c),
      flags: new Uint8Array(c),
      action: new Uint8Array(c),
      slot: new Int16Array(c),
      slot2: new Int16Array(c),
    },
    inventory: {
      slots,
      item: new Int16Array(c * slots).fill(-1),
      qty: new Uint16Array(c * slots),
    },
    equipment: { item: new Int16Array(c * EQUIP_SLOT_COUNT).fill(-1) },
    skills: {
      xp: new Uint32Array(c * SKILL_COUNT),
      level: new Uint8Array(c * SKILL_COUNT).fill(1),
      pending: new Uint32Array(c * SKILL_COUNT),
    },
    score: {
      kills: new Uint32Array(c),
      deaths: new Uint32Array(c),
      damage: new Float64Array(c),
      captures: new Uint32Array(c),
    },
    ai: {
      target: new Int32Array(c).fill(-1),
      targetId: new Uint32Array(c),
      item: new Int32Array(c).fill(-1),
      itemId: new Uint32Array(c),
      goalX: new Float64Array(c),
      goalY: new Float64Array(c),
      strafe: new Int8Array(c),
    },
    dirty: new Uint8Array(c),
  };
}
