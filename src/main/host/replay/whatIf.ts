/**
 * "What if": re-runs a recording from tick T for a while with the behaviors
 * as they were at T, once with the recorded version of one behavior and
 * once with another version of it, in the real sandbox, and compares the
 * outcomes per team (kills, deaths, damage dealt, distance its agents
 * walked). Both runs start alike (the world at T, agents' behavior memory
 * empty), so the difference is the version's. Recorded inputs of players
 * still apply; behavior changes recorded after T do not.
 */
import { KIND_AGENT, applyReplayEntry, stepWorld, type World } from '../../../../engine/index';
import { behaviorOf } from '../../../../engine/behavior/index';
import { BehaviorDriver } from '../match/index';
import type { BehaviorLanguage } from '../behaviors/sandbox/index';
import { ReplayError, firstEntryAt, type ReplayPlayer } from './replayPlayer';

/** A version of a behavior to run instead of the recorded one. */
export interface WhatIfVersion {
  behaviorId: string;
  version: number;
  author: string;
  source: string;
  language?: BehaviorLanguage;
}

/** One team's outcome over the run: counts from T to the end of the run. */
export interface TeamOutcome {
  team: number;
  kills: number;
  deaths: number;
  damage: number;
  /** World units walked by the team's agents that run the behavior. */
  distance: number;
  /** Agents of the team that run the behavior at the start. */
  agents: number;
}

export interface WhatIfResult {
  fromTick: number;
  toTick: number;
  behaviorId: string;
  /** The version recorded as running at T. */
  recordedVersion: number;
  version: number;
  recorded: TeamOutcome[];
  variant: TeamOutcome[];
}

/** How long a sandbox decision may take before the run waits no more (ms); runs are exact when met. */
const DECISION_WAIT_MS = 2000;

/** One recorded behavior change before T: a load (of the version the run uses) or an assignment. */
type BehaviorStep =
  | { load: string }
  | { assign: { target: { team?: number; agentId?: number }; behaviorId: string | null } };

export async function runWhatIf(
  player: ReplayPlayer,
  fromTick: number,
  ticks: number,
  variant: WhatIfVersion,
): Promise<WhatIfResult> {
  const { replay } = player;
  const toTick = Math.min(replay.endTick, fromTick + ticks);
  if (fromTick >= replay.endTick)
    throw new ReplayError(
      `a what-if needs ticks after ${fromTick}: replay ${replay.matchId} ends at tick ${replay.endTick}`,
    );
  // Loads and assignments in the order they happened: assigning a team the built-in AI
  // unloads what nobody runs, so a load that came after must come after here too.
  const steps: BehaviorStep[] = [];
  const loads = new Map<string, WhatIfVersion>();
  for (const event of replay.behaviors) {
    if (event.tick > fromTick) break;
    if (event.op === 'load') loads.set(event.behaviorId, event);
    steps.push(event.op === 'load' ? { load: event.behaviorId } : { assign: event });
  }
  const recorded = loads.get(variant.behaviorId);
  if (!recorded)
    throw new ReplayError(
      `behavior "${variant.behaviorId}" was not running at tick ${fromTick} of replay ${replay.matchId}`,
    );
  const run = (version: WhatIfVersion) =>
    runFrom(
      player.copyAt(fromTick),
      player,
      toTick,
      new Map(loads).set(version.behaviorId, version),
      steps,
      variant.behaviorId,
    );
  return {
    fromTick,
    toTick,
    behaviorId: variant.behaviorId,
    recordedVersion: recorded.version,
    version: variant.version,
    recorded: await run(recorded),
    variant: await run(variant),
  };
}

async function runFrom(
  world: World,
  player: ReplayPlayer,
  toTick: number,
  loads: Map<string, WhatIfVersion>,
  steps: BehaviorStep[],
  behaviorId: string,
): Promise<TeamOutcome[]> {
  const { settings, items } = player.replay.header;
  const driver = new BehaviorDriver(
    settings.seed,
    items.map((item) => item.id),
    () => {},
    DECISION_WAIT_MS,
    world.config.behaviorMemoryMb === undefined
      ? {}
      : { memoryBytes: world.config.behaviorMemoryMb * 1024 * 1024 },
  );
  try {
    // Each load runs the version this run is about (the variant, or what ran at T).
    for (const step of steps) {
      if ('assign' in step) {
        driver.assign(step.assign.target, step.assign.behaviorId);
        continue;
      }
      const load = loads.get(step.load)!;
      const result = await driver.hotLoad({ ...load, keepMemory: false });
      if (!result.ok)
        throw new ReplayError(
          `${load.behaviorId} v${load.version} does not load: ${result.errors.map((e) => e.message).join('; ')}`,
        );
    }
    const teams = world.teamScore.kills.length;
    const start = {
      kills: Array.from(world.teamScore.kills),
      deaths: Array.from(world.teamScore.deaths),
      damage: Array.from(world.teamScore.damage),
    };
    const outcome: TeamOutcome[] = Array.from({ length: teams }, (_, team) => ({
      team,
      kills: 0,
      deaths: 0,
      damage: 0,
      distance: 0,
      agents: 0,
    }));
    const runs = (u: number) =>
      world.kind[u] === KIND_AGENT &&
      behaviorOf(driver.assignments, world.id[u], world.team[u]) === behaviorId;
    for (let u = 0; u < world.count; u++) if (runs(u)) outcome[world.team[u]].agents++;
    const entries = player.replay.entries;
    let next = firstEntryAt(entries, world.tick);
    driver.afterStep(world);
    while (world.tick < toTick) {
      while (next < entries.length && entries[next].tick === world.tick) {
        const entry = entries[next++];
        // The behaviors decide these now; the rest (players, bot count) is as recorded.
        if (entry.op !== 'intent' && entry.op !== 'setBehavior') applyReplayEntry(world, entry);
      }
      driver.beforeStep(world);
      const before = positions(world, runs);
      stepWorld(world);
      for (const [id, x, y, team] of before) {
        const u = world.unitIndex.get(id);
        if (u === undefined || !world.health.alive[u]) continue;
        outcome[team].distance += Math.hypot(world.x[u] - x, world.y[u] - y);
      }
      driver.afterStep(world);
    }
    for (const line of outcome) {
      line.kills = world.teamScore.kills[line.team] - start.kills[line.team];
      line.deaths = world.teamScore.deaths[line.team] - start.deaths[line.team];
      line.damage = Math.round(world.teamScore.damage[line.team] - start.damage[line.team]);
      line.distance = Math.round(line.distance);
    }
    return outcome;
  } finally {
    await driver.dispose();
  }
}

function positions(
  world: World,
  runs: (u: number) => boolean,
): Array<[number, number, number, number]> {
  const list: Array<[number, number, number, number]> = [];
  for (let u = 0; u < world.count; u++)
    if (runs(u) && world.health.alive[u])
      list.push([world.id[u], world.x[u], world.y[u], world.team[u]]);
  return list;
}
