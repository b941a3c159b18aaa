import { assertTickRate } from './fixedStep';
import { createGrid, type SpatialGrid } from './grid';
import type { MapDef } from './map';
import { createRng, type Rng } from './rng';
import { spawnAgents } from './spawn';
import { createWallIndex, type WallIndex } from './wallIndex';
import { separateAgents } from './systems/separation';
import { resolveWalls } from './systems/walls';
import { integrateOnly } from './systems/movement';
import { wander } from './systems/wander';

/** Agent radius when the caller gives none, world units. */
export const DEFAULT_AGENT_RADIUS = 8;
/** Agent speed when the caller gives none, world units per second. */
export const DEFAULT_AGENT_SPEED = 90;
/** Simulation rate when the caller gives none, ticks per second. */
export const DEFAULT_TICK_RATE = 20;
/** Separation passes per tick when the caller gives none. */
export const DEFAULT_SEPARATION_PASSES = 2;
/** Wall index cell edge, world units: a few agent diameters, so a lookup lists few walls. */
const WALL_CELL_SIZE = 32;

/**
 * The simulation state: agents as a struct of typed arrays, index `0 ..
 * count-1` live. Indices are dense and change when agents are removed; `id`
 * is the stable identity (unique, never reused within a world).
 *
 * Units: positions world units; velocities world units per second;
 * `heading` radians, 0 = +x, growing towards +y (clockwise on screen);
 * `wanderTicks` ticks until the agent picks a new heading. The per-agent
 * arrays hold `capacity` slots and are replaced (grown) by `setAgentCount`,
 * so read them from the world after a resize rather than keeping references.
 */
export interface World {
  tick: number;
  /** Ticks per second; dt of one step is 1 / tickRate seconds. */
  tickRate: number;
  map: MapDef;
  rng: Rng;
  count: number;
  capacity: number;
  /** Id the next spawned agent gets. */
  nextId: number;
  /** World units. Raising it re-indexes walls and the grid once (allocates); prefer setting it at creation. */
  agentRadius: number;
  /** World units per second. */
  agentSpeed: number;
  /**
   * Rounds of (agent separation, wall resolution) per tick, >= 1. One round
   * leaves crowds pressed against walls visibly overlapping; two cut deep
   * overlaps (centres closer than one radius) by an order of magnitude.
   */
  separationPasses: number;
  id: Uint32Array;
  team: Uint8Array;
  x: Float64Array;
  y: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  heading: Float64Array;
  wanderTicks: Uint16Array;
  /** Agents by position, rebuilt by the separation pass each tick. */
  grid: SpatialGrid;
  /** The map's walls, indexed once for circles up to `agentRadius`. */
  walls: WallIndex;
}

/** Options for `createWorld`. */
export interface WorldOptions {
  /** RNG seed, integer in [0, 2^32). */
  seed: number;
  /** Agents to spawn at once (integer >= 0). */
  agents: number;
  /** Ticks per second, integer 10..60 (default 20). */
  tickRate?: number;
  /** World units (default 8). */
  agentRadius?: number;
  /** World units per second (default 90). */
  agentSpeed?: number;
  /** Separation rounds per tick, integer >= 1 (default 2). */
  separationPasses?: number;
}

/**
 * A world on `map` with `options.agents` agents spawned at tick 0. Throws
 * RangeError for a bad tick rate, agent count, radius or a map without
 * positive bounds or spawn zones.
 */
export function createWorld(map: MapDef, options: WorldOptions): World {
  const tickRate = options.tickRate ?? DEFAULT_TICK_RATE;
  assertTickRate(tickRate);
  const agentRadius = options.agentRadius ?? DEFAULT_AGENT_RADIUS;
  const agentSpeed = options.agentSpeed ?? DEFAULT_AGENT_SPEED;
  if (!(agentRadius > 0)) throw new RangeError(`agentRadius must be positive, got ${agentRadius}`);
  if (!(agentSpeed >= 0)) throw new RangeError(`agentSpeed must be >= 0, got ${agentSpeed}`);
  const separationPasses = options.separationPasses ?? DEFAULT_SEPARATION_PASSES;
  if (!Number.isInteger(separationPasses) || separationPasses < 1) {
    throw new RangeError(`separationPasses must be an integer >= 1, got ${separationPasses}`);
  }
  if (!(map.width > 0) || !(map.height > 0)) {
    throw new RangeError(`map ${map.name} needs positive bounds, got ${map.width}×${map.height}`);
  }
  if (map.spawns.length === 0) throw new RangeError(`map ${map.name} has no spawn zones`);
  assertAgentCount(options.agents);
  const capacity = Math.max(16, options.agents);
  const world: World = {
    tick: 0,
    tickRate,
    map,
    rng: createRng(options.seed),
    count: 0,
    capacity,
    nextId: 1,
    agentRadius,
    agentSpeed,
    separationPasses,
    id: new Uint32Array(capacity),
    team: new Uint8Array(capacity),
    x: new Float64Array(capacity),
    y: new Float64Array(capacity),
    vx: new Float64Array(capacity),
    vy: new Float64Array(capacity),
    heading: new Float64Array(capacity),
    wanderTicks: new Uint16Array(capacity),
    // Cells of one agent diameter: overlapping agents are in the same or adjacent cells.
    grid: createGrid(map.width, map.height, 2 * agentRadius, capacity),
    walls: createWallIndex(map.walls, map.width, map.height, WALL_CELL_SIZE, agentRadius),
  };
  setAgentCount(world, options.agents);
  return world;
}

/**
 * Grows or shrinks the population to `count` (integer >= 0). New agents get
 * fresh ids, a team round-robin over `map.spawns` by index, and a random
 * point in that team's zone that is clear of walls (and of other agents when
 * a few tries find room). Shrinking removes the highest indices. Draws from
 * `world.rng`, so call it at the same tick in a replay.
 */
export function setAgentCount(world: World, count: number): void {
  assertAgentCount(count);
  if (count > world.capacity) growAgents(world, Math.max(count, world.capacity * 2));
  const from = world.count;
  world.count = count;
  if (count > from) spawnAgents(world, from, count);
}

/**
 * Runs one tick: wander steering, velocity integration over 1 / tickRate
 * seconds, wall collision (slide), then `separationPasses` rounds of agent
 * separation each followed by wall collision again (walls win: separation
 * never leaves an agent inside a wall), then `tick++`. Allocates nothing
 * unless the wall index must grow for a larger `agentRadius`.
 */
export function stepWorld(world: World): void {
  wander(world);
  integrateOnly(world);
  resolveWalls(world);
  for (let pass = 0; pass < world.separationPasses; pass++) {
    separateAgents(world);
    resolveWalls(world);
  }
  world.tick++;
}

function assertAgentCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`agent count must be an integer >= 0, got ${count}`);
  }
}

function growAgents(world: World, capacity: number): void {
  world.id = grow(world.id, new Uint32Array(capacity));
  world.team = grow(world.team, new Uint8Array(capacity));
  world.x = grow(world.x, new Float64Array(capacity));
  world.y = grow(world.y, new Float64Array(capacity));
  world.vx = grow(world.vx, new Float64Array(capacity));
  world.vy = grow(world.vy, new Float64Array(capacity));
  world.heading = grow(world.heading, new Float64Array(capacity));
  world.wanderTicks = grow(world.wanderTicks, new Uint16Array(capacity));
  world.capacity = capacity;
}

function grow<T extends Uint32Array | Uint8Array | Float64Array | Uint16Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
