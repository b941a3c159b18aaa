/**
 * Test helpers: an in-process sandbox (no worker thread) with test-sized
 * limits, and a runner with short deadlines on the real sandbox worker.
 * Used by this folder's tests only.
 */
import { performance } from 'node:perf_hooks';
import { ACTION_STRIDE, type ObservationBatch } from '../../../../engine/behavior/index';
import {
  DEFAULT_SANDBOX_LIMITS,
  BehaviorRunner,
  DEFAULT_CPU_BUDGET,
  createSyntheticScratch,
  createSyntheticWorld,
  stepSyntheticWorld,
  writeSyntheticBatch,
  type BehaviorError,
  type BehaviorRunnerOptions,
  type CollectResult,
  type SyntheticScratch,
  type SyntheticWorld,
} from '../behaviors/sandbox/index';
import { newCappedQuickJs, type CappedQuickJs } from '../behaviors/sandbox/cappedQuickJs';
import { hashString } from '../behaviors/sandbox/groupInput';
import { SandboxEngine } from '../behaviors/sandbox/sandboxEngine';
import type { SandboxEvent, SandboxSettings } from '../behaviors/sandbox/sandboxProtocol';

/** The test runner's memory cap per author, bytes (32 MiB: the default is 64). */
export const TEST_MEMORY_CAP_BYTES = 32 * 1024 * 1024;

export const TEST_ITEM_IDS = ['small_health_potion', 'short_bow', 'longbow', 'leather_vest'];

let instance: Promise<CappedQuickJs> | null = null;

/** A capped QuickJS instance (default limits), loaded once per test file: dry runs share it. */
export function quickJs(): Promise<CappedQuickJs> {
  instance ??= newCappedQuickJs(DEFAULT_SANDBOX_LIMITS.memoryBytes);
  return instance;
}

export function testSettings(overrides: Partial<SandboxSettings> = {}): SandboxSettings {
  return {
    matchSeed: 99,
    itemIds: TEST_ITEM_IDS,
    // Generous compile time: a cold wasm instance runs its first evaluations several times slower.
    limits: { ...DEFAULT_SANDBOX_LIMITS, compileMs: 2_000 },
    budget: { ...DEFAULT_CPU_BUDGET, batchLimitMs: 200 },
    suspendAfterFailures: 3,
    errorEventIntervalTicks: 1,
    dryRunMs: 200,
    ...overrides,
  };
}

/** An in-process sandbox engine. */
export async function createTestEngine(
  overrides: Partial<SandboxSettings> = {},
): Promise<SandboxEngine> {
  return new SandboxEngine(testSettings(overrides));
}

