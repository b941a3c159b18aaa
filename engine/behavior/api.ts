/**
 * The behavior API: what a user behavior receives each tick for each of its
 * agents, and what it may return. A behavior is a plain JavaScript module
 * (TypeScript is accepted; its types are stripped) whose default export is
 * one function, called once per agent per tick inside the sandbox:
 *
 * ```js
 * // Hunt: walk to the nearest visible enemy and shoot when in range.
 * export default function act(obs, memory) {
 *   const me = obs.self;
 *   const enemy = obs.nearby.find((e) => e.team !== me.team && (e.kind === 'agent' || e.kind === 'avatar'));
 *   if (!enemy) return { move: memory.lastSeen ?? { x: 0, y: 0 } };
 *   memory.lastSeen = { x: enemy.x - me.x, y: enemy.y - me.y };
 *   return { moveTo: enemy, aimAt: enemy.id, fire: enemy.distance < me.range };
 * }
 * ```
 *
 * Units: positions and distances in world units, velocities and speeds in
 * world units per second, angles in radians (0 = +x, growing towards +y,
 * i.e. clockwise on screen), durations in ticks. This file is the one place
 * the API is written: the editor's and the LLM's declarations
 * (`behaviorApiDeclarations`) are generated from it (declarationsFromApi.ts).
 */

/** A 2D vector or point, world units. */
export interface Vec2 {
  x: number;
  y: number;
}

/** What an entity is. Avatars are players; agents are behavior-driven bots. */
export type EntityKind = 'avatar' | 'agent' | 'projectile' | 'item';

/** Entity kinds by their packed number (the engine's KIND_* order). */
export const ENTITY_KIND_NAMES: readonly EntityKind[] = ['avatar', 'agent', 'projectile', 'item'];

/** Equipment slot names, in the engine's column order. */
export type EquipSlotName = 'weapon' | 'armor' | 'trinket';

/** Equipment slot names by column. */
export const EQUIP_SLOT_NAMES: readonly EquipSlotName[] = ['weapon', 'armor', 'trinket'];

/** Most inventory slots an agent has; slot numbers run 0 .. INVENTORY_SLOT_LIMIT - 1. */
export const INVENTORY_SLOT_LIMIT = 28;

/**
 * Quick-chat phrases an agent may say. `say` takes one of these strings;
 * anything else is rejected. Fixed phrases keep chat safe to show to every
 * player and cheap to pack.
 */
export const SAY_PHRASES = [
  'hello',
  'attack',
  'retreat',
  'help',
  'follow me',
  'enemy spotted',
  'healing',
  'on my way',
  'thanks',
  'gg',
] as const;

/** A quick-chat phrase; anything else is rejected. */
export type Phrase = (typeof SAY_PHRASES)[number];

/** One occupied inventory slot. `item` is the item's id in resources/items.json. */
export interface InventorySlot {
  /** Slot number, 0 .. INVENTORY_SLOT_LIMIT - 1. */
  slot: number;
  item: string;
  /** Stack size, >= 1. */
  count: number;
}

/** Equipped item ids per slot; null when the slot is empty. */
export interface EquipmentView {
  weapon: string | null;
  armor: string | null;
  trinket: string | null;
}

/** Ticks until an action is possible again; 0 means ready. */
export interface Cooldowns {
  fire: number;
}

/** The agent the behavior is deciding for. */
export interface SelfView {
  /** Stable entity id (never reused within a match). */
  id: number;
  team: number;
  x: number;
  y: number;
  /** World units per second. */
  vx: number;
  vy: number;
  hp: number;
  maxHp: number;
  /** Body radius, world units. */
  radius: number;
  /** Full speed, world units per second (equipment included). */
  speed: number;
  /** How far this agent sees, world units. */
  perception: number;
  /** How far its shots travel, world units. */
  range: number;
  /** Current facing as a unit vector. */
  aimX: number;
  aimY: number;
  cooldowns: Cooldowns;
  equipment: EquipmentView;
  /** Occupied slots only, ascending by slot. */
  inventory: readonly InventorySlot[];
}

