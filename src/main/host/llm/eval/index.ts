/**
 * The LLM evaluation harness: case files, headless matches, the match
 * record and its predicates, and the run that generates each case's
 * behavior through the editor's generation path and judges it.
 */
export { CASE_CATEGORIES, parseCaseFile, readCaseFile } from './caseFile';
export type { EvalCase } from './caseFile';
export { CasePlayer, DO_NOTHING_BEHAVIOR, RESOURCES_DIR } from './casePlay';
export type { CaseOutcome } from './casePlay';
export { HeadlessArena } from './headlessMatch';
export type { HeadlessMatchResult, HeadlessMatchSpec, TeamBehavior } from './headlessMatch';
export type { MatchRecord, TickFrame, UnitEvent, UnitFrame } from './matchRecord';
export { judge, PREDICATES, predicateProblem } from './predicates';
export type { Predicate, PredicateCall, Verdict } from './predicates';
