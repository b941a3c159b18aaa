/**
 * One dedicated host as a member of the fleet: it keeps its entry in the
 * Redis directory (itself and its match), lists every host's matches, and
 * answers other hosts' seat reservations with one-use invites of its own.
 */
import { randomBytes } from 'node:crypto';
import type { HostCore } from '../hostCore';
import type { Logger } from '../server/index';
import type { FleetMetrics } from '../metrics/index';
import { listMatches, type ListedMatch, type MatchEntry } from './directoryEntry';
import { RedisDirectory, type HostReport } from './redisDirectory';
import { SeatReservations, type ReservationAnswer } from './seatReservations';

export interface FleetNodeOptions {
  core: HostCore;
  /** redis://… */
  directoryUrl: string;
  hostId: string;
  /** The URL browsers reach this host at (its public address). */
  address: string;
  version: string;
  logger: Logger;
  metrics: FleetMetrics;
  /** Directory entry TTL and refresh period, ms. */
  ttlMs?: number;
  refreshMs?: number;
  /** How long an asker waits for a seat, ms. */
  reservationTimeoutMs?: number;
  /** How long a reserved seat (its one-use invite) stays valid, ms (default SEAT_TTL_MS). */
  seatTtlMs?: number;
}

/** How long a reserved seat stays valid by default: long enough to load a page and type a name. */
export const SEAT_TTL_MS = 60_000;

export class FleetNode {
  readonly directory: RedisDirectory;
  private readonly reservations: SeatReservations;
  private match: { id: string; startedAt: number } | null = null;
  /** Invite codes this host minted for reservations and that may still be held. */
  private readonly seats = new Set<string>();

  constructor(private options: FleetNodeOptions) {
    this.directory = new RedisDirectory({
      url: options.directoryUrl,
      hostId: options.hostId,
      ttlMs: options.ttlMs,
      refreshMs: options.refreshMs,
      logger: options.logger,
      metrics: options.metrics,
    });
    this.reservations = new SeatReservations({
      redis: this.directory.redis,
      hostId: options.hostId,
      grant: (matchId) => this.grant(matchId),
      timeoutMs: options.reservationTimeoutMs,
      logger: options.logger,
      metrics: options.metrics,
    });
  }

  get hostId(): string {
    return this.options.hostId;
  }

  /** The URL browsers reach this host at, as the directory lists it. */
  get address(): string {
    return this.options.address;
  }

  /** A new public address (Agones told it): written at the next refresh. */
  setAddress(address: string): void {
    this.options.address = address;
  }

  start(): void {
    this.directory.start(() => this.report());
  }

  /** Every open match of every host in the directory (this one included). */
  async list(): Promise<ListedMatch[]> {
    return listMatches(await this.directory.list());
  }

  /** Reserves a seat in `matchId` on `hostId` (this host or another). */
  reserve(hostId: string, matchId: string): Promise<ReservationAnswer> {
    if (hostId === this.options.hostId) return this.grant(matchId);
    return this.reservations.reserve(hostId, matchId);
  }

  /** What this host writes into the directory now. */
  report(): HostReport {
    const state = this.options.core.matchState();
    const counts = this.options.core.playerCounts();
    // A reserved seat counts as taken until its player arrives or it expires, so a
    // lobby never offers a seat that a reservation already holds.
    const players = counts.local + counts.friends + this.heldSeats();
    const limit = state.settings.config.playerLimit;
    if (!state.running) this.match = null;
    else this.match ??= { id: randomBytes(6).toString('base64url'), startedAt: Date.now() };
    const matches: MatchEntry[] = this.match
      ? [
          {
            id: this.match.id,
            config: state.settings.config.name,
            map: state.settings.config.map,
            players,
            limit,
            joinable: players < limit,
            startedAt: this.match.startedAt,
          },
        ]
      : [];
    return {
      address: this.options.address,
      version: this.options.version,
      capacity: limit,
      matches,
    };
  }

  /** Leaves the directory at once and stops answering reservations. */
  async stop(): Promise<void> {
    this.reservations.close();
    await this.directory.stop();
  }

  /** Seats reserved here and not yet taken (a used or expired invite frees its entry). */
  private heldSeats(): number {
    for (const code of this.seats) if (!this.options.core.seatHeld(code)) this.seats.delete(code);
    return this.seats.size;
  }

  private async grant(matchId: string): Promise<ReservationAnswer> {
    const entry = this.report().matches.find((match) => match.id === matchId);
    if (!entry)
      return { ok: false, reason: 'no_such_match', message: 'that match has ended; pick another' };
    // `players` already counts the seats held for others.
    if (!entry.joinable)
      return {
        ok: false,
        reason: 'full',
        message: 'that match is full; pick another or try again soon',
      };
    const seat = this.options.core.reserveSeat(this.options.seatTtlMs ?? SEAT_TTL_MS);
    this.seats.add(seat.code);
    return {
      ok: true,
      url: `${this.options.address}#invite=${seat.code}`,
      expiresAt: seat.expiresAt,
    };
  }
}
