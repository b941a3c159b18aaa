/**
 * Test helpers: an in-process sandbox (no worker thread) with test-sized
 * limits, and a runner with short deadlines on the real sandbox worker.
 * Used by this folder's tests only.
 */
import { performance } from 'node:perf_hooks';
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { ACTION_STRIDE, type ObservationBatch } from '../../../../engine/behavior/index';
import { DEFAULT_SANDBOX_LIMITS } from './authorRuntime';
import { BehaviorRunner, type BehaviorRunnerOptions, type CollectResult } from './behaviorRunner';
import { DEFAULT_CPU_BUDGET } from './cpuBucket';
import { SandboxEngine } from './sandboxEngine';
import type { SandboxEvent, SandboxSettings } from './sandboxProtocol';
import {
  stepSyntheticWorld,
  writeSyntheticBatch,
  type SyntheticScratch,
  type SyntheticWorld,
} from './syntheticWorld';

export const TEST_ITEM_IDS = ['small_health_potion', 'short_bow', 'longbow', 'leather_vest'];

let module: Promise<QuickJSWASMModule> | null = null;

/** QuickJS, loaded once per test file. */
export function quickJs(): Promise<QuickJSWASMModule> {
  module ??= newQuickJSWASMModuleFromVariant(variant);
  return module;
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
  return new SandboxEngine(await quickJs(), testSettings(overrides));
}

/** Installs `code` as behavior `behaviorId` in slot 0 (or `slot`); throws with the error when it fails. */
export function installOrThrow(
  engine: SandboxEngine,
  code: string,
  slot = 0,
  author = 'tester',
): void {
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

export const SANDBOX_WORKER_TS = new URL('./sandboxWorker.ts', import.meta.url);

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
    budget: { tickBudgetMs: 5, bucketMaxMs: 60, batchLimitMs: 15 },
    ...options,
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** What a test match measured. */
export interface MatchRecord {
  /** Engine-thread time per tick (collect + step + encode + submit), ms. */
  tickMs: number[];
  statuses: CollectResult['status'][];
  /** Per tick, how many agents of `watchSlot` acted. */
  watchedActed: number[];
  elapsedMs: number;
}

/**
 * Plays `ticks` ticks of a synthetic match at `tickMs` per tick, the way
 * the engine will: collect last tick's actions (waiting at most
 * `maxWaitMs`), step, encode, submit, sleep until the next tick.
 */
export async function playMatch(
  runner: BehaviorRunner,
  world: SyntheticWorld,
  scratch: SyntheticScratch,
  ticks: number,
  tickMs: number,
  maxWaitMs: number,
  watchSlot = -1,
): Promise<MatchRecord> {
  const record: MatchRecord = { tickMs: [], statuses: [], watchedActed: [], elapsedMs: 0 };
  const started = performance.now();
  for (let t = 0; t < ticks; t++) {
    const tickStart = performance.now();
    const result = runner.collect(world.intents, maxWaitMs);
    record.statuses.push(result.status);
    let acted = 0;
    if (result.status === 'applied' && watchSlot >= 0) {
      for (let u = 0; u < world.count; u++) {
        if (world.slot[u] === watchSlot && world.intents.moveX[u] !== 0) acted++;
      }
    }
    record.watchedActed.push(acted);
    stepSyntheticWorld(world);
    runner.submit(writeSyntheticBatch(world, scratch));
    const spent = performance.now() - tickStart;
    record.tickMs.push(spent);
    await sleep(started + (t + 1) * tickMs - performance.now());
  }
  record.elapsedMs = performance.now() - started;
  return record;
}
