import {
  FLAG_ALIVE,
  KIND_AGENT,
  KIND_AVATAR,
  type DecodedSnapshot,
} from '../../../../engine/index';

/** One line of the kill feed. */
export interface FeedLine {
  /** Counter, unique within one feed (a React key). */
  key: number;
  unitId: number;
  team: number;
  avatar: boolean;
  /** Local time it happened, performance.now() ms. */
  at: number;
}

/**
 * Follows which units are alive from snapshot to snapshot and reports each
 * one that falls (alive in the snapshot before, dead in this one). A unit
 * seen for the first time, or one that left the view, reports nothing.
 */
export interface DeathWatch {
  alive: Map<number, boolean>;
  next: number;
}

export function createDeathWatch(): DeathWatch {
  return { alive: new Map(), next: 0 };
}

/** The units that died between the previous snapshot and `snapshot`. */
export function watchDeaths(watch: DeathWatch, snapshot: DecodedSnapshot, now: number): FeedLine[] {
  const { entities } = snapshot;
  const fallen: FeedLine[] = [];
  for (let i = 0; i < entities.count; i++) {
    if (entities.kind[i] > KIND_AGENT) continue;
    const id = entities.id[i];
    const alive = (entities.flags[i] & FLAG_ALIVE) !== 0;
    if (watch.alive.get(id) === true && !alive)
      fallen.push({
        key: watch.next++,
        unitId: id,
        team: entities.team[i],
        avatar: entities.kind[i] === KIND_AVATAR,
        at: now,
      });
    watch.alive.set(id, alive);
  }
  return fallen;
}
