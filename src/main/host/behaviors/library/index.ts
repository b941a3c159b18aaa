/**
 * The behavior library: named behaviors with their full version history
 * (the store contract, an in-memory store, validation), and the behaviors
 * shipped in resources/behaviors/ that seed it. What other rooms may use
 * is named here.
 */
export {
  BEHAVIOR_COMPLEXITIES,
  BEHAVIOR_ORIGINS,
  BehaviorStoreError,
  InMemoryBehaviorStore,
  MAX_BEHAVIOR_CODE_LENGTH,
  behaviorInputSchema,
  behaviorPatchSchema,
  nextVersion,
  rollbackVersion,
  slug,
} from './library';
export type {
  BehaviorComplexity,
  BehaviorInput,
  BehaviorOrigin,
  BehaviorPatch,
  BehaviorQuery,
  BehaviorRecord,
  BehaviorStore,
  BehaviorStoreErrorCode,
  BehaviorSummary,
  VersionCrash,
} from './library';
export { DEFAULT_BEHAVIOR_AUTHOR, loadDefaultBehaviors, seedLibrary } from './defaultBehaviors';
export type { DefaultBehavior } from './defaultBehaviors';
