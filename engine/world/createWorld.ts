import { resolveMatchConfig, type MatchConfig } from '../sim/config';
import { createUnitComponents } from './components';
import { assertTickRate } from '../sim/fixedStep';
import { createGrid } from '../space/grid';
import { createGroundItemPool, type PickupSpawners } from '../rules/groundItems';
import { createItemTable, itemIndex, type ItemTable } from '../rules/items';
import type { MapDef } from './map';
import { setAgentCount } from './population';
import { createProjectilePool } from '../rules/projectiles';
import { createSightScratch } from '../space/perception';
import { createRay } from '../space/raycast';
import { REJECT_REASONS } from '../sim/rejections';
import { createRng } from '../sim/rng';
import {
  AI_LOS_CHECKS,
  AI_RETARGET_SECONDS,
  PERCEPTION_RADIUS,
  WANDER_MAX_SECONDS,
  WANDER_MIN_SECONDS,
} from '../rules/rules';
import { createTeamGrid } from '../space/teamGrid';
import { createWallIndex } from '../space/wallIndex';
import {
  DEFAULT_AGENT_RADIUS,
  DEFAULT_AGENT_SPEED,
  DEFAULT_SEPARATION_PASSES,
  type World,
  type WorldOptions,
} from './world';

/** Wall index cell edge, world units: a few agent diameters, so a lookup lists few walls. */
const WALL_CELL_SIZE = 32;
/** Perception grid cell edge, world units: a perception query spans about 9 × 9 cells. */
const PERCEPTION_CELL_SIZE = 64;
/** Nearest enemies the built-in AI keeps per evaluation: as many as it line-of-sight tests. */
const AI_CANDIDATES = AI_LOS_CHECKS;

/**
 * A world on `map` with its bots spawned at tick 0 and the match clock
 * running. Throws RangeError for an invalid config (every problem listed),
 * bad item definitions, a loadout or pickup spawner naming an unknown item,
 * a team without a spawn zone, a bad tick rate, agent count or radius, or
 * a map without positive bounds or spawn zones.
 */
export function createWorld(map: MapDef, options: WorldOptions): World {
  const config = resolveMatchConfig({
    ...options.config,
    ...(options.tickRate !== undefined ? { tickRate: options.tickRate } : {}),
  });
  const tickRate = config.tickRate;
  assertTickRate(tickRate);
  const agentRadius = options.agentRadius ?? DEFAULT_AGENT_RADIUS;
  const agentSpeed = options.agentSpeed ?? DEFAULT_AGENT_SPEED;
  const perceptionRadius = options.perceptionRadius ?? PERCEPTION_RADIUS;
  if (!(agentRadius > 0)) throw new RangeError(`agentRadius must be positive, got ${agentRadius}`);
  if (!(agentSpeed >= 0)) throw new RangeError(`agentSpeed must be >= 0, got ${agentSpeed}`);
  if (!(perceptionRadius > 0)) {
    throw new RangeError(`perceptionRadius must be positive, got ${perceptionRadius}`);
  }
  const separationPasses = options.separationPasses ?? DEFAULT_SEPARATION_PASSES;
  if (!Number.isInteger(separationPasses) || separationPasses < 1) {
    throw new RangeError(`separationPasses must be an integer >= 1, got ${separationPasses}`);
  }
  if (!(map.width > 0) || !(map.height > 0)) {
    throw new RangeError(`map ${map.name} needs positive bounds, got ${map.width}×${map.height}`);
  }
  if (map.spawns.length === 0) throw new RangeError(`map ${map.name} has no spawn zones`);
  const teams = config.teams.length;
  const teamZones = zonesByTeam(map, teams);
  const agents = options.agents ?? config.botsPerTeam * teams;
  if (!Number.isInteger(agents) || agents < 0) {
    throw new RangeError(`agent count must be an integer >= 0, got ${agents}`);
  }
  const items = createItemTable(options.items ?? []);
  const capacity = Math.max(16, agents + config.playerLimit);
  const seconds = (s: number): number => Math.round(s * tickRate);
  const world: World = {
    tick: 0,
    tickRate,
    map,
    rng: createRng(options.seed),
    config,
    items,
    count: 0,
    capacity,
    nextId: 1,
    agentRadius,
    agentSpeed,
    separationPasses,
    perceptionRadius,
    id: new Uint32Array(capacity),
    kind: new Uint8Array(capacity),
    team: new Uint8Array(capacity),
    behavior: new Uint16Array(capacity),
    x: new Float64Array(capacity),
    y: new Float64Array(capacity),
    vx: new Float64Array(capacity),
    vy: new Float64Array(capacity),
    heading: new Float64Array(capacity),
    wanderTicks: new Uint16Array(capacity),
    ...createUnitComponents(capacity, config.inventorySlots),
    unitIndex: new Map(),
    // Cells of one agent diameter: overlapping agents are in the same or adjacent cells.
    grid: createGrid(map.width, map.height, 2 * agentRadius, capacity),
    perceptionGrid: createTeamGrid(map.width, map.height, PERCEPTION_CELL_SIZE, teams, capacity),
    walls: createWallIndex(map.walls, map.width, map.height, WALL_CELL_SIZE, agentRadius),
    teamZones,
    projectiles: createProjectilePool(capacity >> 2),
    groundItems: createGroundItemPool(capacity >> 1, map.width, map.height),
    spawners: resolveSpawners(map, items, tickRate),
    loadout: resolveLoadout(config, items),
    timing: {
      respawnTicks: seconds(config.respawnSeconds),
      despawnTicks: Math.max(1, seconds(config.itemDespawnSeconds)),
      aiRetargetTicks: Math.max(1, seconds(AI_RETARGET_SECONDS)),
      wanderMinTicks: Math.max(1, seconds(WANDER_MIN_SECONDS)),
      wanderMaxTicks: Math.max(1, seconds(WANDER_MAX_SECONDS)),
    },
    teamScore: {
      kills: new Uint32Array(teams),
      deaths: new Uint32Array(teams),
      damage: new Float64Array(teams),
      captures: new Uint32Array(teams),
    },
    match: {
      phase: 'running',
      endTick: config.matchSeconds > 0 ? Math.max(1, seconds(config.matchSeconds)) : -1,
      winner: -1,
    },
    rejections: new Uint32Array(REJECT_REASONS.length),
    log: null,
    scratch: {
      one: new Int32Array(1),
      ray: createRay(),
      probe: new Float64Array(8),
      candidates: new Int32Array(AI_CANDIDATES),
      candidateD2: new Float64Array(AI_CANDIDATES),
      sight: createSightScratch(),
    },
  };
  setAgentCount(world, agents);
  return world;
}