/**
 * An entity this agent sees: within its perception radius with a clear line
 * of sight. `nearby` lists them nearest first.
 */
export interface SeenEntity {
  id: number;
  kind: EntityKind;
  /** Owner's team for projectiles; -1 for items. */
  team: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** HP for avatars and agents; 0 otherwise. */
  hp: number;
  /** Item id for ground items; null otherwise. */
  item: string | null;
  /** Distance between centres, world units. */
  distance: number;
}

/** A wall near the agent: an axis-aligned rectangle, top-left corner and size. */
export interface WallView {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One agent's view of the world this tick. The objects are reused between
 * agents and ticks: copy what you want to keep into `memory`.
 */
export interface Observation {
  /** Match tick of this observation. */
  tick: number;
  /** Ticks per second. */
  tickRate: number;
  /** Ticks until the match ends; -1 when it has no time limit. */
  ticksLeft: number;
  self: SelfView;
  /** Visible entities, nearest first (at most MAX_SEEN). */
  nearby: readonly SeenEntity[];
  /** Walls within the perception radius (at most MAX_WALLS). */
  walls: readonly WallView[];
}

/**
 * Per-agent memory: a plain object the behavior may change freely; it is
 * the same object on the agent's next tick. It must stay JSON-serialisable
 * and under MEMORY_BYTE_LIMIT bytes as JSON, or it is reset to `{}`.
 */
export type Memory = Record<string, unknown>;

/**
 * What an agent does this tick. Every field is optional; an empty object
 * (or returning nothing) means stand still. Values are checked on the host:
 * NaN, Infinity, out-of-range numbers, unknown phrases and targets the
 * agent cannot see are dropped and counted, the rest of the action stands.
 *
 * ```js
 * return { move: { x: 1, y: 0 } };                       // walk east at full speed
 * return { moveTo: { x: 400, y: 300 }, aim: Math.PI };   // walk to a point, face west
 * return { aimAt: enemy.id, fire: true, say: 'attack' }; // shoot a visible enemy
 * return { use: 3 };                                     // use (drink) inventory slot 3
 * ```
 */
export interface Action {
  /** Direction to walk; length 0..1 is the fraction of full speed (longer is normalised). */
  move?: Vec2;
  /** Walk towards this world point at full speed. Ignored when `move` is given. */
  moveTo?: Vec2;
  /** Face this angle, radians. */
  aim?: number;
  /** Face this visible entity (its id). Takes precedence over `aim`. */
  aimAt?: number;
  /** Shoot along the facing when the fire cooldown allows. */
  fire?: boolean;
  /** Pick up the nearest ground item within reach. */
  pickup?: boolean;
  /**
   * At most one item action per tick; the first present of use, equip,
   * unequip, drop is taken. Slots are inventory slot numbers.
   */
  use?: number;
  equip?: number;
  unequip?: EquipSlotName;
  drop?: number;
  /** Quick-chat phrase (see Phrase). */
  say?: Phrase;
}

/** The function a behavior module exports as default (or as `act`). */
export type BehaviorFunction = (obs: Observation, memory: Memory) => Action | undefined | void;

/** What `migrate` is told about the version whose memory it receives. */
export interface MigrationInfo {
  /** Library version of the behavior that wrote the memory (0 when unknown). */
  fromVersion: number;
}

/**
 * Optional export `migrate(oldMemory, info)` of a new version: called once
 * per agent on hot-load with the old version's memory; return the memory to
 * keep, or undefined/null to start the agent with `{}`. Without `migrate`,
 * memory is kept as it is.
 */
export type MigrateFunction = (oldMemory: Memory, info: MigrationInfo) => Memory | undefined | null;

/** Most entities listed in `Observation.nearby` (the nearest are kept). */
export const MAX_SEEN = 32;
/** Most walls listed in `Observation.walls`. */
export const MAX_WALLS = 16;
/** Largest per-agent memory, bytes of JSON. */
export const MEMORY_BYTE_LIMIT = 16_384;
