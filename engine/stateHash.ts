import type { World } from './world';

/**
 * FNV-1a 64 over the world's simulation state, as 16 lowercase hex digits.
 * Covers tick, count, nextId, the RNG state and, per live agent, id, team,
 * x, y, vx, vy, heading and wanderTicks (floats as their IEEE-754 bytes,
 * little-endian whatever the host, so the hash is byte-order independent).
 * Equal hashes after N ticks is the determinism check; not for hot paths.
 */
export function stateHash(world: World): string {
  const h = new Fnv64();
  h.u32(world.tick);
  h.u32(world.count);
  h.u32(world.nextId);
  for (let k = 0; k < world.rng.state.length; k++) h.u32(world.rng.state[k]);
  const { id, team, x, y, vx, vy, heading, wanderTicks } = world;
  for (let i = 0; i < world.count; i++) {
    h.u32(id[i]);
    h.byte(team[i]);
    h.f64(x[i]);
    h.f64(y[i]);
    h.f64(vx[i]);
    h.f64(vy[i]);
    h.f64(heading[i]);
    h.u32(wanderTicks[i]);
  }
  return h.hex();
}

/**
 * FNV-1a 64 in four 16-bit limbs (JS numbers hold 53 bits exactly, so a
 * 64-bit multiply is done by hand). Prime 2^40 + 0x1b3.
 */
class Fnv64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;
  private readonly view = new DataView(new ArrayBuffer(8));

  byte(b: number): void {
    const h0 = this.h0 ^ (b & 0xff);
    const t0 = h0 * 0x1b3;
    const t1 = this.h1 * 0x1b3 + (t0 >>> 16);
    const t2 = this.h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = this.h3 * 0x1b3 + this.h1 * 0x100 + (t2 >>> 16);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  u32(v: number): void {
    this.byte(v);
    this.byte(v >>> 8);
    this.byte(v >>> 16);
    this.byte(v >>> 24);
  }

  f64(v: number): void {
    this.view.setFloat64(0, v, true);
    this.u32(this.view.getUint32(0, true));
    this.u32(this.view.getUint32(4, true));
  }

  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0]
      .map((l) => l.toString(16).padStart(4, '0'))
      .join('');
  }
}
