import { createRng, nextFloat, nextInt, nextUint32, type Rng } from '../sim/rng';
import { commitNetEntities } from '../net/netCommit';
import { createNetEntities, type NetEntities } from '../net/netEntities';
import { FIELD_COUNT } from '../net/spec';
import type { ClientState } from '../net/snapshotDecode';

/**
 * A seeded toy world over a net view, for the codec's tests and benchmarks:
 * entities walk and turn, take damage, and (when asked) spawn and despawn
 * with fresh ids, with rows swap-removed the way the engine's pools do, so
 * rows move under the codec. Not part of the public API.
 */
export interface ToyWorld {
  entities: NetEntities;
  rng: Rng;
  /** Heading of each row, radians. */
  heading: Float64Array;
  width: number;
  height: number;
  nextId: number;
  tick: number;
}

/** Options of `stepToyWorld`; all default to 0 but `speed`. */
export interface ToyStep {
  /** Fraction of rows that move and turn this tick (default 1). */
  moving?: number;
  /** World units per tick (default 4.5: 90 units/s at 20 Hz). */
  speed?: number;
  /** Largest turn per tick, radians (default 0.25). */
  turn?: number;
  /** Chance per tick of each: one spawn, one despawn, one HP change. */
  spawn?: number;
  despawn?: number;
  damage?: number;
}

/** `count` entities of mixed kinds scattered over a `width` × `height` map. */
export function createToyWorld(
  seed: number,
  count: number,
  width = 1600,
  height = 1000,
  capacity = Math.max(16, count * 2),
): ToyWorld {
  const world: ToyWorld = {
    entities: createNetEntities(capacity),
    rng: createRng(seed),
    heading: new Float64Array(capacity),
    width,
    height,
    nextId: 1,
    tick: 0,
  };
  for (let i = 0; i < count; i++) spawn(world);
  commitNetEntities(world.entities, 0);
  return world;
}

function spawn(world: ToyWorld): void {
  const e = world.entities;
  if (e.count === e.capacity) return;
  const i = e.count++;
  const rng = world.rng;
  e.id[i] = world.nextId++;
  e.kind[i] = nextInt(rng, 0, 3);
  e.team[i] = nextInt(rng, 0, 2);
  e.x[i] = nextFloat(rng) * world.width;
  e.y[i] = nextFloat(rng) * world.height;
  world.heading[i] = nextFloat(rng) * 2 * Math.PI;
  e.angle[i] = world.heading[i];
  e.hp[i] = 1;
  e.item[i] = nextInt(rng, -1, 40);
  e.flags[i] = 1;
}

/** Removes row `i`, moving the last row into its place. */
export function despawnRow(world: ToyWorld, i: number): void {
  const e = world.entities;
  const last = --e.count;
  e.id[i] = e.id[last];
  e.kind[i] = e.kind[last];
  e.team[i] = e.team[last];
  e.x[i] = e.x[last];
  e.y[i] = e.y[last];
  e.angle[i] = e.angle[last];
  e.hp[i] = e.hp[last];
  e.item[i] = e.item[last];
  e.flags[i] = e.flags[last];
  world.heading[i] = world.heading[last];
}

/** Advances one tick and commits the net view for it. */
export function stepToyWorld(world: ToyWorld, opts: ToyStep = {}): void {
  const { moving = 1, speed = 4.5, turn = 0.25, spawn: pSpawn = 0, despawn = 0 } = opts;
  const rng = world.rng;
  const e = world.entities;
  for (let i = 0; i < e.count; i++) {
    if (moving < 1 && nextFloat(rng) >= moving) continue;
    let h = world.heading[i] + (nextFloat(rng) * 2 - 1) * turn;
    let x = e.x[i] + Math.cos(h) * speed;
    let y = e.y[i] + Math.sin(h) * speed;
    if (x < 0 || x > world.width || y < 0 || y > world.height) {
      h += Math.PI;
      x = Math.min(world.width, Math.max(0, x));
      y = Math.min(world.height, Math.max(0, y));
    }
    world.heading[i] = h;
    e.x[i] = x;
    e.y[i] = y;
    e.angle[i] = h;
  }
  if (nextFloat(rng) < (opts.damage ?? 0) && e.count > 0) {
    const i = nextUint32(rng) % e.count;
    e.hp[i] = Math.max(0, e.hp[i] - 0.1);
  }
  if (nextFloat(rng) < despawn && e.count > 0) despawnRow(world, nextUint32(rng) % e.count);
  if (nextFloat(rng) < pSpawn) spawn(world);
  world.tick++;
  commitNetEntities(e, world.tick);
}

/**
 * The host's quantized state of rows `visible` (all rows when null), keyed
 * by id: what a client must hold after decoding that tick's snapshot.
 */
export function quantizedState(
  entities: NetEntities,
  visible: ArrayLike<number> | null,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const n = visible === null ? entities.count : visible.length;
  for (let k = 0; k < n; k++) {
    const row = visible === null ? k : visible[k];
    const q = entities.wire.q;
    out.set(entities.id[row], Array.from(q.subarray(row * FIELD_COUNT, (row + 1) * FIELD_COUNT)));
  }
  return out;
}

/** What a client holds after its last decoded snapshot, keyed by id, as quantized rows. */
export function clientState(client: ClientState): Map<number, number[]> {
  return quantizedState(client.snapshot.entities, null);
}

/** The first difference between two id-keyed states, or null when they are equal. */
export function stateDiff(got: Map<number, number[]>, want: Map<number, number[]>): string | null {
  if (got.size !== want.size) return `${got.size} entities, want ${want.size}`;
  for (const [id, row] of want) {
    const other = got.get(id);
    if (other === undefined) return `id ${id} missing`;
    for (let f = 0; f < row.length; f++) {
      if (other[f] !== row[f]) return `id ${id} field ${f}: ${other[f]}, want ${row[f]}`;
    }
  }
  return null;
}
