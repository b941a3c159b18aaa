/**
 * The world model: the World shape, its creation, unit pools and components, population, spawning, maps and typed-array helpers.
 * Every public name is listed (no `export *`).
 */
export {
  ACTION_DROP,
  ACTION_EQUIP,
  ACTION_MOVE,
  ACTION_NONE,
  ACTION_UNEQUIP,
  ACTION_USE,
  BEHAVIOR_BUILTIN,
  DIRTY_EQUIPMENT,
  DIRTY_INVENTORY,
  DIRTY_SKILLS,
  ENTITY_KINDS,
  INTENT_FIRE,
  INTENT_PICKUP,
  KIND_AGENT,
  KIND_AVATAR,
  KIND_ITEM,
  KIND_PROJECTILE,
  createUnitComponents,
} from './components';
export type {
  AiState,
  Combat,
  EntityKindName,
  Equipment,
  Health,
  Intents,
  Inventory,
  Skills,
  Stats,
  UnitComponents,
  UnitScore,
} from './components';
export { createWorld } from './createWorld';
export type { MapDef, PickupSpawner, SpawnZone, WallRect } from './map';
export {
  addPlayer,
  playerCount,
  refreshUnitGrids,
  removePlayer,
  setAgentCount,
  setBehavior,
} from './population';
export { placeNewUnits, placeUnit } from './spawn';
export { grownCopy } from './typedArrays';
export type { NumericColumn } from './typedArrays';
export { exportUnitState, importUnitState } from './unitState';
export type { UnitState } from './unitState';
export {
  compactUnits,
  forEachUnitColumn,
  growUnits,
  rebuildUnitIndex,
  resetUnitSlot,
  unitIndexOf,
} from './units';
export type { Column } from './units';
export {
  DEFAULT_AGENT_RADIUS,
  DEFAULT_AGENT_SPEED,
  DEFAULT_SEPARATION_PASSES,
  DEFAULT_TICK_RATE,
} from './world';
export type { MatchState, Scratch, TeamScore, World, WorldOptions, WorldTiming } from './world';
export type { GroundItemPool, PickupSpawners, ProjectilePool, SightScratch } from './worldPools';
