/**
 * The behavior sandbox: user behaviors run in QuickJS (wasm) inside
 * sandbox worker threads, one tick behind the engine, with per-author
 * memory/stack limits, CPU deadlines and buckets, suspension of repeat
 * offenders, a watchdog that restarts a stalled sandbox, and hot-load with
 * a dry run. The runner is its handle on the engine's thread. What other
 * rooms may use is named here; sandboxWorker.ts is a worker entry and is
 * never imported.
 */
export { BehaviorRunner } from './behaviorRunner';
export type {
  AuthorStatus,
  BehaviorRunnerEvents,
  BehaviorRunnerOptions,
  CollectResult,
} from './behaviorRunner';
export type { HotLoadRequest, HotLoadResult } from './hotLoader';
export type { BehaviorStatus } from './behaviorRegistry';
export { describeError } from './behaviorError';
export type { BehaviorError, BehaviorErrorPhase } from './behaviorError';
export { DEFAULT_SANDBOX_LIMITS } from './authorRuntime';
export type { SandboxLimits } from './authorRuntime';
export { DEFAULT_CPU_BUDGET } from './cpuBucket';
export type { CpuBudget } from './cpuBucket';
export type { BehaviorLanguage } from './stripTypes';
export { ConsoleLimiter } from './consoleLimiter';
export type { UnnamedConsoleLine } from './consoleLimiter';
export type { DryRunLogLine, ValidateResult } from './sandboxProtocol';
export { validateBehavior } from './dryRun';
export { staticChecks } from './staticChecks';
export { SEEN_FIELDS, SELF_FIELDS } from './guestDecode';
export type { FieldKind } from './guestDecode';
export {
  createSyntheticScratch,
  createSyntheticWorld,
  stepSyntheticWorld,
  writeSyntheticBatch,
} from './syntheticWorld';
export type { SyntheticScratch, SyntheticWorld } from './syntheticWorld';
