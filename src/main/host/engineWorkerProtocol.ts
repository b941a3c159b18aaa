/**
 * Messages between the host core and the engine worker thread. The worker
 * owns the simulation; the host core only asks and listens.
 */
import type { ItemDefData } from '../../shared/gameConfig';
import type { MapDef, MatchSettings, ScoreboardData } from '../../shared/hostApi';

export type WorkerCommand =
  | { type: 'start'; map: MapDef; settings: MatchSettings; items: ItemDefData[] }
  | { type: 'stop' }
  | { type: 'setAgentCount'; count: number }
  | { type: 'shutdown' };

/** One simulated tick's view of every entity; arrays are transferred, not copied. */
export interface WorkerFrame {
  type: 'frame';
  tick: number;
  /** Simulation time, ms since the match started. */
  timeMs: number;
  ids: Uint32Array;
  kinds: Uint8Array;
  teams: Uint8Array;
  /** x0, y0, x1, y1, … in world units. */
  xy: Float32Array;
  /** Facing, radians. */
  aim: Float32Array;
  /** HP as a fraction of max HP, 0..1 (0 for projectiles and items). */
  hp: Float32Array;
  alive: Uint8Array;
  /** Unit radius, world units. */
  radius: number;
}

export interface WorkerStats {
  type: 'stats';
  tick: number;
  tickRate: number;
  measuredTickRate: number;
  entityCount: number;
  msPerTick: number;
  /** 99th percentile of the ms one tick took, over the recent window. */
  p99MsPerTick: number;
  stateHash: string;
}

export type WorkerEvent =
  | WorkerFrame
  | WorkerStats
  | { type: 'scoreboard'; scoreboard: ScoreboardData }
  | { type: 'started'; tick: number }
  | { type: 'stopped'; tick: number }
  | { type: 'error'; message: string };
