/**
 * Invites: random, expiring, revocable codes with a use limit. A friend
 * presents one once to become a player; after that their session token
 * identifies them. Codes are 128 random bits, base64url.
 */
import { randomBytes } from 'node:crypto';

export interface InviteOptions {
  /** How long the invite stays usable, ms (default 24 h). */
  ttlMs?: number;
  /** How many players may join with it (default 8). */
  maxUses?: number;
  /** Whether players who join with it may edit behaviors. */
  canEditBehaviors?: boolean;
  /** A link a friend opens, or an offer code pasted by hand (one friend, no page). */
  kind?: InviteKind;
}

export type InviteKind = 'link' | 'code';

export interface Invite {
  code: string;
  createdAt: number;
  expiresAt: number;
  maxUses: number;
  uses: number;
  revoked: boolean;
  canEditBehaviors: boolean;
  kind: InviteKind;
}

export type InviteRejection = 'unknown' | 'expired' | 'revoked' | 'used_up';

export const INVITE_REJECTION_MESSAGES: Record<InviteRejection, string> = {
  unknown: 'this invite is not valid on this host',
  expired: 'this invite has expired; ask the host for a new one',
  revoked: 'the host revoked this invite',
  used_up: 'this invite has been used as often as the host allowed',
};

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_USES = 8;
const CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export class InviteBook {
  private readonly invites = new Map<string, Invite>();

  constructor(private readonly now: () => number = Date.now) {}

  create(options: InviteOptions = {}): Invite {
    const createdAt = this.now();
    const invite: Invite = {
      code: randomBytes(16).toString('base64url'),
      createdAt,
      expiresAt: createdAt + (options.ttlMs ?? DEFAULT_TTL_MS),
      maxUses: options.maxUses ?? DEFAULT_MAX_USES,
      uses: 0,
      revoked: false,
      canEditBehaviors: options.canEditBehaviors ?? false,
      kind: options.kind ?? 'link',
    };
    this.invites.set(invite.code, invite);
    return { ...invite };
  }

  /** Checks without using it up. */
  check(code: string): { ok: true; invite: Invite } | { ok: false; reason: InviteRejection } {
    if (!CODE_PATTERN.test(code)) return { ok: false, reason: 'unknown' };
    const invite = this.invites.get(code);
    if (!invite) return { ok: false, reason: 'unknown' };
    if (invite.revoked) return { ok: false, reason: 'revoked' };
    if (this.now() >= invite.expiresAt) return { ok: false, reason: 'expired' };
    if (invite.uses >= invite.maxUses) return { ok: false, reason: 'used_up' };
    return { ok: true, invite };
  }

  /** Counts one use when the invite is valid. */
  redeem(code: string): { ok: true; invite: Invite } | { ok: false; reason: InviteRejection } {
    const checked = this.check(code);
    if (checked.ok) checked.invite.uses++;
    return checked.ok ? { ok: true, invite: { ...checked.invite } } : checked;
  }

  /** True once the host revoked `code` (unknown codes are not revoked). */
  isRevoked(code: string): boolean {
    return this.invites.get(code)?.revoked === true;
  }

  revoke(code: string): boolean {
    const invite = this.invites.get(code);
    if (!invite || invite.revoked) return false;
    invite.revoked = true;
    return true;
  }

  list(): Invite[] {
    return [...this.invites.values()].map((invite) => ({ ...invite }));
  }
}
