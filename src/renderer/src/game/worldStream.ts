import type { WorldFrame } from '../../../shared/hostApi';
import {
  clearInterpolator,
  createInterpolator,
  KIND_AGENT,
  pushFrame,
  sampleFrame,
  type Interpolator,
} from '../../../../engine/index';
import { createSimClock, observeFrame, renderTimeAt, type SimClock } from './simClock';

/**
 * World frames as they arrive, and what to draw at any local time:
 * positions are interpolated; kind, team, HP and alive come from the newest
 * frame that names the entity (the one before it, for an entity that has
 * just left and is still being drawn from the interpolation buffer).
 */
export interface WorldStream {
  interpolator: Interpolator;
  clock: SimClock;
  /** Filled by sampleWorld: ids[i] is at (xy[2i], xy[2i+1]) in world units… */
  ids: Uint32Array;
  xy: Float32Array;
  /** …with these attributes (hp is 0..100). */
  kinds: Uint8Array;
  teams: Uint8Array;
  hp: Uint8Array;
  alive: Uint8Array;
  /** Entities in the arrays after the last sampleWorld. */
  count: number;
  /** Unit radius in world units, from the newest frame. */
  radius: number;
  latest: WorldFrame | null;
  latestIndex: Map<number, number>;
  previous: WorldFrame | null;
  previousIndex: Map<number, number>;
  /** Largest entity count of any buffered frame: the output arrays hold at least this many. */
  capacity: number;
  /** The viewer's own avatar, drawn where prediction puts it rather than interpolated. */
  ownId: number | null;
  ownPosition: (() => { x: number; y: number } | null) | null;
}

const INITIAL_CAPACITY = 1024;

export function createWorldStream(): WorldStream {
  return {
    interpolator: createInterpolator(),
    clock: createSimClock(),
    ids: new Uint32Array(INITIAL_CAPACITY),
    xy: new Float32Array(INITIAL_CAPACITY * 2),
    kinds: new Uint8Array(INITIAL_CAPACITY),
    teams: new Uint8Array(INITIAL_CAPACITY),
    hp: new Uint8Array(INITIAL_CAPACITY),
    alive: new Uint8Array(INITIAL_CAPACITY),
    count: 0,
    radius: 1,
    latest: null,
    latestIndex: new Map(),
    previous: null,
    previousIndex: new Map(),
    capacity: INITIAL_CAPACITY,
    ownId: null,
    ownPosition: null,
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
  const recycled = stream.previousIndex;
  recycled.clear();
  stream.previous = stream.latest;
  stream.previousIndex = stream.latestIndex;
  stream.latest = frame;
  stream.latestIndex = recycled;
  for (let i = 0; i < frame.ids.length; i++) recycled.set(frame.ids[i], i);
}

/** Interpolates positions for local time localNowMs into the stream's arrays; returns the count. */
export function sampleWorld(stream: WorldStream, localNowMs: number): number {
  const renderTime = renderTimeAt(stream.clock, localNowMs);
  const count = Number.isNaN(renderTime)
    ? 0
    : sampleFrame(stream.interpolator, renderTime, stream.ids, stream.xy);
  stream.count = count;
  const own = stream.ownId !== null && stream.ownPosition ? stream.ownPosition() : null;
  for (let i = 0; i < count; i++) {
    fillAttributes(stream, i);
    if (own && stream.ids[i] === stream.ownId) {
      stream.xy[2 * i] = own.x;
      stream.xy[2 * i + 1] = own.y;
    }
  }
  return count;
}

function fillAttributes(stream: WorldStream, i: number): void {
  const id = stream.ids[i];
  let frame = stream.latest;
  let index = stream.latestIndex.get(id);
  if (index === undefined) {
    frame = stream.previous;
    index = stream.previousIndex.get(id);
  }
  if (!frame || index === undefined) {
    stream.kinds[i] = KIND_AGENT;
    stream.teams[i] = 0;
    stream.hp[i] = 100;
    stream.alive[i] = 1;
    return;
  }
  stream.kinds[i] = frame.kinds[index] ?? KIND_AGENT;
  stream.teams[i] = frame.teams[index] ?? 0;
  stream.hp[i] = frame.hp[index] ?? 100;
  stream.alive[i] = frame.alive[index] ?? 1;
}

function growOutput(stream: WorldStream, entities: number): void {
  if (entities <= stream.capacity) return;
  // Grow geometrically so a rising entity count does not reallocate every frame.
  stream.capacity = Math.max(entities, Math.ceil(stream.capacity * 1.5));
  const grow = <T extends Uint8Array | Uint32Array | Float32Array>(old: T, next: T): T => {
    // Keep what was drawn last readable (the test hook reads it between frames).
    next.set(old);
    return next;
  };
  stream.ids = grow(stream.ids, new Uint32Array(stream.capacity));
  stream.xy = grow(stream.xy, new Float32Array(stream.capacity * 2));
  stream.kinds = grow(stream.kinds, new Uint8Array(stream.capacity));
  stream.teams = grow(stream.teams, new Uint8Array(stream.capacity));
  stream.hp = grow(stream.hp, new Uint8Array(stream.capacity));
  stream.alive = grow(stream.alive, new Uint8Array(stream.capacity));
}
