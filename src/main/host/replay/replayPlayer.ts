/**
 * Plays a stored recording: decodes it (refusing a newer format, marking
 * where a damaged or cut-off one stops) and seeks to any tick by restoring
 * the nearest checkpoint at or before it and re-simulating the recorded
 * inputs from there, or by running on from where the last seek left the
 * world when that is nearer (playing forward costs one tick per frame).
 */
import { deserialize } from 'node:v8';
import { inflateSync } from 'node:zlib';
import {
  applyReplayEntry,
  stateHash,
  stepWorld,
  type ReplayEntry,
  type World,
} from '../../../../engine/index';
import type { StoredReplay } from '../persistence/replayStore';
import { serializeWorld } from './liveRecorder';
import { REPLAY_FORMAT, type BehaviorEvent } from './replayFormat';
import type { ReplayHeader } from './replayRecorder';

/** A recording that cannot be played (or not that far), in words for the user. */
export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

export interface DecodedReplay {
  matchId: number;
  header: ReplayHeader;
  /** Every input entry, in tick order. */
  entries: ReplayEntry[];
  behaviors: BehaviorEvent[];
  checkpoints: Array<{ tick: number; hash: string; data: Uint8Array }>;
  /** The last tick it plays to. */
  endTick: number;
  /** The state hash recorded at `endTick` (null when the recording did not end: host stopped, damage). */
  endHash: string | null;
  /** Why it stops before the match ended (cut off, damaged), or null when whole. */
  truncated: string | null;
}

/** Decodes `stored`; throws ReplayError when nothing of it can be played. */
export function decodeReplay(stored: StoredReplay): DecodedReplay {
  const id = stored.matchId;
  if (!Number.isInteger(stored.format) || stored.format > REPLAY_FORMAT)
    throw new ReplayError(
      `replay ${id} is format ${stored.format}, newer than this Arbiter plays (format ${REPLAY_FORMAT}); update Arbiter to open it`,
    );
  const header = stored.header as ReplayHeader;
  if (!header?.settings || !header.map) throw new ReplayError(`replay ${id} has no match settings`);
  const entries: ReplayEntry[] = [];
  const behaviors: BehaviorEvent[] = [];
  let reached = 0;
  let truncated: string | null = null;
  for (const chunk of stored.chunks) {
    if (chunk.fromTick !== reached) {
      truncated = `replay ${id} is cut off: the input from tick ${reached} is missing`;
      break;
    }
    let body: { entries: ReplayEntry[]; behaviors: BehaviorEvent[] };
    try {
      body = JSON.parse(inflateSync(chunk.data).toString('utf8'));
      if (!Array.isArray(body.entries) || !Array.isArray(body.behaviors)) throw new Error('shape');
    } catch {
      truncated = `replay ${id} is damaged: the input from tick ${reached} cannot be read`;
      break;
    }
    entries.push(...body.entries);
    behaviors.push(...body.behaviors);
    reached = chunk.toTick;
  }
  const checkpoints = stored.checkpoints.filter((c) => c.tick <= reached);
  if (checkpoints.length === 0 || checkpoints[0].tick !== 0)
    throw new ReplayError(`replay ${id} is damaged: its first checkpoint is missing`);
  const whole = truncated === null && stored.end !== null && stored.end.tick === reached;
  if (!whole && truncated === null && stored.end !== null && reached < stored.end.tick)
    truncated = `replay ${id} is cut off: the input from tick ${reached} is missing`;
  if (!whole && truncated === null)
    truncated = `replay ${id} stops at tick ${reached}: the match was still running, or the host stopped before it ended`;
  return {
    matchId: id,
    header,
    entries,
    behaviors,
    checkpoints,
    endTick: reached,
    endHash: whole ? stored.end!.hash : null,
    truncated,
  };
}

export class ReplayPlayer {
  private world: World | null = null;
  /** True once the entries at `world.tick` were applied (the end state): it cannot run on. */
  private sealed = false;

  constructor(readonly replay: DecodedReplay) {}

  /**
   * The world at `tick`: the state at the start of that tick, or at the end
   * tick the final state (its hash is the recorded one). The world is this
   * player's; the next seek changes it. Throws ReplayError outside 0..endTick.
   */
  seek(tick: number): World {
    const { endTick, matchId } = this.replay;
    if (!Number.isInteger(tick) || tick < 0 || tick > endTick)
      throw new ReplayError(
        `tick ${tick} is past the end of replay ${matchId}: it plays ticks 0 to ${endTick}`,
      );
    const checkpoint = this.checkpointAt(tick);
    let world = this.world;
    if (!world || this.sealed || world.tick > tick || world.tick < checkpoint.tick) {
      world = this.world = restoreWorld(checkpoint.data);
      this.sealed = false;
    }
    const entries = this.replay.entries;
    let next = firstEntryAt(entries, world.tick);
    while (world.tick < tick) {
      while (next < entries.length && entries[next].tick === world.tick)
        applyReplayEntry(world, entries[next++]);
      stepWorld(world);
    }
    if (tick === endTick) {
      while (next < entries.length && entries[next].tick === tick)
        applyReplayEntry(world, entries[next++]);
      this.sealed = true;
    }
    return world;
  }

  /** A copy of the world at `tick` the caller may run on freely. */
  copyAt(tick: number): World {
    const world = this.seek(tick);
    return deserialize(serializeWorld(world)) as World;
  }

  /** The state hash at `tick`. */
  hashAt(tick: number): string {
    return stateHash(this.seek(tick));
  }

  private checkpointAt(tick: number): { tick: number; data: Uint8Array } {
    const list = this.replay.checkpoints;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid].tick <= tick) lo = mid;
      else hi = mid - 1;
    }
    return list[lo];
  }
}

/** A world from a checkpoint's compressed bytes. */
export function restoreWorld(data: Uint8Array): World {
  const world = deserialize(inflateSync(data)) as World;
  world.log = null;
  return world;
}

/** Index of the first entry at or after `tick` (entries are in tick order). */
export function firstEntryAt(entries: readonly ReplayEntry[], tick: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].tick < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
