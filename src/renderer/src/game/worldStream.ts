import {
  clearInterpolator,
  createInterpolator,
  DEFAULT_AGENT_RADIUS,
  FLAG_ALIVE,
  KIND_AGENT,
  pushFrame,
  sampleFrame,
  type DecodedSnapshot,
  type Interpolator,
  type NetEntities,
} from '../../../../engine/index';
import { createSimClock, observeFrame, renderTimeAt, type SimClock } from './simClock';

/**
 * What one snapshot said of each entity besides its position: kind, team,
 * HP and flags by id. Copied from the decoded snapshot, whose arrays the
 * decoder refills with the next one.
 */
interface Attributes {
  index: Map<number, number>;
  kind: Uint8Array;
  team: Uint8Array;
  /** HP as a fraction of max HP, 0..1. */
  hp: Float32Array;
  flags: Uint8Array;
  /** Facing, radians. */
  angle: Float32Array;
}

/**
 * Decoded snapshots as they arrive, and what to draw at any local time:
 * positions are interpolated; kind, team, HP and alive come from the newest
 * snapshot that names the entity (the one before it, for an entity that has
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
  /** Facing of each, radians. */
  angles: Float32Array;
  /** Entities in the arrays after the last sampleWorld. */
  count: number;
  /** Unit radius in world units. */
  radius: number;
  latest: Attributes;
  previous: Attributes;
  /** Positions of the snapshot being pushed, interleaved as the interpolator takes them. */
  scratchXy: Float64Array;
  /** Largest entity count of any snapshot: the output arrays hold at least this many. */
  capacity: number;
  /** The viewer's own avatar, drawn where prediction puts it rather than interpolated. */
  ownId: number | null;
  ownPosition: (() => { x: number; y: number } | null) | null;
  /** Local time (performance.now() ms) a unit last lost HP, by id; pruned as flashes end. */
  hitAt: Map<number, number>;
}

/** What pushSnapshot reads of a decoded snapshot (a copy of it is all the arena worker gets). */
export interface StreamSnapshot {
  tick: DecodedSnapshot['tick'];
  entities: StreamEntities;
}
export type StreamEntities = Pick<
  NetEntities,
  'count' | 'id' | 'x' | 'y' | 'kind' | 'team' | 'hp' | 'flags' | 'angle'
>;

const INITIAL_CAPACITY = 1024;

function createAttributes(capacity: number): Attributes {
  return {
    index: new Map(),
    kind: new Uint8Array(capacity),
    team: new Uint8Array(capacity),
    hp: new Float32Array(capacity),
    flags: new Uint8Array(capacity),
    angle: new Float32Array(capacity),
  };
}

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
    angles: new Float32Array(INITIAL_CAPACITY),
    count: 0,
    radius: DEFAULT_AGENT_RADIUS,
    latest: createAttributes(INITIAL_CAPACITY),
    previous: createAttributes(INITIAL_CAPACITY),
    scratchXy: new Float64Array(INITIAL_CAPACITY * 2),
    capacity: INITIAL_CAPACITY,
    ownId: null,
    ownPosition: null,
    hitAt: new Map(),
  };
}

/**
 * Buffers one decoded snapshot received at local time localNowMs
 * (performance.now()); `tickRate` (Hz) turns its tick into simulation time.
 */
export function pushSnapshot(
  stream: WorldStream,
  snapshot: StreamSnapshot,
  tickRate: number,
  localNowMs: number,
): void {
  const timeMs = (snapshot.tick * 1000) / tickRate;
  if (observeFrame(stream.clock, timeMs, localNowMs)) {
    // A restarted match counts time from 0 again; older snapshots would be sampled as the future.
    clearInterpolator(stream.interpolator);
  }
  const entities = snapshot.entities;
  const n = entities.count;
  growOutput(stream, n);
  const xy = stream.scratchXy;
  for (let i = 0; i < n; i++) {
    xy[2 * i] = entities.x[i];
    xy[2 * i + 1] = entities.y[i];
  }
  pushFrame(stream.interpolator, timeMs, entities.id.subarray(0, n), xy.subarray(0, 2 * n));
  // The older attributes' arrays take the newest snapshot's.
  const next = stream.previous;
  stream.previous = stream.latest;
  stream.latest = next;
  copyAttributes(next, entities, n);
  noteHits(stream, localNowMs);
}

/** A unit whose HP fell since the snapshot before was hit: remember when, for its flash. */
function noteHits(stream: WorldStream, localNowMs: number): void {
  const { latest, previous } = stream;
  for (const [id, index] of latest.index) {
    const before = previous.index.get(id);
    if (before !== undefined && latest.hp[index] < previous.hp[before] - 1e-3)
      stream.hitAt.set(id, localNowMs);
  }
}

function copyAttributes(into: Attributes, entities: StreamEntities, n: number): void {
  into.kind.set(entities.kind.subarray(0, n));
  into.team.set(entities.team.subarray(0, n));
  into.hp.set(entities.hp.subarray(0, n));
  into.flags.set(entities.flags.subarray(0, n));
  into.angle.set(entities.angle.subarray(0, n));
  into.index.clear();
  for (let i = 0; i < n; i++) into.index.set(entities.id[i], i);
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
  let from = stream.latest;
  let index = from.index.get(id);
  if (index === undefined) {
    from = stream.previous;
    index = from.index.get(id);
  }
  if (index === undefined) {
    stream.kinds[i] = KIND_AGENT;
    stream.teams[i] = 0;
    stream.hp[i] = 100;
    stream.alive[i] = 1;
    stream.angles[i] = 0;
    return;
  }
  stream.kinds[i] = from.kind[index];
  stream.teams[i] = from.team[index];
  stream.hp[i] = Math.round(Math.min(1, Math.max(0, from.hp[index])) * 100);
  stream.alive[i] = from.flags[index] & FLAG_ALIVE ? 1 : 0;
  stream.angles[i] = from.angle[index];
}

function growOutput(stream: WorldStream, entities: number): void {
  if (entities <= stream.capacity) return;
  // Grow geometrically so a rising entity count does not reallocate every snapshot.
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
  stream.angles = grow(stream.angles, new Float32Array(stream.capacity));
  stream.scratchXy = new Float64Array(stream.capacity * 2);
  // Both attribute sets: the older one is refilled by the next snapshot, and must fit it too.
  stream.previous = growAttributes(stream.previous, stream.capacity);
  stream.latest = growAttributes(stream.latest, stream.capacity);
}

function growAttributes(old: Attributes, capacity: number): Attributes {
  const next = createAttributes(capacity);
  next.kind.set(old.kind);
  next.team.set(old.team);
  next.hp.set(old.hp);
  next.flags.set(old.flags);
  next.angle.set(old.angle);
  next.index = old.index;
  return next;
}
