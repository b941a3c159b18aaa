import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, displayName } from './displayName';

describe('displayName', () => {
  it('keeps an ordinary name as typed', () => {
    expect(displayName('Ada Lovelace')).toBe('Ada Lovelace');
  });

  it('trims and makes runs of space one', () => {
    expect(displayName('  Ada \t  Lovelace  ')).toBe('Ada Lovelace');
  });

  it('drops control and format characters (newlines, bidi overrides, zero-width)', () => {
    expect(displayName('Ada\nLove\u0000lace')).toBe('Ada Love lace');
    expect(displayName('\u202Eeve\u200B')).toBe('eve');
  });

  it(`cuts at ${DISPLAY_NAME_MAX} characters, never inside an emoji`, () => {
    expect(displayName('x'.repeat(40))).toBe('x'.repeat(DISPLAY_NAME_MAX));
    const emoji = '🙂'.repeat(30);
    expect(displayName(emoji)).toBe('🙂'.repeat(DISPLAY_NAME_MAX));
    // A cut that lands after a space does not end the name with it.
    expect(displayName(`${'a'.repeat(23)} b`)).toBe('a'.repeat(23));
  });

  it('falls back when nothing is left', () => {
    expect(displayName('   ')).toBe('Player');
    expect(displayName('\u0007\u200B', 'Friend')).toBe('Friend');
  });
});
