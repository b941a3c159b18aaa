import { KIND_AGENT, KIND_AVATAR } from './components';
import { rebuildGrid } from '../space/grid';
import { rebuildTeamGrid } from '../space/teamGrid';
import { grantLoadout } from '../rules/health';
import { placeNewUnits, placeUnit } from './spawn';
import { recomputeStats } from '../rules/stats';
import { compactUnits, growUnits, resetUnitSlot, unitIndexOf } from './units';
import type { World } from './world';

/**
 * Who is in the match: bots (agents) and player avatars joining and
 * leaving, and which behavior drives each agent. Every change here is
 * recorded in the replay log when one is running, so call these at the
 * same tick in a replay. None of this runs on the per-tick path.
 */

/**
 * Grows or shrinks the number of agents (bots) to `count` (integer >= 0,
 * else RangeError); avatars are not touched. New agents get fresh ids,
 * join the team with the fewest agents (lowest team on ties, so a fresh
 * world alternates teams by index), spawn at a random point of one of that
 * team's zones clear of walls (and of other units when a few tries find
 * room) and receive the loadout. Shrinking removes the agents with the
 * highest indices; the others keep their order and state. Draws from
 * `world.rng`.
 */
export function setAgentCount(world: World, count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`agent count must be an integer >= 0, got ${count}`);
  }
  world.log?.entries.push({ tick: world.tick, op: 'setAgentCount', count });
  const teams = world.config.teams.length;
  const perTeam = new Int32Array(teams);
  let agents = 0;
  for (let i = 0; i < world.count; i++) {
    if (world.kind[i] !== KIND_AGENT) continue;
    agents++;
    perTeam[world.team[i]]++;
  }
  if (count > agents) {
    const from = world.count;
    const to = from + (count - agents);
    if (to > world.capacity) growUnits(world, Math.max(to, world.capacity * 2));
    for (let i = from; i < to; i++) {
      let team = 0;
      for (let t = 1; t < teams; t++) if (perTeam[t] < perTeam[team]) team = t;
      perTeam[team]++;
      createUnit(world, KIND_AGENT, team);
    }
    placeNewUnits(world, from, to);
    for (let i = from; i < to; i++) finishSpawn(world, i);
  } else if (count < agents) {
    const keep = new Uint8Array(world.count).fill(1);
    let remove = agents - count;
    for (let i = world.count - 1; i >= 0 && remove > 0; i--) {
      if (world.kind[i] !== KIND_AGENT) continue;
      keep[i] = 0;
      remove--;
    }
    compactUnits(world, keep);
  }
  refreshUnitGrids(world);
}

/**
 * Adds a player avatar to team `team` (integer, one of the config's teams)
 * at a random point of its spawn zone, with the loadout, and returns its
 * id. Throws RangeError for an unknown team or when `config.playerLimit`
 * avatars are already in.
 */
export function addPlayer(world: World, team: number): number {
  const teams = world.config.teams.length;
  if (!Number.isInteger(team) || team < 0 || team >= teams) {
    throw new RangeError(`team must be an integer 0..${teams - 1}, got ${team}`);
  }
  if (playerCount(world) >= world.config.playerLimit) {
    throw new RangeError(`the match is full (player limit ${world.config.playerLimit})`);
  }
  world.log?.entries.push({ tick: world.tick, op: 'addPlayer', team });
  if (world.count === world.capacity) growUnits(world, world.capacity * 2);
  const i = createUnit(world, KIND_AVATAR, team);
  placeUnit(world, i);
  finishSpawn(world, i);
  refreshUnitGrids(world);
  return world.id[i];
}

/**
 * Removes the avatar with id `id` (its score leaves with it; team totals
 * keep what it earned). Returns false, changing nothing, when no avatar
 * has that id.
 */
export function removePlayer(world: World, id: number): boolean {
  const i = unitIndexOf(world, id);
  if (i < 0 || world.kind[i] !== KIND_AVATAR) return false;
  world.log?.entries.push({ tick: world.tick, op: 'removePlayer', id });
  const keep = new Uint8Array(world.count).fill(1);
  keep[i] = 0;
  compactUnits(world, keep);
  refreshUnitGrids(world);
  return true;
}

/** Number of player avatars in the world. */
export function playerCount(world: World): number {
  let n = 0;
  for (let i = 0; i < world.count; i++) if (world.kind[i] === KIND_AVATAR) n++;
  return n;
}

/**
 * Sets the behavior slot of unit `id`: 0 hands it to the built-in AI, any
 * other value (integer 1..65535) to an external behavior runner, which
 * then writes its intents. Returns false when no unit has that id; throws
 * RangeError for a bad slot.
 */
export function setBehavior(world: World, id: number, behavior: number): boolean {
  if (!Number.isInteger(behavior) || behavior < 0 || behavior > 0xffff) {
    throw new RangeError(`behavior must be an integer 0..65535, got ${behavior}`);
  }
  const i = unitIndexOf(world, id);
  if (i < 0) return false;
  world.log?.entries.push({ tick: world.tick, op: 'setBehavior', id, behavior });
  world.behavior[i] = behavior;
  world.ai.target[i] = -1;
  world.ai.item[i] = -1;
  return true;
}

/**
 * Refiles the live units in `world.grid` and `world.perceptionGrid`. The
 * tick does this after movement; population changes do it so queries
 * between ticks never see stale indices.
 */
export function refreshUnitGrids(world: World): void {
  const alive = world.health.alive;
  rebuildGrid(world.grid, world.count, world.x, world.y, alive);
  rebuildTeamGrid(world.perceptionGrid, world.count, world.x, world.y, world.team, alive);
}

/** Appends a unit of `kind` to `team` in a reset slot (capacity must allow); returns its index. */
function createUnit(world: World, kind: number, team: number): number {
  const i = world.count++;
  resetUnitSlot(world, i);
  world.id[i] = world.nextId++;
  world.kind[i] = kind;
  world.team[i] = team;
  world.unitIndex.set(world.id[i], i);
  world.health.alive[i] = 1;
  world.ai.strafe[i] = world.id[i] & 1 ? 1 : -1;
  return i;
}

/** Stats, loadout and full HP for a placed new unit. */
function finishSpawn(world: World, i: number): void {
  recomputeStats(world, i);
  grantLoadout(world, i);
  world.health.hp[i] = world.stats.maxHp[i];
}
