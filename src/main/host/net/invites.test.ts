import { describe, expect, it } from 'vitest';
import { InviteBook } from './invites';

describe('InviteBook', () => {
  it('makes unguessable codes that can be redeemed up to their limit', () => {
    const book = new InviteBook(() => 1000);
    const invite = book.create({ maxUses: 2 });
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(book.create().code).not.toBe(invite.code);
    expect(book.redeem(invite.code).ok).toBe(true);
    expect(book.redeem(invite.code).ok).toBe(true);
    expect(book.redeem(invite.code)).toEqual({ ok: false, reason: 'used_up' });
  });

  it('expires', () => {
    let now = 0;
    const book = new InviteBook(() => now);
    const invite = book.create({ ttlMs: 60_000 });
    now = 59_999;
    expect(book.check(invite.code).ok).toBe(true);
    now = 60_000;
    expect(book.redeem(invite.code)).toEqual({ ok: false, reason: 'expired' });
  });

  it('can be revoked', () => {
    const book = new InviteBook();
    const invite = book.create();
    expect(book.revoke(invite.code)).toBe(true);
    expect(book.redeem(invite.code)).toEqual({ ok: false, reason: 'revoked' });
    expect(book.revoke(invite.code)).toBe(false);
  });

  it('rejects unknown and malformed codes without throwing', () => {
    const book = new InviteBook();
    for (const code of ['', 'x', 'A'.repeat(22), '../../etc/passwd', 'A'.repeat(10_000)]) {
      expect(book.redeem(code)).toEqual({ ok: false, reason: 'unknown' });
    }
  });
});
