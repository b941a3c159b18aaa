import type { HudKill } from '../../../shared/controlLane';
import { teamColorName } from '../game/teamColors';

/** One line of the kill feed: a death the host reported in a `score` message. */
export interface FeedLine extends HudKill {
  /** Counter, unique within one feed (a React key). */
  key: number;
  /** Local time it arrived, performance.now() ms. */
  at: number;
}

/** Hands out the feed's keys. */
export interface FeedCounter {
  next: number;
}

export function feedLinesOf(kills: HudKill[], at: number, counter: FeedCounter): FeedLine[] {
  return kills.map((kill) => ({ ...kill, key: counter.next++, at }));
}

/** Who a unit is to this viewer: "You", a player's name, or an agent as its team and number. */
export function unitLabel(
  unitId: number,
  team: number,
  ownId: number | null,
  nameOf: (unitId: number) => string | null,
): string {
  if (unitId === ownId) return 'You';
  return nameOf(unitId) ?? `${teamColorName(team)} #${unitId}`;
}

/** The words of one line: [who, verb, whom] — "Ada eliminated Blue #41", "Red #7 was eliminated". */
export function feedWords(
  line: HudKill,
  ownId: number | null,
  nameOf: (unitId: number) => string | null,
): { killer: string | null; verb: string; victim: string } {
  const victim = unitLabel(line.victim, line.victimTeam, ownId, nameOf);
  if (line.killer === null || line.killerTeam === null)
    return {
      killer: null,
      verb: line.victim === ownId ? 'were eliminated' : 'was eliminated',
      victim,
    };
  return {
    killer: unitLabel(line.killer, line.killerTeam, ownId, nameOf),
    verb: 'eliminated',
    victim: line.victim === ownId ? 'you' : victim,
  };
}
