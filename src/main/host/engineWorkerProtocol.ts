/**
 * Messages between the host core and the engine worker thread. The worker
 * owns the simulation; the host core only asks and listens.
 */
import type { MapDef, MatchSettings } from '../../shared/hostApi';

export type WorkerCommand =
  | { type: 'start'; map: MapDef; settings: MatchSettings }
  | { type: 'stop' }
  | { type: 'setAgentCount'; count: number }
  | { type: 'shutdown' };

/** One simulated tick's positions; arrays are transferred, not copied. */
export interface WorkerFrame {
  type: 'frame';
  tick: number;
  /** Simulation time, ms since the match started. */
  timeMs: number;
  ids: Uint32Array;
  /** x0, y0, x1, y1, … in world units. */
  xy: Float32Array;
  teams: Uint8Array;
  radius: number;
}

export interface WorkerStats {
  type: 'stats';
  tick: number;
  tickRate: number;
  measuredTickRate: number;
  entityCount: number;
  msPerTick: number;
  stateHash: string;
}

export type WorkerEvent =
  | WorkerFrame
  | WorkerStats
  | { type: 'started'; tick: number }
  | { type: 'stopped'; tick: number }
  | { type: 'error'; message: string };
