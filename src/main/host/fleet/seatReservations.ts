/**
 * Seat reservations across hosts: request/reply over Redis pub/sub. The host
 * a player stands on publishes a request on the owning host's channel; the
 * owner checks the match (there, full?), mints a one-use invite and answers
 * on the asker's reply channel. A request no one hears, or no answer within
 * the timeout, is a clear refusal, never a hang.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Redis } from 'ioredis';
import type { Logger } from '../server/index';
import type { FleetMetrics } from '../metrics/index';
import { HOST_ID_PATTERN, replyChannel, reserveChannel } from './directoryEntry';

export type ReservationRefusal =
  'full' | 'no_such_match' | 'timeout' | 'gone' | 'unavailable' | 'bad_request';

export type ReservationAnswer =
  | { ok: true; url: string; expiresAt: number }
  | { ok: false; reason: ReservationRefusal; message: string };

/** The owner's side: hands out a seat in one of its matches, or says why not. */
export type SeatGranter = (matchId: string) => Promise<ReservationAnswer>;

export interface ReservationOptions {
  /** The client that publishes (the directory's). */
  redis: Redis;
  hostId: string;
  grant: SeatGranter;
  /** How long an asker waits for the owner's answer, ms (default 3000). */
  timeoutMs?: number;
  logger: Logger;
  metrics: FleetMetrics;
}

const MAX_MESSAGE_BYTES = 2048;

const requestSchema = z
  .object({
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    matchId: z.string().min(1).max(64),
    replyTo: z.string().regex(HOST_ID_PATTERN),
  })
  .strict();

const replySchema = z.object({
  requestId: z.string().max(64),
  answer: z.union([
    z.object({ ok: z.literal(true), url: z.string().url().max(512), expiresAt: z.number() }),
    z.object({
      ok: z.literal(false),
      reason: z.enum(['full', 'no_such_match', 'timeout', 'gone', 'unavailable', 'bad_request']),
      message: z.string().max(300),
    }),
  ]),
});

export class SeatReservations {
  private readonly subscriber: Redis;
  private readonly waiting = new Map<string, (answer: ReservationAnswer) => void>();
  private readonly timeoutMs: number;

  constructor(private readonly options: ReservationOptions) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    // Subscribing needs a connection of its own; it queues until connected and resubscribes after an outage.
    this.subscriber = options.redis.duplicate({
      enableOfflineQueue: true,
      commandTimeout: undefined,
    });
    this.subscriber.on('error', () => {}); // the directory's client logs the outage once
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.onMessage(channel.toString(), message),
    );
    this.subscriber
      .subscribe(reserveChannel(options.hostId), replyChannel(options.hostId))
      .catch((error: Error) =>
        options.logger.warn({ err: error.message }, 'reservation channel not subscribed'),
      );
  }

  /** Asks host `hostId` for a seat in `matchId`; always settles within the timeout. */
  async reserve(hostId: string, matchId: string): Promise<ReservationAnswer> {
    const answer = await this.ask(hostId, matchId);
    this.options.metrics.reservation(answer.ok ? 'ok' : answer.reason);
    if (!answer.ok && answer.reason !== 'full' && answer.reason !== 'no_such_match')
      this.options.metrics.directoryTrouble('reservation_failed');
    return answer;
  }

  close(): void {
    for (const settle of this.waiting.values())
      settle(refusal('unavailable', 'this host is shutting down'));
    this.subscriber.disconnect();
  }

  private async ask(hostId: string, matchId: string): Promise<ReservationAnswer> {
    if (!HOST_ID_PATTERN.test(hostId) || matchId.length < 1 || matchId.length > 64)
      return refusal('bad_request', 'no such host or match');
    const requestId = randomBytes(12).toString('base64url');
    const answered = new Promise<ReservationAnswer>((resolve) => {
      const timer = setTimeout(
        () => settle(refusal('timeout', `host ${hostId} did not answer in time; try again`)),
        this.timeoutMs,
      );
      const settle = (answer: ReservationAnswer) => {
        clearTimeout(timer);
        this.waiting.delete(requestId);
        resolve(answer);
      };
      this.waiting.set(requestId, settle);
    });
    const request = JSON.stringify({ requestId, matchId, replyTo: this.options.hostId });
    try {
      const heard = await this.options.redis.publish(reserveChannel(hostId), request);
      if (heard === 0) {
        this.waiting.get(requestId)?.(
          refusal('gone', `host ${hostId} has left the fleet; pick another match`),
        );
      }
    } catch (error) {
      this.waiting.get(requestId)?.(
        refusal(
          'unavailable',
          `the directory cannot be reached now (${(error as Error).message}); try again`,
        ),
      );
    }
    return answered;
  }

  private onMessage(channel: string, message: Buffer): void {
    if (message.length > MAX_MESSAGE_BYTES) return;
    let json: unknown;
    try {
      json = JSON.parse(message.toString());
    } catch {
      return;
    }
    if (channel === replyChannel(this.options.hostId)) {
      const reply = replySchema.safeParse(json);
      if (reply.success) this.waiting.get(reply.data.requestId)?.(reply.data.answer);
      return;
    }
    const request = requestSchema.safeParse(json);
    if (!request.success) {
      this.options.logger.warn('malformed seat reservation request ignored');
      return;
    }
    void this.answer(request.data);
  }

  private async answer(request: z.output<typeof requestSchema>): Promise<void> {
    let answer: ReservationAnswer;
    try {
      answer = await this.options.grant(request.matchId);
    } catch (error) {
      answer = refusal(
        'unavailable',
        `the host could not reserve a seat: ${(error as Error).message}`,
      );
    }
    const reply = JSON.stringify({ requestId: request.requestId, answer });
    await this.options.redis.publish(replyChannel(request.replyTo), reply).catch(() => {
      // The asker times out with a clear message.
    });
  }
}

function refusal(reason: ReservationRefusal, message: string): ReservationAnswer {
  return { ok: false, reason, message };
}
