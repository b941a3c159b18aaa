import type { MatchConfig } from '../sim/config';
import type { UnitComponents } from './components';
import type { SpatialGrid } from '../space/grid';
import type { GroundItemPool, PickupSpawners, ProjectilePool, SightScratch } from './worldPools';
import type { ItemDef, ItemTable } from '../rules/items';
import type { MapDef } from './map';
import type { ReplayLog } from '../sim/replayLog';
import type { Rng } from '../sim/rng';
import type { TeamGrid } from '../space/teamGrid';
import type { WallIndex } from '../space/wallIndex';

/**
 * The world's shape: types and defaults only, no code. `createWorld`
 * (createWorld.ts) builds one; keeping the type here means the many files
 * that read a World import no module that builds one (no import cycle).
 */

/** Agent radius when the caller gives none, world units. */
export const DEFAULT_AGENT_RADIUS = 8;
/** Base unit speed when the caller gives none, world units per second. */
export const DEFAULT_AGENT_SPEED = 90;
/** Simulation rate when neither options nor config give one, ticks per second. */
export const DEFAULT_TICK_RATE = 20;
/** Separation passes per tick when the caller gives none. */
export const DEFAULT_SEPARATION_PASSES = 2;

/** Tick counts derived from the config's seconds at the world's tick rate. */
export interface WorldTiming {
  respawnTicks: number;
  despawnTicks: number;
  /** Ticks between two target evaluations of one built-in AI agent. */
  aiRetargetTicks: number;
  wanderMinTicks: number;
  wanderMaxTicks: number;
}

/** The match clock. `endTick` -1: no time limit. `winner` -1: none yet, or a draw. */
export interface MatchState {
  phase: 'running' | 'ended';
  endTick: number;
  winner: number;
}

/** Score per team, indexed by team number. */
export interface TeamScore {
  kills: Uint32Array;
  deaths: Uint32Array;
  damage: Float64Array;
  captures: Uint32Array;
}

/** Preallocated scratch buffers, so the per-tick path allocates nothing. */
export interface Scratch {
  one: Int32Array;
  /** Segment buffer for `castRay` (see RAY_*). */
  ray: Float64Array;
  /** Coordinates handed to helpers in memory rather than as (boxed) double arguments. */
  probe: Float64Array;
  candidates: Int32Array;
  candidateD2: Float64Array;
  /** Candidate buffers of `collectVisible`. */
  sight: SightScratch;
}

/**
 * The simulation state, data-oriented: units (player avatars and agents)
 * in one dense pool of typed-array columns, index `0 .. count-1`, `id`
 * the stable identity (unique, never reused; `unitIndex` maps it back).
 * Projectiles and ground items have dense pools of their own. Unit
 * indices change only when units are removed (`setAgentCount` shrinking,
 * `removePlayer`); dead units keep their slot until they respawn.
 *
 * Units: positions world units (origin top-left, y down); velocities world
 * units per second; `heading` radians (the wander direction, 0 = +x);
 * `wanderTicks` ticks left towards the current wander waypoint. Column
 * arrays are replaced when the pool grows, so read them from the world
 * after adding units rather than keeping references.
 */
export interface World extends UnitComponents {
  tick: number;
  /** Ticks per second; dt of one step is 1 / tickRate seconds. */
  tickRate: number;
  map: MapDef;
  rng: Rng;
  /** The resolved match config (tickRate mirrors the world's). */
  config: MatchConfig;
  /** Item definitions as struct-of-arrays; empty for a world without items. */
  items: ItemTable;
  /** Units `0 .. count-1` are live (alive or waiting to respawn). */
  count: number;
  capacity: number;
  /** Id the next entity (unit, projectile or ground item) gets. */
  nextId: number;
  /** Unit radius, world units. */
  agentRadius: number;
  /** Base unit speed before equipment, world units per second. */
  agentSpeed: number;
  /** Rounds of (separation, wall resolution) per tick, >= 1. */
  separationPasses: number;
  /** How far units see, world units. */
  perceptionRadius: number;
  id: Uint32Array;
  /** KIND_AVATAR or KIND_AGENT. */
  kind: Uint8Array;
  team: Uint8Array;
  /** Behavior slot: BEHAVIOR_BUILTIN (0) for the built-in AI, else driven from outside. */
  behavior: Uint16Array;
  x: Float64Array;
  y: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  heading: Float64Array;
  wanderTicks: Uint16Array;
  /** Unit id → index. */
  unitIndex: Map<number, number>;
  /** Live units by position (cells of one diameter), rebuilt after movement each tick. */
  grid: SpatialGrid;
  /** Live units by team and position for perception queries, rebuilt with `grid`. */
  perceptionGrid: TeamGrid;
  /** The map's walls, indexed once for circles up to `agentRadius`. */
  walls: WallIndex;
  /** Spawn zone indices (into map.spawns) per team. */
  teamZones: number[][];
  projectiles: ProjectilePool;
  groundItems: GroundItemPool;
  spawners: PickupSpawners;
  /** Loadout resolved to item indices, with the count of each. */
  loadout: { item: Int16Array; qty: Uint16Array };
  timing: WorldTiming;
  teamScore: TeamScore;
  match: MatchState;
  /** Rejected commands and intents, by reason code - 1 (see REJECT_REASONS). */
  rejections: Uint32Array;
  /** The recording in progress (`startRecording`), or null. */
  log: ReplayLog | null;
  scratch: Scratch;
}

/** Options for `createWorld`. */
export interface WorldOptions {
  /** RNG seed, integer in [0, 2^32). */
  seed: number;
  /** Bots to spawn in total, split evenly over the teams (default: config.botsPerTeam per team). */
  agents?: number;
  /** Match config (validated here too); missing fields take DEFAULT_MATCH_CONFIG's values. */
  config?: Partial<MatchConfig>;
  /** Item definitions (resources/items.json); without them the world has no items at all. */
  items?: readonly ItemDef[];
  /** Ticks per second, integer 10..60; overrides config.tickRate. */
  tickRate?: number;
  /** World units (default 8). */
  agentRadius?: number;
  /** Base unit speed, world units per second (default 90). */
  agentSpeed?: number;
  /** Separation rounds per tick, integer >= 1 (default 2). */
  separationPasses?: number;
  /** How far units see, world units (default PERCEPTION_RADIUS). */
  perceptionRadius?: number;
}
