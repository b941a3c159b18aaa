/**
 * Public surface of the engine: pure TypeScript simulation, usable in the
 * host worker, the renderer and tests. Every public name is listed here.
 */
export type { MapDef, PickupSpawner, SpawnZone, WallRect } from './world/index';
export { cloneRng, createRng, nextFloat, nextInt, nextRange, nextUint32 } from './sim/index';
export type { Rng } from './sim/index';
export {
  DEFAULT_MAX_CATCH_UP_TICKS,
  MAX_TICK_RATE,
  MIN_TICK_RATE,
  advanceFixedStep,
  assertTickRate,
  createFixedStep,
  msUntilNextTick,
  setTickRate,
} from './sim/index';
export type { FixedStep } from './sim/index';
export { createGrid, queryCircle, rebuildGrid } from './space/index';
export type { SpatialGrid } from './space/index';
export { circleHitsWall, createWallIndex, wallCellAt } from './space/index';
export type { WallIndex } from './space/index';

// World, tick and population.
export {
  DEFAULT_AGENT_RADIUS,
  DEFAULT_AGENT_SPEED,
  DEFAULT_SEPARATION_PASSES,
  DEFAULT_TICK_RATE,
} from './world/index';
export { createWorld } from './world/index';
export type { MatchState, TeamScore, World, WorldOptions, WorldTiming } from './world/index';
export type { TeamGrid } from './space/index';
export { stepWorld } from './sim/index';
export { addPlayer, playerCount, removePlayer, setAgentCount, setBehavior } from './world/index';
export { unitIndexOf } from './world/index';
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
} from './world/index';
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
} from './world/index';
export type { ProjectilePool } from './rules/index';

// Config, rules and data tables.
export { DEFAULT_MATCH_CONFIG, MATCH_CONFIG_LIMITS, resolveMatchConfig } from './sim/index';
export type { MatchConfig, TeamConfig } from './sim/index';
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
} from './rules/index';
export {
  EQUIP_SLOTS,
  EQUIP_SLOT_COUNT,
  ITEM_SLOTS,
  MAX_STACK_LIMIT,
  RARITIES,
  createItemTable,
  itemIndex,
} from './rules/index';
export type {
  EquipSlot,
  ItemDef,
  ItemSlot,
  ItemStats,
  ItemTable,
  ItemUse,
  Rarity,
  WeaponDef,
} from './rules/index';
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
} from './rules/index';
export type { SkillName } from './rules/index';

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
} from './rules/index';
export { canEquip, equipFromInventory, equippedItem, forceEquip, unequip } from './rules/index';
export { canUse, useItem } from './rules/index';
export { damageUnit, grantLoadout, healUnit, killUnit, respawnUnit } from './rules/index';
export { recomputeStats } from './rules/index';
export {
  dropFromInventory,
  groundItemVisible,
  nearestGroundItem,
  pickUpGroundItem,
  placeGroundItem,
} from './rules/index';
export type { GroundItemPool, PickupSpawners } from './rules/index';
export { endMatch } from './systems/matchClock';

// Perception and geometry queries.
export { lineOfSight, segmentWallHit } from './space/index';
export {
  ENTITY_REF_SHIFT,
  collectNearbyWalls,
  collectVisible,
  entityRef,
  nearestEnemies,
  refIndex,
  refKind,
} from './space/index';
export { agentColumns, createAgentObserver, observeAgent } from './space/index';
export type { AgentObserver } from './space/index';

// Commands, replay and host-facing extraction.
export { COMMAND_TYPES, applyCommand, rejectionCounts } from './sim/index';
export type { Command, CommandResult } from './sim/index';
export { REJECT_REASONS } from './sim/index';
export type { RejectReason } from './sim/index';
export { applyReplayEntry, recordIntent, replay, startRecording, stopRecording } from './sim/index';
export type { ReplayEntry, ReplayLog } from './sim/index';
export { NO_TEAM, collectView, createViewBuffers, viewSize } from './sim/index';
export type { ViewArea, ViewBuffers } from './sim/index';
export { getScoreboard } from './rules/index';
export type { EntityScoreLine, Scoreboard, TeamScoreLine } from './rules/index';
export { exportUnitState, importUnitState } from './world/index';
export type { UnitState } from './world/index';
export { stateHash } from './sim/index';

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
} from './sim/index';
export type { Interpolator } from './sim/index';

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
  SNAPSHOT_BUDGET_BYTES,
  peekInputSeq,
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
