import { describe, expect, it } from 'vitest';
import {
  FIELD_COUNT,
  FIELD_INDEX,
  FIELDS,
  MAX_FRAGMENT_PAYLOAD_BYTES,
  MAX_ENTITY_BITS,
  MAX_FRAGMENTS,
  MAX_INPUT_PACKET_BYTES,
  MAX_PACKET_BYTES,
  MAX_SNAPSHOT_ENTITIES,
  PACKET_BUDGET_BYTES,
  SNAPSHOT_HEADER_BYTES,
  SNAPSHOT_MASK,
  SNAPSHOT_RING,
  createNetEntities,
  dequantize,
  fieldMax,
  fieldMin,
  quantize,
} from './index';

describe('wire spec', () => {
  it('has a wire entry for every field of the net view, and nothing else', () => {
    const view = createNetEntities(1);
    const arrays = Object.entries(view)
      .filter(([, v]) => ArrayBuffer.isView(v))
      .map(([k]) => k)
      .filter((k) => k !== 'id')
      .sort();
    expect(FIELDS.map((f) => f.name).sort()).toEqual(arrays);
    expect(FIELD_COUNT).toBe(arrays.length);
  });

  it('indexes the table consistently', () => {
    FIELDS.forEach((field, i) => expect(FIELD_INDEX[field.name]).toBe(i));
    expect(Object.keys(FIELD_INDEX)).toHaveLength(FIELD_COUNT);
  });

  it('gives each field a width the bit packer and the net view can hold', () => {
    const view = createNetEntities(1);
    for (const field of FIELDS) {
      expect(field.bits).toBeGreaterThanOrEqual(1);
      expect(field.bits).toBeLessThanOrEqual(24);
      expect(field.scale).toBeGreaterThan(0);
      // Integer fields must round-trip every wire value through their array type.
      if (field.scale === 1) {
        const array = view[field.name];
        for (const q of [fieldMin(field), fieldMax(field)]) {
          array[0] = q;
          expect(array[0], field.name).toBe(q);
        }
      }
    }
    // Mask, repeat bit and the widest raw field all fit one 24-bit write.
    expect(FIELD_COUNT + 1).toBeLessThanOrEqual(24);
  });

  it('quantizes with rounding, clamping, wrapping, and NaN as 0', () => {
    const x = FIELDS[FIELD_INDEX.x];
    expect(quantize(x, 10.03)).toBe(160);
    expect(dequantize(x, quantize(x, 100.5))).toBe(100.5);
    expect(quantize(x, 1e9)).toBe(fieldMax(x));
    expect(quantize(x, -1e9)).toBe(fieldMin(x));
    expect(quantize(x, NaN)).toBe(0);
    const angle = FIELDS[FIELD_INDEX.angle];
    expect(quantize(angle, -Math.PI / 2)).toBe(768);
    expect(quantize(angle, 2 * Math.PI)).toBe(0);
    const hp = FIELDS[FIELD_INDEX.hp];
    expect(quantize(hp, 1)).toBe(255);
    expect(quantize(hp, 2)).toBe(255);
    expect(quantize(hp, -0.5)).toBe(0);
  });

  it('keeps every packet under the budget and the ring a power of two', () => {
    expect(MAX_PACKET_BYTES).toBeLessThan(PACKET_BUDGET_BYTES);
    expect(MAX_FRAGMENT_PAYLOAD_BYTES + SNAPSHOT_HEADER_BYTES).toBe(MAX_PACKET_BYTES);
    expect(MAX_INPUT_PACKET_BYTES).toBeLessThan(PACKET_BUDGET_BYTES);
    expect(SNAPSHOT_RING & SNAPSHOT_MASK).toBe(0);
    expect(MAX_FRAGMENTS).toBeLessThanOrEqual(255);
  });

  it('bounds what an entity costs a body, and fits the largest snapshot in MAX_FRAGMENTS', () => {
    // Exp-Golomb of x - 2^k (orders up to 15) costs 2 * bitLength(x) - k - 1 bits.
    const eg = (max: number, maxOrder: number): number =>
      2 * Math.ceil(Math.log2(max + 2 ** maxOrder + 1)) - 1;
    const slotGap = eg(MAX_SNAPSHOT_ENTITIES, 7);
    const mask = FIELD_COUNT + 1;
    const fields = FIELDS.reduce(
      (sum, f) => sum + (f.delta ? eg(2 ** (f.bits + 1), 15) : f.bits),
      0,
    );
    const raw = FIELDS.reduce((sum, f) => sum + f.bits, 0);
    const asSlot = Math.max(slotGap + mask + fields, slotGap);
    const asAdded = eg(2 ** 32, 7) + mask + raw;
    expect(asSlot + asAdded).toBeLessThanOrEqual(MAX_ENTITY_BITS);
    // A full snapshot of MAX_SNAPSHOT_ENTITIES, or a delta that changes or
    // swaps every one of them, fits with room for the section headers.
    const worst = MAX_SNAPSHOT_ENTITIES * Math.max(asSlot, asAdded + slotGap) + 1024;
    expect(Math.ceil(worst / 8)).toBeLessThanOrEqual(MAX_FRAGMENTS * MAX_FRAGMENT_PAYLOAD_BYTES);
  });
});
