import { describe, expect, it } from 'vitest';
import {
  FIELD_COUNT,
  FIELD_INDEX,
  FIELDS,
  commitNetEntities,
  createNetEntities,
  fieldMax,
  fieldMin,
  quantize,
  rowOfId,
  type NetEntities,
  type NetFieldName,
} from './index';

/** A value for `name` other than the current one at row `i`, varied by `step`. */
function otherValue(e: NetEntities, name: NetFieldName, i: number, step: number): number {
  const field = FIELDS[FIELD_INDEX[name]];
  const q = e.wire.q[i * FIELD_COUNT + FIELD_INDEX[name]];
  const next = q + step > fieldMax(field) ? fieldMin(field) : q + step;
  return next / field.scale;
}

function frameRow(e: NetEntities, i: number): number[] {
  return Array.from(e.wire.q.subarray(i * FIELD_COUNT, (i + 1) * FIELD_COUNT));
}

function expectedRow(e: NetEntities, i: number): number[] {
  return FIELDS.map((field) => quantize(field, e[field.name][i]));
}

describe('commitNetEntities', () => {
  it('sees a change of every field on any row and quantizes it as spec.quantize does', () => {
    const e = createNetEntities(13);
    e.count = 13;
    for (let i = 0; i < 13; i++) e.id[i] = 100 + i;
    let tick = 0;
    commitNetEntities(e, tick);
    for (const field of FIELDS) {
      for (const row of [0, 1, 2, 3, 4, 7, 12]) {
        e[field.name][row] = otherValue(e, field.name, row, 3 + row);
        commitNetEntities(e, ++tick);
        expect(e.wire.changedTick[row], `${field.name} row ${row}`).toBe(tick);
        for (let i = 0; i < 13; i++) expect(frameRow(e, i)).toEqual(expectedRow(e, i));
      }
    }
  });

  it('stores the whole range of each integer field unclamped', () => {
    // quantizeRow copies these arrays as they are: their range must be the wire range.
    const e = createNetEntities(2);
    for (const field of FIELDS.filter((f) => f.scale === 1)) {
      const array = e[field.name];
      for (const v of [
        fieldMin(field),
        fieldMax(field),
        fieldMin(field) - 1,
        fieldMax(field) + 1,
      ]) {
        array[0] = v;
        const inRange = v >= fieldMin(field) && v <= fieldMax(field);
        expect(array[0] === v, `${field.name} ${v}`).toBe(inRange);
      }
    }
  });

  it('quantizes NaN to 0, keeps rows that did not change, and reindexes moved ids', () => {
    const e = createNetEntities(8);
    e.count = 3;
    e.id.set([5, 6, 7]);
    e.x[1] = NaN;
    e.y[2] = 12.5;
    commitNetEntities(e, 1);
    expect(frameRow(e, 1)[FIELD_INDEX.x]).toBe(0);
    commitNetEntities(e, 2);
    expect(e.wire.changedTick[2]).toBe(1);
    expect(frameRow(e, 2)[FIELD_INDEX.y]).toBe(200);
    // Swap-remove row 0; a new row appears.
    e.id[0] = 7;
    e.y[0] = 12.5;
    e.count = 3;
    e.id[2] = 9;
    e.y[2] = 0;
    commitNetEntities(e, 3);
    expect(rowOfId(e, 7)).toBe(0);
    expect(rowOfId(e, 9)).toBe(2);
    expect(rowOfId(e, 5)).toBe(-1);
    for (let i = 0; i < 3; i++) expect(frameRow(e, i)).toEqual(expectedRow(e, i));
  });

  it('rejects counts beyond capacity and ticks that do not go forward', () => {
    const e = createNetEntities(4);
    e.count = 5;
    expect(() => commitNetEntities(e, 0)).toThrow(RangeError);
    e.count = 2;
    commitNetEntities(e, 10);
    expect(() => commitNetEntities(e, 10)).toThrow(RangeError);
    expect(() => commitNetEntities(e, 9)).toThrow(RangeError);
    expect(() => createNetEntities(0)).toThrow(RangeError);
  });
});
