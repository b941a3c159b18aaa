/**
 * The match: the engine worker and its host-side handle (the simulation's
 * thread, its protocol, the friends' netcode and behaviors inside it), the
 * Match with states that owns the sequence around it, the roster of
 * players, the host's own windows as players over a local link, and the
 * match's resources (items, maps) and history rows. What other rooms may
 * use is named here; engineWorker.ts is a worker entry and is never
 * imported.
 */
export { EngineHost } from './engineHost';
export type { EngineHostEvents } from './engineHost';
export type { WorkerStats } from './engineWorkerProtocol';
export { InvalidTransition, MATCH_PHASES, MAX_SPEED, MIN_SPEED, Match } from './match';
export type { MatchEngine, MatchHooks, MatchPhase, MatchPlan, MatchTransition } from './match';
export { recordMatchEnd, recordMatchStart } from './matchRecords';
export { JoinRefusedError, PlayerRoster, hashToken } from './playerRoster';
export type { JoinRefusalReason, JoinResult, JoinedPlayer } from './playerRoster';
export { HostWindowLinks } from './hostWindowLinks';
export type { HostWindowLinksOptions } from './hostWindowLinks';
export { BehaviorDriver } from './behaviorDriver';
export type { BehaviorDriverEvent } from './behaviorDriver';
export { sendNetPackets } from './netPacketBatch';
export type { NetPacketBatch } from './netPacketBatch';
export { loadItems } from './gameData';
export { loadMap } from './maps';
