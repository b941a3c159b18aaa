/** Past one machine: the Redis directory, seat reservations, Agones and the public address. */
export { Fleet } from './fleet';
export type { FleetSettings } from './fleet';
export { FleetNode, SEAT_TTL_MS } from './fleetNode';
export type { FleetNodeOptions } from './fleetNode';
export { RedisDirectory, DirectoryUnavailable } from './redisDirectory';
export type { DirectoryOptions, HostReport } from './redisDirectory';
export { SeatReservations } from './seatReservations';
export type { ReservationAnswer, ReservationRefusal, SeatGranter } from './seatReservations';
export {
  DIRECTORY_FORMAT,
  HOST_ID_PATTERN,
  hostKey,
  listMatches,
  parseHostEntry,
} from './directoryEntry';
export type { HostEntry, ListedMatch, MatchEntry } from './directoryEntry';
export { JOIN_PATH, MATCHES_PATH, serveFleet } from './fleetRoutes';
export { AgonesLifecycle, CONFIG_KEY } from './agonesLifecycle';
export type { AgonesOptions } from './agonesLifecycle';
export { isPrivateAddress, rewriteHostCandidate, rewriteSdpCandidates } from './publicAddress';
