/**
 * Copy-paste joins, for a host whose port friends cannot reach. The host
 * makes an offer code: a WebRTC offer with every local candidate gathered
 * (nothing can trickle later) under a single-use invite. The friend's app
 * answers it with an answer code; the host pastes that here, and once the
 * data channels open the friend joins like any other — without ever
 * touching the host's HTTP port.
 *
 * Each offer is one connection waiting for one answer: it expires with its
 * invite (and its connection is closed then), and an answer used once is
 * refused the second time.
 */
import {
  CodeError,
  decodeAnswerCode,
  encodeOfferCode,
  hasCandidate,
} from '../../../shared/connectCodes';
import { INVITE_REJECTION_MESSAGES, type InviteBook } from './invites';
import type { PlayerLink } from './playerLink';
import { createHostPeer, type PendingPeer, type WebRtcConfig } from './playerLink.webrtc';

export interface CodeOffersOptions {
  invites: InviteBook;
  rtc: WebRtcConfig;
  /**
   * Joins a friend whose link just opened, as the player `session` names
   * when given (back within the grace period: the same avatar); resolves
   * to their player id.
   */
  join(name: string, link: PlayerLink, session?: string): Promise<number>;
  /** How long gathering local candidates may take, ms (default 10 s). */
  gatherTimeoutMs?: number;
  /** How long WebRTC may take to connect once the answer is in, ms (default 15 s). */
  connectTimeoutMs?: number;
}

export interface OfferCode {
  code: string;
  /** The single-use invite it stands for. */
  inviteCode: string;
  expiresAt: number;
}

/** Why a pasted answer was refused, in words for the host. */
export class AnswerRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnswerRefused';
  }
}

const DEFAULT_TTL_MS = 10 * 60_000;

export class CodeOffers {
  private readonly waiting = new Map<string, { peer: PendingPeer; timer: NodeJS.Timeout }>();

  constructor(private readonly options: CodeOffersOptions) {}

  /** Makes an offer code; resolves once every local candidate is in it. */
  async create(ttlMs = DEFAULT_TTL_MS): Promise<OfferCode> {
    const { invites, rtc } = this.options;
    const invite = invites.create({ ttlMs, maxUses: 1, kind: 'code' });
    const peer = createHostPeer(
      {
        ...rtc,
        answerTimeoutMs: ttlMs,
        connectTimeoutMs: this.options.connectTimeoutMs ?? 15_000,
      },
      () => {}, // nothing trickles: the code carries the candidates
      `code-${invite.code.slice(0, 6)}`,
    );
    try {
      await withTimeout(peer.gathered, this.options.gatherTimeoutMs ?? 10_000);
    } catch {
      // A slow STUN/TURN server: what was gathered may still do.
    }
    const sdp = peer.localSdp();
    if (!sdp || !hasCandidate(sdp)) {
      peer.close();
      invites.revoke(invite.code);
      throw new Error(
        'this host found no network address to offer (check --ice-server and --udp-ports)',
      );
    }
    const timer = setTimeout(() => this.drop(invite.code), ttlMs);
    timer.unref();
    this.waiting.set(invite.code, { peer, timer });
    peer.link.catch(() => this.drop(invite.code));
    return {
      code: await encodeOfferCode({
        id: invite.code,
        sdp,
        expiresAt: invite.expiresAt,
        stun: rtc.iceServers.filter((url) => /^stuns?:[^\s@]+$/.test(url)),
      }),
      inviteCode: invite.code,
      expiresAt: invite.expiresAt,
    };
  }

  /**
   * Takes a friend's answer code; resolves with the player id once they are
   * connected and joined. Refuses malformed, unknown, expired, revoked and
   * reused codes with an AnswerRefused saying which.
   */
  async accept(answerCode: string): Promise<{ playerId: number; name: string }> {
    let answer;
    try {
      answer = await decodeAnswerCode(answerCode);
    } catch (error) {
      if (error instanceof CodeError) throw new AnswerRefused(error.reason, error.message);
      throw error;
    }
    const checked = this.options.invites.check(answer.id);
    const entry = this.waiting.get(answer.id);
    if (!checked.ok || !entry) {
      const reason = checked.ok ? 'expired' : checked.reason;
      throw new AnswerRefused(reason, answerRefusal(reason));
    }
    if (!entry.peer.acceptSignal({ type: 'answer', sdp: answer.sdp })) {
      throw new AnswerRefused(
        'bad_answer',
        'the connection details in that answer code could not be used; ask your friend for a new one',
      );
    }
    this.options.invites.redeem(answer.id);
    this.waiting.delete(answer.id);
    clearTimeout(entry.timer);
    let link: PlayerLink;
    try {
      link = await entry.peer.link;
    } catch (error) {
      throw new AnswerRefused(
        'not_connected',
        `your friend's app could not connect to this host (${(error as Error).message}); ` +
          'a STUN or TURN server may help (see --ice-server)',
      );
    }
    return {
      playerId: await this.options.join(answer.name, link, answer.session),
      name: answer.name,
    };
  }

  /** Closes every waiting offer (host shutdown). */
  close(): void {
    for (const id of [...this.waiting.keys()]) this.drop(id);
  }

  private drop(id: string): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    clearTimeout(entry.timer);
    entry.peer.close();
  }
}

function answerRefusal(reason: string): string {
  switch (reason) {
    case 'used_up':
      return 'that answer was already used: each offer code connects one friend; make a new offer code';
    case 'expired':
      return 'the offer code this answers has expired; make a new offer code and send it again';
    case 'revoked':
      return INVITE_REJECTION_MESSAGES.revoked;
    default:
      return 'that answer code is for an offer this host did not make (or made before it restarted)';
  }
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref?.();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
