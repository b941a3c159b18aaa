/**
 * The behavior API as TypeScript declarations, for the editor (Monaco's
 * \`addExtraLib\`) and the LLM prompt. Global declarations (a script, not a
 * module), so a behavior can name \`Observation\` or \`Action\` without an
 * import. Mirrors api.ts; api.test.ts fails when the two drift apart.
 */
export const behaviorApiDeclarations = `/**
 * Arbiter behavior API. A behavior module's default export (or export
 * \`act\`) is called once per agent per tick: act(obs, memory) => Action.
 * The sandbox has no Date, timers, eval, Function, import or host objects;
 * Math.random is seeded by the match, so replays stay deterministic.
 */

/** A 2D vector or point, world units. */
interface Vec2 {
  x: number;
  y: number;
}

/** What an entity is. Avatars are players; agents are behavior-driven bots. */
type EntityKind = 'avatar' | 'agent' | 'projectile' | 'item';

/** Equipment slot names, in the engine's column order. */
type EquipSlotName = 'weapon' | 'armor' | 'trinket';

/** A quick-chat phrase; anything else is rejected. */
type Phrase = 'hello' | 'attack' | 'retreat' | 'help' | 'follow me' | 'enemy spotted' | 'healing' | 'on my way' | 'thanks' | 'gg';

/** One occupied inventory slot. \`item\` is the item's id in resources/items.json. */
interface InventorySlot {
  /** Slot number, 0 .. 27. */
  slot: number;
  item: string;
  /** Stack size, >= 1. */
  count: number;
}

/** Equipped item ids per slot; null when the slot is empty. */
interface EquipmentView {
  weapon: string | null;
  armor: string | null;
  trinket: string | null;
}

/** Ticks until an action is possible again; 0 means ready. */
interface Cooldowns {
  fire: number;
}

/** The agent the behavior is deciding for. */
interface SelfView {
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
 * of sight. \`nearby\` lists them nearest first.
 */
interface SeenEntity {
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
interface WallView {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One agent's view of the world this tick. The objects are reused between
 * agents and ticks: copy what you want to keep into \`memory\`.
 */
interface Observation {
  /** Match tick of this observation. */
  tick: number;
  /** Ticks per second. */
  tickRate: number;
  /** Ticks until the match ends; -1 when it has no time limit. */
  ticksLeft: number;
  self: SelfView;
  /** Visible entities, nearest first (at most 32). */
  nearby: readonly SeenEntity[];
  /** Walls within the perception radius (at most 16). */
  walls: readonly WallView[];
}

/**
 * Per-agent memory: a plain object the behavior may change freely; it is
 * the same object on the agent's next tick. It must stay JSON-serialisable
 * and under 16,384 bytes as JSON, or it is reset to \`{}\`.
 */
type Memory = Record<string, unknown>;

/**
 * What an agent does this tick. Every field is optional; an empty object
 * (or returning nothing) means stand still. Values are checked on the host:
 * NaN, Infinity, out-of-range numbers, unknown phrases and targets the
 * agent cannot see are dropped and counted, the rest of the action stands.
 *
 * \`\`\`js
 * return { move: { x: 1, y: 0 } };                       // walk east at full speed
 * return { moveTo: { x: 400, y: 300 }, aim: Math.PI };   // walk to a point, face west
 * return { aimAt: enemy.id, fire: true, say: 'attack' }; // shoot a visible enemy
 * return { use: 3 };                                     // use (drink) inventory slot 3
 * \`\`\`
 */
interface Action {
  /** Direction to walk; length 0..1 is the fraction of full speed (longer is normalised). */
  move?: Vec2;
  /** Walk towards this world point at full speed. Ignored when \`move\` is given. */
  moveTo?: Vec2;
  /** Face this angle, radians. */
  aim?: number;
  /** Face this visible entity (its id). Takes precedence over \`aim\`. */
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

/** The function a behavior module exports as default (or as \`act\`). */
type BehaviorFunction = (obs: Observation, memory: Memory) => Action | undefined | void;

/** What \`migrate\` is told about the version whose memory it receives. */
interface MigrationInfo {
  /** Library version of the behavior that wrote the memory (0 when unknown). */
  fromVersion: number;
}

/**
 * Optional export \`migrate(oldMemory, info)\` of a new version: called once
 * per agent on hot-load with the old version's memory; return the memory to
 * keep, or undefined/null to start the agent with \`{}\`. Without \`migrate\`,
 * memory is kept as it is.
 */
type MigrateFunction = (oldMemory: Memory, info: MigrationInfo) => Memory | undefined | null;
`;
