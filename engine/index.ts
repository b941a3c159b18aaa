/**
 * Public surface of the engine: pure TypeScript simulation, usable in the
 * host worker, the renderer and tests. Every public name is listed here.
 */
export type { MapDef, SpawnZone, WallRect } from './map';
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
export {
  DEFAULT_AGENT_RADIUS,
  DEFAULT_AGENT_SPEED,
  DEFAULT_SEPARATION_PASSES,
  DEFAULT_TICK_RATE,
  createWorld,
  setAgentCount,
  stepWorld,
} from './world';
export type { World, WorldOptions } from './world';
export { integrateOnly } from './systems/movement';
export { WANDER_MAX_SECONDS, WANDER_MIN_SECONDS, wander } from './systems/wander';
export { resolveAgentWalls, resolveWalls } from './systems/walls';
export { separateAgents } from './systems/separation';
export { stateHash } from './stateHash';
export {
  clearInterpolator,
  createInterpolator,
  frameCount,
  newestFrameTime,
  pushFrame,
  sampleFrame,
} from './interpolation';
export type { Interpolator } from './interpolation';
