import { describe, expect, it } from 'vitest';
import { encodeHostControl, parseHostControl, type HostControl } from './controlLane';

const messages: HostControl[] = [
  {
    t: 'welcome',
    session: 'abcdefghijklmnopqrstuv',
    playerId: 3,
    unitId: 41,
    team: 1,
    tickRate: 20,
    map: null,
    resumed: false,
  },
  { t: 'rejected', reason: 'join_refused', message: 'the match is full' },
  { t: 'reset', unitId: null, tickRate: 30, map: null },
  { t: 'bye', reason: 'kicked' },
];

describe('control lane messages', () => {
  for (const message of messages) {
    it(`round-trips ${message.t}`, () => {
      expect(parseHostControl(encodeHostControl(message))).toEqual({ ok: true, message });
    });
  }

  it('reads a goodbye whose reason says "reset" as a goodbye (no text matching)', () => {
    const parsed = parseHostControl(encodeHostControl({ t: 'bye', reason: 'reset by "reset"' }));
    expect(parsed.ok && parsed.message.t).toBe('bye');
  });

  it('refuses malformed messages with a reason', () => {
    for (const text of [
      'not json',
      '"reset"',
      '{"t":"reset"}',
      '{"t":"reset","unitId":"x","tickRate":20,"map":null}',
      '{"t":"bye"}',
      '{"t":"chat","text":"bye"}',
    ]) {
      const parsed = parseHostControl(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error.length, text).toBeGreaterThan(0);
    }
  });
});
