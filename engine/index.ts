/**
 * Public surface of the engine: pure TypeScript simulation, usable in the
 * host worker, the renderer and tests. Every public name is listed here.
 */
export type { MapDef, PickupSpawner, SpawnZone, WallRect } from './map';
export { cloneRng, createRng, nextFloat, nextInt, nextRange, nextUint32 } from './rng';
export type { Rng } from './rng';
export {
  DEFAULT_MAX_CATCH_UP_TICKS,
  MAX_TICK_RATE,
  MIN_TICK_RATE,
  advanceFixedStep,
  assertTickRate,
  createFixedStep,
  msUntilNextTick,
  setTickRate,
} from './fixedStep';
export type { FixedStep } from './fixedStep';
export { createGrid, queryCircle, rebuildGrid } from './grid';
export type { SpatialGrid } from './grid';
export { circleHitsWall, createWallIndex, wallCellAt } from './wallIndex';
export type { WallIndex } from './wallIndex';

// World, tick and population.
export {
  DEFAULT_AGENT_RADIUS,
  DEFAULT_AGENT_SPEED,
  DEFAULT_SEPARATION_PASSES,
  DEFAULT_TICK_RATE,
} from './world';
export { createWorld } from './createWorld';
export type { MatchState, TeamScore, World, WorldOptions, WorldTiming } from './world';
export type { TeamGrid } from './teamGrid';
export { stepWorld } from './step';
export { addPlayer, playerCount, removePlayer, setAgentCount, setBehavior } from './population';
export { unitIndexOf } from './units';
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
  UnitScore,
} from './components';
export type { ProjectilePool } from './projectiles';

// Config, rules and data tables.
export { DEFAULT_MATCH_CONFIG, MATCH_CONFIG_LIMITS, resolveMatchConfig } from './config';
export type { MatchConfig, TeamConfig } from './config';
export {
  AI_LOW_HP_FRACTION,
  AI_RETARGET_SECONDS,
  ARMOR_SCALE,
  BASE_COOLDOWN_MS,
  BASE_DAMAGE,
  BASE_MAX_HP,
  BASE_RANGE,
  BASE_SHOT_SPEED,
  PERCEPTION_RADIUS,
  PICKUP_RADIUS,
  PROJECTILE_RADIUS,
  WANDER_MAX_SECONDS,
  WANDER_MIN_SECONDS,
} from './rules';
export {
  EQUIP_SLOTS,
  EQUIP_SLOT_COUNT,
  ITEM_SLOTS,
  MAX_STACK_LIMIT,
  RARITIES,
  createItemTable,
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

// Rule services.
export {
  addItem,
  clearInventory,
  countItem,
  findItem,
  freeSlot,
  moveItem,
  removeItem,
  slotItem,
  slotQty,
} from './inventory';
export { canEquip, equipFromInventory, equippedItem, forceEquip, unequip } from './equipment';
export { canUse, useItem } from './consumables';
export { damageUnit, grantLoadout, healUnit, killUnit, respawnUnit } from './health';
export { recomputeStats } from './stats';
export {
  dropFromInventory,
  groundItemVisible,
  nearestGroundItem,
  pickUpGroundItem,
  placeGroundItem,
} from './groundItems';
export type { GroundItemPool, PickupSpawners } from './groundItems';
export { endMatch } from './systems/matchClock';

// Perception and geometry queries.
export { lineOfSight, segmentWallHit } from './raycast';
export {
  ENTITY_REF_SHIFT,
  collectNearbyWalls,
  collectVisible,
  entityRef,
  nearestEnemies,
  refIndex,
  refKind,
} from './perception';
export { agentColumns, createAgentObserver, observeAgent } from './agentObservation';
export type { AgentObserver } from './agentObservation';

// Commands, replay and host-facing extraction.
export { COMMAND_TYPES, applyCommand, rejectionCounts } from './commands';
export type { Command, CommandResult } from './commands';
export { REJECT_REASONS } from './rejections';
export type { RejectReason } from './rejections';
export { replay, startRecording, stopRecording } from './replay';
export type { ReplayEntry, ReplayLog } from './replay';
export { NO_TEAM, collectView, createViewBuffers, viewSize } from './view';
export type { ViewArea, ViewBuffers } from './view';
export { getScoreboard } from './scoreboard';
export type { EntityScoreLine, Scoreboard, TeamScoreLine } from './scoreboard';
export { exportUnitState, importUnitState } from './unitState';
export type { UnitState } from './unitState';
export { stateHash } from './stateHash';

// Systems callable on their own (benchmark floors, tests).
export { integrateOnly, moveUnits } from './systems/movement';
export { resolveAgentWalls, resolveWalls } from './systems/walls';
export { separateAgents } from './systems/separation';

// Client-side interpolation.
export {
  clearInterpolator,
  createInterpolator,
  frameCount,
  newestFrameTime,
  pushFrame,
  sampleFrame,
} from './interpolation';
export type { Interpolator } from './interpolation';

// Netcode (snapshot codec, area of interest, inputs): see engine/net/index.ts.
export {
  ackSnapshot,
  BUTTON_FIRE,
  BUTTON_PICKUP,
  commitNetEntities,
  createAoiGrid,
  createClientState,
  createClientView,
  createInputPacket,
  createInputQueue,
  createNetEntities,
  createPacketBuffer,
  decodeSnapshot,
  encodeInputPacket,
  encodeSnapshot,
  FLAG_ALIVE,
  MAX_INPUT_PACKET_BYTES,
  MAX_SNAPSHOT_ENTITIES,
  pushInput,
  queryAoi,
  rebuildAoiGrid,
  receiveInputPacket,
  takeInput,
} from './net/index';
export type {
  AoiGrid,
  ClientState,
  ClientView,
  DecodedSnapshot,
  InputCommand,
  InputPacket,
  InputQueue,
  NetEntities,
  PacketBuffer,
} from './net/index';
