/**
 * Spatial queries: grids, the team grid, ray casts, the wall index, perception and agent observation.
 * Every public name is listed (no `export *`).
 */
export { agentColumns, createAgentObserver, observeAgent } from './agentObservation';
export type { AgentObserver } from './agentObservation';
export { createGrid, queryCircle, rebuildGrid } from './grid';
export type { SpatialGrid } from './grid';
export {
  ENTITY_REF_SHIFT,
  collectNearbyWalls,
  collectVisible,
  createSightScratch,
  entityRef,
  nearestEnemies,
  refIndex,
  refKind,
} from './perception';
export type { SightScratch } from './perception';
export {
  RAY_T,
  RAY_X0,
  RAY_X1,
  RAY_Y0,
  RAY_Y1,
  castRay,
  createRay,
  lineOfSight,
  segmentWallHit,
} from './raycast';
export { createTeamGrid, rebuildTeamGrid, teamGridCell } from './teamGrid';
export type { TeamGrid } from './teamGrid';
export { circleHitsWall, circleHitsWallAt, createWallIndex, wallCellAt } from './wallIndex';
export type { WallIndex } from './wallIndex';