/** Installs `code` as behavior `b<slot>` in slot 0 (or `slot`); throws with the error when it fails. */
export async function installOrThrow(
  engine: SandboxEngine,
  code: string,
  slot = 0,
  author = 'tester',
): Promise<void> {
  await engine.prepare(author);
  const result = engine.install({
    slot,
    behaviorId: `b${slot}`,
    version: 1,
    author,
    code,
    keepMemory: true,
    tick: 0,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
}

/** Runs one batch; returns its actions and events. */
export function runBatch(
  engine: SandboxEngine,
  batch: ObservationBatch,
): { actions: Float64Array; events: SandboxEvent[] } {
  const actions = new Float64Array(batch.agentCount * ACTION_STRIDE);
  const events = engine.runBatch(batch, actions);
  return { actions, events };
}

export const SANDBOX_WORKER_TS = new URL('../behaviors/sandbox/sandboxWorker.ts', import.meta.url);

/** A runner on the real worker with test-sized deadlines. */
export function createTestRunner(
  options: Partial<BehaviorRunnerOptions> = {},
): Promise<BehaviorRunner> {
  return BehaviorRunner.create({
    matchSeed: 7,
    itemIds: TEST_ITEM_IDS,
    workerUrl: SANDBOX_WORKER_TS,
    suspendAfterFailures: 3,
    errorEventIntervalTicks: 1,
    hardDeadlineMs: 400,
    validateTimeoutMs: 2_500,
    // Small instances: a memory bomb reaches the cap sooner.
    limits: { memoryBytes: TEST_MEMORY_CAP_BYTES },
    budget: { tickBudgetMs: 5, bucketMaxMs: 60, batchLimitMs: 15 },
    ...options,
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** What a test match saw. */
export interface MatchRecord {
  /** Engine-thread time per tick (collect + step + encode + submit), ms. */
  tickMs: number[];
  statuses: CollectResult['status'][];
  /** Per tick, how many agents of `watchSlot` acted. */
  watchedActed: number[];
}

export interface PlayOptions {
  tickMs: number;
  maxWaitMs: number;
  /** Slot whose acting agents are counted per tick (-1: none). */
  watchSlot?: number;
  /** Stops once this holds (checked after every tick), or after `maxTicks`. */
  until?: (record: MatchRecord) => boolean;
  maxTicks: number;
}

/**
 * Plays a synthetic match at `tickMs` per tick, the way the engine does:
 * collect last tick's actions (waiting at most `maxWaitMs`), step, encode,
 * submit, sleep until the next tick; until `until` holds or `maxTicks`.
 */
export async function playMatch(
  runner: BehaviorRunner,
  world: SyntheticWorld,
  scratch: SyntheticScratch,
  options: PlayOptions,
): Promise<MatchRecord> {
  const record: MatchRecord = { tickMs: [], statuses: [], watchedActed: [] };
  const watchSlot = options.watchSlot ?? -1;
  const started = performance.now();
  for (let t = 0; t < options.maxTicks; t++) {
    const tickStart = performance.now();
    const result = runner.collect(world.intents, options.maxWaitMs);
    record.statuses.push(result.status);
    let acted = 0;
    if (watchSlot >= 0) {
      for (let u = 0; u < world.count; u++) {
        if (world.slot[u] === watchSlot && world.intents.moveX[u] !== 0) acted++;
      }
    }
    record.watchedActed.push(acted);
    stepSyntheticWorld(world);
    runner.submit(writeSyntheticBatch(world, scratch));
    record.tickMs.push(performance.now() - tickStart);
    if (options.until?.(record)) break;
    await sleep(started + (t + 1) * options.tickMs - performance.now());
  }
  return record;
}

/** Polls `condition` every 10 ms until it holds; false after `timeoutMs` (a hang-catcher). */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) return false;
    await sleep(10);
  }
  return true;
}

/** The well-behaved behavior hostile tests run beside: every agent moves, memory counts ticks. */
export const GOOD_BEHAVIOR = `export default function (obs, memory) {
  memory.t = (memory.t || 0) + 1;
  return { move: { x: 1, y: 0 } };
}`;

/** Loads GOOD_BEHAVIOR as 'good' by 'alice'; returns its slot. */
export async function loadGood(runner: BehaviorRunner): Promise<number> {
  const good = await runner.hotLoad({
    behaviorId: 'good',
    version: 1,
    author: 'alice',
    source: GOOD_BEHAVIOR,
  });
  if (!good.ok) throw new Error(`the good behavior did not load: ${JSON.stringify(good.errors)}`);
  return good.slot;
}

/** What a hostile match saw. */
export interface HostileOutcome {
  id: string;
  author: string;
  errors: BehaviorError[];
  restarted: { culprit: string | null; reason: string }[];
  record: MatchRecord;
  /** The good half acted fully on the last RECOVERED_TICKS ticks. */
  recovered: boolean;
}

export interface HostileOptions {
  /** Module top-level code. */
  top?: string;
  /** The hang-catcher (default 400 ticks). */
  maxTicks?: number;
  /** Agents the hostile behavior drives (default 20; the good one drives 20). */
  hostileAgents?: number;
}

/** Ticks in a row the good agents must act on for a match to count as recovered. */
export const RECOVERED_TICKS = 10;
const HOSTILE_AGENTS = 40;

/**
 * Loads `hostile` (its body runs from tick 5, after the dry run) as `id`
 * by `author` beside the good behavior in `goodSlot`, and plays a match at 25 ms a tick until the hostile one's
 * error matching `reported` was seen and the good agents act again, or
 * `maxTicks` (the hang-catcher). The hostile behavior is unloaded after.
 */
export async function playHostile(
  runner: BehaviorRunner,
  goodSlot: number,
  id: string,
  author: string,
  hostile: string,
  reported: RegExp,
  options: HostileOptions = {},
): Promise<HostileOutcome> {
  const { top = '', maxTicks = 400, hostileAgents = HOSTILE_AGENTS / 2 } = options;
  const source = `${top}
export default function (obs, memory) {
  if (obs.tick > 4) {
    ${hostile}
  }
  return { move: { x: -1, y: 0 } };
}`;
  const loaded = await runner.hotLoad({ behaviorId: id, version: 1, author, source });
  if (!loaded.ok) throw new Error(`${id} did not load: ${JSON.stringify(loaded.errors)}`);
  const outcome: HostileOutcome = {
    id,
    author,
    errors: [],
    restarted: [],
    record: { tickMs: [], statuses: [], watchedActed: [] },
    recovered: false,
  };
  const onError = (e: { behaviorId: string; error: BehaviorError }) => {
    if (e.behaviorId === id) outcome.errors.push(e.error);
  };
  const onRestart = (e: { culprit: string | null; reason: string }) => outcome.restarted.push(e);
  runner.on('error', onError);
  runner.on('suspended', onError);
  runner.on('restarted', onRestart);
  const world = createSyntheticWorld(HOSTILE_AGENTS, hashString(id) % 1000, 6);
  for (let u = 0; u < HOSTILE_AGENTS; u++) {
    const hostileHere = u % 2 === 1 && (u - 1) / 2 < hostileAgents;
    world.slot[u] = u % 2 === 0 ? goodSlot : hostileHere ? loaded.slot : -1;
  }
  const recovered = (record: MatchRecord) =>
    record.watchedActed.length > RECOVERED_TICKS &&
    record.watchedActed.slice(-RECOVERED_TICKS).every((n) => n === HOSTILE_AGENTS / 2);
  try {
    outcome.record = await playMatch(runner, world, createSyntheticScratch(world, 64), {
      tickMs: 25,
      maxWaitMs: 8,
      watchSlot: goodSlot,
      maxTicks,
      until: (record) =>
        reported.test(outcome.errors.map((e) => `${e.name}: ${e.message}`).join('\n')) &&
        record.statuses.length > 8 &&
        recovered(record),
    });
    outcome.recovered = recovered(outcome.record);
  } finally {
    runner.off('error', onError);
    runner.off('suspended', onError);
    runner.off('restarted', onRestart);
    runner.unload(id);
  }
  return outcome;
}
