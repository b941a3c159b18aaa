/**
 * Seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator),
 * 128 bits of state in a Uint32Array so the state can be hashed, copied and
 * restored. Every random decision in the simulation draws from one of these,
 * which is what makes a seed replay to the same state hash.
 */

/** Generator state: four 32-bit words `[a, b, c, counter]`. Copy `state` to snapshot it. */
export interface Rng {
  state: Uint32Array;
}

const TWO_POW_32 = 4294967296;

/**
 * A generator seeded from `seed` (taken modulo 2^32, so use integers in
 * `[0, 2^32)`). Equal seeds give equal sequences on every platform.
 * Throws RangeError for a non-finite seed.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`rng seed must be a finite number, got ${seed}`);
  const state = new Uint32Array(4);
  // splitmix32 spreads a small or sequential seed over all 128 state bits.
  let s = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state[i] = z ^ (z >>> 16);
  }
  const rng: Rng = { state };
  // Discard the first outputs so nearby seeds diverge fully.
  for (let i = 0; i < 12; i++) nextUint32(rng);
  return rng;
}

/** The next integer, uniform in `[0, 2^32)`. */
export function nextUint32(rng: Rng): number {
  const st = rng.state;
  const a = st[0];
  const b = st[1];
  const c = st[2];
  const d = st[3];
  const t = (((a + b) | 0) + d) | 0;
  st[3] = (d + 1) | 0;
  st[0] = b ^ (b >>> 9);
  st[1] = (c + (c << 3)) | 0;
  st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

/** The next float, uniform in `[0, 1)`. */
export function nextFloat(rng: Rng): number {
  return nextUint32(rng) / TWO_POW_32;
}

/** The next float, uniform in `[min, max)` (returns `min` when they are equal). */
export function nextRange(rng: Rng, min: number, max: number): number {
  return min + (max - min) * nextFloat(rng);
}

/** The next integer, uniform in `[min, max]` inclusive; both bounds must be integers with `min <= max`. */
export function nextInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(nextFloat(rng) * (max - min + 1));
}

/** An independent generator with a copy of `rng`'s current state. */
export function cloneRng(rng: Rng): Rng {
  return { state: new Uint32Array(rng.state) };
}
