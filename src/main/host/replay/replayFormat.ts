/**
 * What a match recording is made of, shared by the engine worker that
 * records it, the store that keeps it and the replay worker that plays it.
 *
 * A recording is the match's settings (seed, config, map, items), its input
 * log in chunks of CHECKPOINT_TICKS ticks (the engine's ReplayEntry: commands,
 * players, bot count, behavior slots, the intents behaviors decided), the
 * behavior versions loaded and assignments made by tick, a checkpoint (the
 * whole world, v8-serialized, with its state hash) every CHECKPOINT_TICKS
 * ticks, and the final tick and state hash once it ended.
 */
import type { ReplayEntry } from '../../../../engine/index';
import type { BehaviorLanguage } from '../behaviors/sandbox/index';

/** The recording layout this program writes; a replay with a higher one is refused. */
export const REPLAY_FORMAT = 1;

/**
 * Ticks between checkpoints (5 s at 20 Hz): a seek re-simulates at most this
 * many ticks, about 140 ms for 200 agents on a loaded machine.
 */
export const CHECKPOINT_TICKS = 100;

/** A behavior change during the match, by tick: a version loaded, or an assignment. */
export type BehaviorEvent =
  | {
      tick: number;
      op: 'load';
      behaviorId: string;
      version: number;
      author: string;
      source: string;
      language?: BehaviorLanguage;
    }
  | {
      tick: number;
      op: 'assign';
      target: { team?: number; agentId?: number };
      behaviorId: string | null;
    };

/** Posted by the engine worker while it records match number `serial` (one per start). */
export type RecordingEvent =
  /** Every entry with fromTick <= tick < toTick (the last chunk also holds those at toTick). */
  | {
      type: 'recording';
      serial: number;
      kind: 'chunk';
      fromTick: number;
      toTick: number;
      entries: ReplayEntry[];
      behaviors: BehaviorEvent[];
    }
  /** The world at the start of `tick`, before that tick's entries. */
  | {
      type: 'recording';
      serial: number;
      kind: 'checkpoint';
      tick: number;
      hash: string;
      state: Uint8Array;
    }
  /** The recording ended (the match stopped or was replaced) at `tick` with `hash`. */
  | { type: 'recording'; serial: number; kind: 'end'; tick: number; hash: string };