function zonesByTeam(map: MapDef, teams: number): number[][] {
  const zones: number[][] = [];
  for (let t = 0; t < teams; t++) {
    const list: number[] = [];
    map.spawns.forEach((zone, k) => {
      if (zone.team === t) list.push(k);
    });
    if (list.length === 0) {
      throw new RangeError(
        `map ${map.name} has no spawn zone for team ${t} (the config has ${teams} teams)`,
      );
    }
    zones.push(list);
  }
  return zones;
}

function resolveLoadout(config: MatchConfig, items: ItemTable): World['loadout'] {
  const ids: number[] = [];
  const counts: number[] = [];
  // A world without an item table has no items at all, loadout included.
  if (items.count > 0) {
    for (const id of config.loadout) {
      const k = itemIndex(items, id);
      if (k < 0) throw new RangeError(`loadout names unknown item "${id}"`);
      const at = ids.indexOf(k);
      if (at >= 0) counts[at]++;
      else {
        ids.push(k);
        counts.push(1);
      }
    }
  }
  return { item: Int16Array.from(ids), qty: Uint16Array.from(counts) };
}

/** Default delay before a spawner's stack comes back, seconds. */
const DEFAULT_SPAWNER_SECONDS = 20;

function resolveSpawners(map: MapDef, items: ItemTable, tickRate: number): PickupSpawners {
  const list = items.count > 0 ? (map.pickups ?? []) : [];
  const n = list.length;
  const sp: PickupSpawners = {
    count: n,
    x: new Float64Array(n),
    y: new Float64Array(n),
    item: new Int16Array(n),
    qty: new Uint16Array(n),
    respawnTicks: new Int32Array(n),
    nextTick: new Int32Array(n),
  };
  list.forEach((p, s) => {
    const k = itemIndex(items, p.item);
    if (k < 0) throw new RangeError(`map ${map.name} pickups[${s}] names unknown item "${p.item}"`);
    const qty = p.qty ?? 1;
    if (!Number.isInteger(qty) || qty < 1 || qty > items.maxStack[k]) {
      throw new RangeError(`map ${map.name} pickups[${s}].qty must be 1..${items.maxStack[k]}`);
    }
    const seconds = p.respawnSeconds ?? DEFAULT_SPAWNER_SECONDS;
    if (!(seconds >= 0))
      throw new RangeError(`map ${map.name} pickups[${s}].respawnSeconds must be >= 0`);
    sp.x[s] = p.x;
    sp.y[s] = p.y;
    sp.item[s] = k;
    sp.qty[s] = qty;
    sp.respawnTicks[s] = Math.round(seconds * tickRate);
    // Every spawner's first stack appears on the first tick.
    sp.nextTick[s] = 0;
  });
  return sp;
}
