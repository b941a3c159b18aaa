/**
 * One dedicated host as a member of the fleet: it keeps its entry in the
 * Redis directory (itself and its match), lists every host's matches, and
 * answers other hosts' seat reservations with one-use invites of its own.
 */
import { randomBytes } from 'node:crypto';
import type { HostCore, HostSession } from '../hostCore';
import type { Logger } from '../logger';
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
}

/** How long a reserved seat (its one-use invite) stays valid, minutes. */
export const SEAT_TTL_MINUTES = 1;

export class FleetNode {
  readonly directory: RedisDirectory;
  private readonly reservations: SeatReservations;
  private readonly session: HostSession;
  private match: { id: string; startedAt: number } | null = null;
  /** Invite codes this host minted for reservations. */
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
    // The fleet acts as the host would (minting invites) through the one host API.
    this.session = options.core.openSession(() => {});
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
    const players = counts.local + counts.friends;
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
    this.session.close();
    await this.directory.stop();
  }

  private async grant(matchId: string): Promise<ReservationAnswer> {
    const entry = this.report().matches.find((match) => match.id === matchId);
    if (!entry)
      return { ok: false, reason: 'no_such_match', message: 'that match has ended; pick another' };
    const { invites } = (await this.session.request('invite.list', {})) as {
      invites: Array<{ code: string; uses: number; revoked: boolean; expiresAt: number }>;
    };
    const now = Date.now();
    const live = new Set(
      invites
        .filter((invite) => invite.uses === 0 && !invite.revoked && invite.expiresAt > now)
        .map((invite) => invite.code),
    );
    // A seat is held until its invite is used or expires; forget the rest.
    for (const code of this.seats) if (!live.has(code)) this.seats.delete(code);
    const held = this.seats.size;
    if (entry.players + held >= entry.limit)
      return {
        ok: false,
        reason: 'full',
        message: 'that match is full; pick another or try again soon',
      };
    const invite = (await this.session.request('invite.create', {
      ttlMinutes: SEAT_TTL_MINUTES,
      maxUses: 1,
    })) as { code: string; expiresAt: number };
    this.seats.add(invite.code);
    return {
      ok: true,
      url: `${this.options.address}#invite=${invite.code}`,
      expiresAt: invite.expiresAt,
    };
  }
}
