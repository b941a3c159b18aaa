import { describe, expect, it } from 'vitest';
import { feedLinesOf, feedWords } from './killFeed';

const names = new Map([[7, 'Ada']]);
const nameOf = (unitId: number) => names.get(unitId) ?? null;

describe('the kill feed', () => {
  it('names the killer and the fallen: players by name, agents by team and number', () => {
    expect(
      feedWords({ victim: 41, victimTeam: 1, killer: 7, killerTeam: 0 }, null, nameOf),
    ).toEqual({ killer: 'Ada', verb: 'eliminated', victim: 'Blue #41' });
    expect(
      feedWords({ victim: 7, victimTeam: 0, killer: 41, killerTeam: 1 }, null, nameOf),
    ).toEqual({ killer: 'Blue #41', verb: 'eliminated', victim: 'Ada' });
  });

  it('speaks to the viewer about their own unit', () => {
    expect(feedWords({ victim: 7, victimTeam: 0, killer: 41, killerTeam: 1 }, 7, nameOf)).toEqual({
      killer: 'Blue #41',
      verb: 'eliminated',
      victim: 'you',
    });
    expect(
      feedWords({ victim: 41, victimTeam: 1, killer: 7, killerTeam: 0 }, 7, nameOf).killer,
    ).toBe('You');
    expect(
      feedWords({ victim: 7, victimTeam: 0, killer: null, killerTeam: null }, 7, nameOf),
    ).toEqual({ killer: null, verb: 'were eliminated', victim: 'You' });
  });

  it('gives each line its own key, in the order the host reported them', () => {
    const counter = { next: 0 };
    const kill = { victim: 1, victimTeam: 0, killer: null, killerTeam: null };
    const first = feedLinesOf([kill, { ...kill, victim: 2 }], 100, counter);
    const second = feedLinesOf([kill], 200, counter);
    expect([...first, ...second].map((line) => [line.key, line.victim, line.at])).toEqual([
      [0, 1, 100],
      [1, 2, 100],
      [2, 1, 200],
    ]);
  });
});
