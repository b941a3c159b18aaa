/**
 * Public surface of the behavior API: the types a behavior is written
 * against, their declarations for the editor, the packed layout between the
 * host and the sandbox, observation encoding, validated action decoding,
 * and behavior assignment. Pure TypeScript: imports only engine/behavior.
 */
export type {
  Action,
  BehaviorFunction,
  Cooldowns,
  EntityKind,
  EquipSlotName,
  EquipmentView,
  InventorySlot,
  Memory,
  MigrateFunction,
  MigrationInfo,
  Observation,
  Phrase,
  SeenEntity,
  SelfView,
  Vec2,
  WallView,
} from './api';
export {
  ENTITY_KIND_NAMES,
  EQUIP_SLOT_NAMES,
  INVENTORY_SLOT_LIMIT,
  MAX_SEEN,
  MAX_WALLS,
  MEMORY_BYTE_LIMIT,
  SAY_PHRASES,
} from './api';
export { behaviorApiDeclarations } from './apiDeclarations';
export {
  ACTION_STATUS_ACTED,
  ACTION_STATUS_BAD_RETURN,
  ACTION_STATUS_IDLE,
  ACTION_STATUS_SKIPPED,
  ACTION_STATUS_THREW,
  ACTION_STRIDE,
  AGENT_HEADER,
  FLAG_FIRE,
  FLAG_PICKUP,
  GROUP_HEADER,
  INVENTORY_STRIDE,
  ITEM_ACTION_DROP,
  ITEM_ACTION_EQUIP,
  ITEM_ACTION_NONE,
  ITEM_ACTION_UNEQUIP,
  ITEM_ACTION_USE,
  LAYOUT_VERSION,
  SEEN_STRIDE,
  WALL_STRIDE,
} from './packing';
export {
  GROUP_AGENTS,
  GROUP_FIELDS,
  GROUP_LENGTH,
  GROUP_SLOT,
  GROUP_START,
  beginBatch,
  beginGroup,
  createObservationBatch,
  createVisibleList,
  createWallList,
  endBatch,
  orderUnitsBySlot,
  writeAgent,
} from './observationWriter';
export type {
  AgentColumns,
  NumberArray,
  ObservationBatch,
  VisibleList,
  WallList,
} from './observationWriter';
export {
  MAX_ACTION_COORDINATE,
  MAX_AIM_ANGLE,
  REJECT_INVISIBLE_TARGET,
  REJECT_MALFORMED,
  REJECT_NON_FINITE,
  REJECT_OUT_OF_RANGE,
  REJECT_REASON_COUNT,
  REJECT_REASON_NAMES,
  decodeActions,
} from './actionDecoder';
export type { BehaviorIntents, RejectReason } from './actionDecoder';
export { assignAgent, assignTeam, behaviorOf, createAssignments, resolveSlots } from './assignment';
export type { BehaviorAssignments } from './assignment';
