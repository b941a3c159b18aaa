/**
 * Running a simulation: the step, fixed step, commands and rejections, the seeded RNG, replay, state hash, config, interpolation and views.
 * Every public name is listed (no `export *`).
 */
export type { Command } from './commandTypes';
export { COMMAND_TYPES, applyCommand, rejectionCounts } from './commands';
export type { CommandResult } from './commands';
export { DEFAULT_MATCH_CONFIG, MATCH_CONFIG_LIMITS, resolveMatchConfig } from './config';
export type { MatchConfig, TeamConfig } from './config';
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
export {
  clearInterpolator,
  createInterpolator,
  frameCount,
  newestFrameTime,
  pushFrame,
  sampleFrame,
} from './interpolation';
export type { Interpolator } from './interpolation';
export {
  REJECT_BUSY,
  REJECT_DEAD,
  REJECT_EMPTY_SLOT,
  REJECT_INVENTORY_FULL,
  REJECT_ITEM_MISMATCH,
  REJECT_MALFORMED,
  REJECT_MATCH_OVER,
  REJECT_NONE,
  REJECT_NOT_EQUIPPABLE,
  REJECT_NOT_OWNER,
  REJECT_NOT_USABLE,
  REJECT_NO_EFFECT,
  REJECT_NO_UNIT,
  REJECT_OUT_OF_RANGE,
  REJECT_REASONS,
  REJECT_REQUIREMENTS,
  REJECT_UNKNOWN_ITEM,
  rejectReason,
} from './rejections';
export type { RejectReason } from './rejections';
export { applyReplayEntry, recordIntent, replay, startRecording, stopRecording } from './replay';
export type { ReplayEntry, ReplayLog } from './replayLog';
export { cloneRng, createRng, nextFloat, nextInt, nextRange, nextUint32 } from './rng';
export type { Rng } from './rng';
export { stateHash } from './stateHash';
export { stepWorld } from './step';
export { NO_TEAM, collectView, createViewBuffers, viewSize } from './view';
export type { ViewArea, ViewBuffers } from './view';
