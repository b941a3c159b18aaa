import { describe, expect, it } from 'vitest';
import { packBundle, unpackBundle } from './stateLane';

const unpacked = (bundle: Uint8Array) => {
  const packets: number[][] = [];
  const ok = unpackBundle(bundle, (packet) => packets.push([...packet]));
  return { ok, packets };
};

describe('state lane bundles', () => {
  it('round-trips packets in order, empty ones and a 1,200-byte one included', () => {
    const big = new Uint8Array(1200).map((_, i) => i % 251);
    const bundle = packBundle([new Uint8Array([1, 2, 3]), new Uint8Array(0), big]);
    expect(bundle.length).toBe(2 + 3 + 2 + 0 + 2 + 1200);
    expect(unpacked(bundle)).toEqual({ ok: true, packets: [[1, 2, 3], [], [...big]] });
    expect(unpacked(packBundle([]))).toEqual({ ok: true, packets: [] });
  });

  it('refuses a malformed bundle without throwing, after the whole packets before the fault', () => {
    const bundle = packBundle([new Uint8Array([9]), new Uint8Array([7, 7, 7])]);
    expect(unpacked(bundle.subarray(0, bundle.length - 1))).toEqual({ ok: false, packets: [[9]] });
    expect(unpacked(new Uint8Array([5]))).toEqual({ ok: false, packets: [] });
    expect(unpacked(new Uint8Array([0xff, 0xff, 1]))).toEqual({ ok: false, packets: [] });
  });

  it('refuses to pack a packet its length field cannot hold', () => {
    expect(() => packBundle([new Uint8Array(70_000)])).toThrow(/65,535/);
  });
});
