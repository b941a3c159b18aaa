/**
 * Messages between the host core and the replay worker, the thread where
 * replays are decoded, seeked and re-run, so neither the page nor the
 * engine's tick waits on them.
 */
import type { MapDef } from '../../../shared/hostApi';
import type { StoredReplay } from '../persistence/replayStore';
import type { WhatIfResult, WhatIfVersion } from './whatIf';

export type ReplayCommand =
  /** Decodes a stored replay and keeps it open; replies with a ReplayInfo. */
  | { type: 'open'; requestId: number; stored: StoredReplay }
  /** Replies with a ReplayFrame of open replay `matchId` at `tick`. */
  | { type: 'seek'; requestId: number; matchId: number; tick: number }
  /** Replies with a WhatIfResult. */
  | {
      type: 'whatIf';
      requestId: number;
      matchId: number;
      fromTick: number;
      ticks: number;
      version: WhatIfVersion;
    };

export interface ReplayInfo {
  matchId: number;
  tickRate: number;
  endTick: number;
  /** The state hash recorded when the match ended (null when it did not end recorded). */
  endHash: string | null;
  truncated: string | null;
  agents: number;
  /** Behavior versions loaded during the match, by tick. */
  behaviors: Array<{ tick: number; behaviorId: string; version: number }>;
  checkpoints: number;
  map: MapDef;
}

/** The world at one tick of a replay: the live view's arrays, the hash and team scores. */
export interface ReplayFrame {
  tick: number;
  hash: string;
  ids: number[];
  kinds: number[];
  teams: number[];
  xy: number[];
  hp: number[];
  alive: number[];
  radius: number;
  teamScores: Array<{ team: number; kills: number; deaths: number; damage: number }>;
  /** Time the seek took in the worker, ms. */
  seekMs: number;
}

export type ReplayReply =
  | { type: 'reply'; requestId: number; ok: true; value: ReplayInfo | ReplayFrame | WhatIfResult }
  | { type: 'reply'; requestId: number; ok: false; message: string };
