/**
 * The behavior sandbox: user behaviors run in QuickJS (wasm) inside a
 * sandbox worker thread, one tick behind the engine, with per-author
 * memory/stack limits, CPU deadlines and buckets, suspension of repeat
 * offenders, a watchdog that restarts a stalled sandbox, hot-load with a
 * dry run, and the versioned behavior library. Every public name is here.
 */
export { BehaviorRunner } from './behaviorRunner';
export type { BehaviorRunnerEvents, BehaviorRunnerOptions, CollectResult } from './behaviorRunner';
export type { HotLoadRequest, HotLoadResult } from './hotLoader';
export type { BehaviorStatus } from './behaviorRegistry';
export { describeError } from './behaviorError';
export type { BehaviorError, BehaviorErrorPhase } from './behaviorError';
export { DEFAULT_SANDBOX_LIMITS } from './authorRuntime';
export type { SandboxLimits } from './authorRuntime';
export { DEFAULT_CPU_BUDGET } from './cpuBucket';
export type { CpuBudget } from './cpuBucket';
export type { BehaviorLanguage } from './stripTypes';
export {
  BEHAVIOR_COMPLEXITIES,
  BehaviorStoreError,
  InMemoryBehaviorStore,
  MAX_BEHAVIOR_CODE_LENGTH,
  behaviorInputSchema,
  behaviorPatchSchema,
  slug,
} from './library';
export type {
  BehaviorComplexity,
  BehaviorInput,
  BehaviorPatch,
  BehaviorQuery,
  BehaviorRecord,
  BehaviorStore,
  BehaviorStoreErrorCode,
  BehaviorSummary,
} from './library';
export { DEFAULT_BEHAVIOR_AUTHOR, loadDefaultBehaviors, seedLibrary } from './defaultBehaviors';
export type { DefaultBehavior } from './defaultBehaviors';
