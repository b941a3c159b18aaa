import type { WorldFrame } from '../../../shared/hostApi';
import {
  clearInterpolator,
  createInterpolator,
  pushFrame,
  sampleFrame,
  type Interpolator,
} from '../../../../engine/index';
import { createSimClock, observeFrame, renderTimeAt, type SimClock } from './simClock';

/**
 * World frames as they arrive, and the positions to draw at any local time.
 * Team and radius come from the newest frames: teams of an entity that left
 * the newest frame are still known from the one before, while it is drawn
 * from the interpolation buffer.
 */
export interface WorldStream {
  interpolator: Interpolator;
  clock: SimClock;
  /** Filled by sampleWorld: ids[i] is at (xy[2i], xy[2i+1]) in world units. */
  ids: Uint32Array;
  xy: Float32Array;
  /** Entities in ids/xy after the last sampleWorld. */
  count: number;
  /** Entity radius in world units, from the newest frame. */
  radius: number;
  teams: Map<number, number>;
  previousTeams: Map<number, number>;
  /** Largest entity count of any buffered frame: the output arrays hold at least this many. */
  capacity: number;
}

const INITIAL_CAPACITY = 1024;

export function createWorldStream(): WorldStream {
  return {
    interpolator: createInterpolator(),
    clock: createSimClock(),
    ids: new Uint32Array(INITIAL_CAPACITY),
    xy: new Float32Array(INITIAL_CAPACITY * 2),
    count: 0,
    radius: 1,
    teams: new Map(),
    previousTeams: new Map(),
    capacity: INITIAL_CAPACITY,
  };
}

/** Buffers one frame received at local time localNowMs (performance.now()). */
export function pushWorldFrame(stream: WorldStream, frame: WorldFrame, localNowMs: number): void {
  if (observeFrame(stream.clock, frame.timeMs, localNowMs)) {
    // A restarted match counts time from 0 again; older frames would be sampled as the future.
    clearInterpolator(stream.interpolator);
  }
  pushFrame(stream.interpolator, frame.timeMs, frame.ids, frame.xy);
  growOutput(stream, frame.ids.length);
  stream.radius = frame.radius;
  const recycled = stream.previousTeams;
  recycled.clear();
  stream.previousTeams = stream.teams;
  stream.teams = recycled;
  for (let i = 0; i < frame.ids.length; i++) recycled.set(frame.ids[i], frame.teams[i] ?? 0);
}

/** Interpolates positions for local time localNowMs into stream.ids/xy; returns the count. */
export function sampleWorld(stream: WorldStream, localNowMs: number): number {
  const renderTime = renderTimeAt(stream.clock, localNowMs);
  stream.count = Number.isNaN(renderTime)
    ? 0
    : sampleFrame(stream.interpolator, renderTime, stream.ids, stream.xy);
  return stream.count;
}

/** Team of an entity drawn from the buffer; 0 when no recent frame named it. */
export function teamOf(stream: WorldStream, id: number): number {
  return stream.teams.get(id) ?? stream.previousTeams.get(id) ?? 0;
}

function growOutput(stream: WorldStream, entities: number): void {
  if (entities <= stream.capacity) return;
  // Grow geometrically so a rising agent count does not reallocate every frame.
  stream.capacity = Math.max(entities, Math.ceil(stream.capacity * 1.5));
  const ids = new Uint32Array(stream.capacity);
  const xy = new Float32Array(stream.capacity * 2);
  // Keep what was drawn last readable (the test hook reads it between frames).
  ids.set(stream.ids);
  xy.set(stream.xy);
  stream.ids = ids;
  stream.xy = xy;
}
