import { describe, expect, it } from 'vitest';
import {
  encodeHostControl,
  MAX_SAYS,
  SAY_TEXT_MAX,
  parseHostControl,
  sayText,
  type HostControl,
  type ScoreMessage,
} from './controlLane';

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
  {
    t: 'players',
    players: [
      { id: 1, name: 'Host', team: 0, unitId: 7 },
      { id: 3, name: 'Ada Lovelace', team: 1, unitId: null },
    ],
  },
  {
    t: 'score',
    board: {
      tick: 400,
      phase: 'ended',
      ticksLeft: 0,
      secondsLeft: 0,
      winner: 1,
      teams: [
        {
          team: 0,
          name: 'Red',
          kills: 2,
          deaths: 5,
          damage: 310,
          captures: 0,
          players: 1,
          bots: 4,
        },
      ],
      entities: [
        {
          id: 7,
          kind: 'avatar',
          team: 0,
          kills: 2,
          deaths: 1,
          damage: 120.5,
          captures: 0,
          alive: false,
          killedBy: 41,
        },
      ],
    },
    kills: [{ victim: 7, victimTeam: 0, killer: 41, killerTeam: 1 }],
  },
  {
    t: 'say',
    says: [
      { unitId: 12, text: 'attack' },
      { unitId: 13, text: 'enemy spotted' },
    ],
  },
];

/** A valid score message with one part replaced. */
const scoreWith = (patch: (score: ScoreMessage) => void): string => {
  const score = structuredClone(messages.find((m) => m.t === 'score')!) as ScoreMessage;
  patch(score);
  return JSON.stringify(score);
};

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
      '{"t":"players"}',
      '{"t":"players","players":[{"id":3,"name":"Ada","team":1}]}',
      // Names not in the one display form: a newline, surrounding space, too long, empty.
      '{"t":"players","players":[{"id":3,"name":"Ada\\nB","team":1,"unitId":4}]}',
      '{"t":"players","players":[{"id":3,"name":" Ada","team":1,"unitId":4}]}',
      `{"t":"players","players":[{"id":3,"name":"${'x'.repeat(25)}","team":1,"unitId":4}]}`,
      '{"t":"players","players":[{"id":3,"name":"","team":1,"unitId":4}]}',
      '{"t":"players","players":[{"id":0,"name":"Ada","team":1,"unitId":4}]}',
      JSON.stringify({
        t: 'players',
        players: Array.from({ length: 65 }, (_, k) => ({
          id: k + 1,
          name: 'A',
          team: 0,
          unitId: k,
        })),
      }),
      scoreWith((score) => Reflect.deleteProperty(score, 'board')),
      scoreWith((score) => Object.assign(score.board, { phase: 'paused' })),
      scoreWith((score) => (score.board.teams[0].kills = -1)),
      scoreWith((score) => (score.board.teams[0].team = 99)),
      scoreWith((score) => (score.board.secondsLeft = -3)),
      scoreWith((score) => Object.assign(score.board.entities[0], { kind: 'tree' })),
      scoreWith((score) => Object.assign(score.kills[0], { victim: 'Ada' })),
      scoreWith((score) => (score.kills = Array.from({ length: 33 }, () => score.kills[0]))),
      // Says: none, too many, too long, markup-free but with a line break or a bidi override.
      '{"t":"say","says":[]}',
      JSON.stringify({
        t: 'say',
        says: Array.from({ length: MAX_SAYS + 1 }, (_, k) => ({ unitId: k, text: 'hi' })),
      }),
      JSON.stringify({ t: 'say', says: [{ unitId: 1, text: 'x'.repeat(SAY_TEXT_MAX + 1) }] }),
      '{"t":"say","says":[{"unitId":1,"text":"a\\nb"}]}',
      '{"t":"say","says":[{"unitId":1,"text":"\\u202egg"}]}',
      '{"t":"say","says":[{"unitId":-1,"text":"gg"}]}',
      '{"t":"say","says":[{"unitId":1,"text":""}]}',
    ]) {
      const parsed = parseHostControl(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error.length, text).toBeGreaterThan(0);
    }
  });
});

describe('sayText', () => {
  it('keeps a phrase as it is', () => {
    expect(sayText('enemy spotted')).toBe('enemy spotted');
  });

  it('cuts long text to SAY_TEXT_MAX without splitting a surrogate pair', () => {
    expect(sayText('x'.repeat(500))).toBe('x'.repeat(SAY_TEXT_MAX));
    const cut = sayText('x'.repeat(SAY_TEXT_MAX - 1) + '😀😀');
    expect(cut).toBe('x'.repeat(SAY_TEXT_MAX - 1));
  });

  it('turns line breaks, control and bidi characters into single spaces', () => {
    expect(sayText(' a\n\tb\u0000c\u202ed  ')).toBe('a b c d');
    expect(sayText('\u0007\n')).toBe('');
  });
});
