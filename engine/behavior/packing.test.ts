import { describe, expect, it } from 'vitest';
import {
  ACTION_STATUS_ACTED,
  ACTION_STATUS_THREW,
  ACTION_STRIDE,
  AGENT_HEADER,
  FLAG_FIRE,
  FLAG_PICKUP,
  GROUP_AGENTS,
  GROUP_FIELDS,
  GROUP_SLOT,
  ITEM_ACTION_UNEQUIP,
  ITEM_ACTION_USE,
  MAX_SEEN,
  REJECT_INVISIBLE_TARGET,
  REJECT_MALFORMED,
  REJECT_NON_FINITE,
  REJECT_OUT_OF_RANGE,
  REJECT_REASON_COUNT,
  beginBatch,
  beginGroup,
  createObservationBatch,
  createVisibleList,
  createWallList,
  decodeActions,
  endBatch,
  orderUnitsBySlot,
  writeAgent,
  type AgentColumns,
  type BehaviorIntents,
} from './index';

function columns(count: number): AgentColumns {
  return {
    id: Uint32Array.from({ length: count }, (_, i) => 100 + i),
    team: Uint8Array.from({ length: count }, (_, i) => i % 2),
    x: Float64Array.from({ length: count }, (_, i) => 10 * i),
    y: Float64Array.from({ length: count }, () => 50),
    vx: new Float64Array(count).fill(3),
    vy: new Float64Array(count).fill(-4),
    hp: new Float64Array(count).fill(70),
    maxHp: new Float64Array(count).fill(100),
    speed: new Float64Array(count).fill(80),
    range: new Float64Array(count).fill(240),
    aimX: new Float64Array(count).fill(1),
    aimY: new Float64Array(count),
    fireCooldown: new Uint16Array(count).fill(2),
    inventorySlots: 4,
    inventoryItem: Int16Array.from({ length: count * 4 }, (_, i) => (i % 4 === 2 ? 5 : -1)),
    inventoryCount: Uint16Array.from({ length: count * 4 }, (_, i) => (i % 4 === 2 ? 3 : 0)),
    equipment: Int16Array.from({ length: count * 3 }, (_, i) => (i % 3 === 0 ? 1 : -1)),
    radius: 8,
    perception: 300,
  };
}

function intents(count: number): BehaviorIntents {
  return {
    moveX: new Float64Array(count),
    moveY: new Float64Array(count),
    aimX: new Float64Array(count),
    aimY: new Float64Array(count),
    flags: new Uint8Array(count),
    action: new Uint8Array(count),
    slot: new Int16Array(count),
    say: new Int16Array(count),
  };
}

/** A batch with units 0 and 1 in slot 3; unit 0 sees three entities, the farthest first. */
function twoAgentBatch() {
  const cols = columns(2);
  const batch = createObservationBatch(1);
  const visible = createVisibleList(4);
  const walls = createWallList();
  beginBatch(batch, 7, 20, 100);
  beginGroup(batch, 3);
  visible.length = 3;
  [300, 20, 100].forEach((dx, k) => {
    visible.id[k] = 500 + k;
    visible.kind[k] = k === 2 ? 3 : 1;
    visible.team[k] = 1;
    visible.x[k] = dx;
    visible.y[k] = 50;
    visible.item[k] = k === 2 ? 4 : -1;
    visible.hp[k] = 9;
  });
  walls.length = 1;
  walls.x[0] = 1;
  walls.y[0] = 2;
  walls.width[0] = 3;
  walls.height[0] = 4;
  writeAgent(batch, 0, cols, visible, walls);
  visible.length = 0;
  walls.length = 0;
  writeAgent(batch, 1, cols, visible, walls);
  endBatch(batch);
  return batch;
}

describe('observation packing', () => {
  it('writes self, inventory, visible entities nearest first and walls at the documented offsets', () => {
    const batch = twoAgentBatch();
    const r = batch.records;
    expect(batch.agentCount).toBe(2);
    expect(batch.groupCount).toBe(1);
    expect(batch.groups[GROUP_SLOT]).toBe(3);
    expect(batch.groups[GROUP_AGENTS]).toBe(2);
    expect([r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]]).toEqual([
      100, 0, 0, 50, 3, -4, 70, 100,
    ]);
    expect([r[15], r[16], r[17], r[18]]).toEqual([2, 1, -1, -1]);
    expect([r[19], r[20], r[21]]).toEqual([1, 3, 1]); // one inventory slot, three seen, one wall
    expect(Array.from(r.subarray(AGENT_HEADER, AGENT_HEADER + 3))).toEqual([2, 5, 3]);
    const seen = AGENT_HEADER + 3;
    // Sorted by distance: ids 501 (20), 502 (100), 500 (300); distance is the last field.
    expect([r[seen], r[seen + 10], r[seen + 20]]).toEqual([501, 502, 500]);
    expect([r[seen + 9], r[seen + 19], r[seen + 29]]).toEqual([20, 100, 300]);
    expect(r[seen + 10 + 8]).toBe(4); // the item's index
    expect(Array.from(r.subarray(seen + 30, seen + 34))).toEqual([1, 2, 3, 4]);
    expect(r[0]).toBe(AGENT_HEADER + 3 + 30 + 4);
    expect(batch.recordStart[1]).toBe(r[0]);
  });

  it('keeps only the nearest MAX_SEEN entities', () => {
    const cols = columns(1);
    const batch = createObservationBatch(1);
    const visible = createVisibleList(MAX_SEEN + 10);
    visible.length = MAX_SEEN + 10;
    for (let k = 0; k < visible.length; k++) {
      visible.id[k] = k + 1;
      visible.x[k] = 1000 - k; // the last written are the nearest
      visible.y[k] = 50;
    }
    beginBatch(batch, 0, 20, -1);
    beginGroup(batch, 0);
    writeAgent(batch, 0, cols, visible, createWallList());
    expect(batch.records[20]).toBe(MAX_SEEN);
    expect(batch.records[AGENT_HEADER + 3]).toBe(MAX_SEEN + 10); // nearest id first
  });

  it('groups units by slot, leaving the built-in AI out', () => {
    const out = new Int32Array(6);
    const n = orderUnitsBySlot(Int32Array.from([2, -1, 0, 2, 0, -1]), 6, out, new Int32Array(4));
    expect(Array.from(out.subarray(0, n))).toEqual([2, 4, 0, 3]);
  });
});

describe('action decoding', () => {
  function decode(fill: (a: Float64Array) => void) {
    const batch = twoAgentBatch();
    const actions = new Float64Array(2 * ACTION_STRIDE);
    actions[ACTION_STRIDE] = ACTION_STATUS_THREW;
    actions[0] = ACTION_STATUS_ACTED;
    actions[9] = -1;
    fill(actions);
    const out = intents(2);
    out.moveX[1] = 5; // stale intent of the agent whose behavior threw
    const rejections = new Uint32Array(REJECT_REASON_COUNT);
    const acted = decodeActions(batch, actions, out, rejections);
    return { out, rejections, acted };
  }

  it('decodes a valid action and idles an agent whose behavior threw', () => {
    const { out, rejections, acted } = decode((a) => {
      a.set([ACTION_STATUS_ACTED, 1, 3, 4, 2, 502, FLAG_FIRE | FLAG_PICKUP, ITEM_ACTION_USE, 2, 4]);
    });
    expect(acted).toBe(1);
    expect(out.moveX[0]).toBeCloseTo(0.6, 12); // length 5 normalised
    expect(out.moveY[0]).toBeCloseTo(0.8, 12);
    expect([out.aimX[0], out.aimY[0]]).toEqual([1, 0]); // entity 502 is straight east
    expect([out.flags[0], out.action[0], out.slot[0], out.say[0]]).toEqual([
      3,
      ITEM_ACTION_USE,
      2,
      4,
    ]);
    expect([out.moveX[1], out.flags[1], out.say[1]]).toEqual([0, 0, -1]);
    expect(Array.from(rejections)).toEqual([0, 0, 0, 0]);
  });

  it('turns a move to a point into a direction that stops on the point', () => {
    // Speed 80 at 20 Hz: 4 units per tick; the point is 2 units east.
    const { out } = decode((a) => a.set([ACTION_STATUS_ACTED, 2, 2, 50, 0, 0, 0, 0, -1, -1]));
    expect(out.moveX[0]).toBeCloseTo(0.5);
    expect(out.moveY[0]).toBe(0);
  });

  it('rejects and counts NaN, Infinity, out-of-range values, invisible targets and bad codes', () => {
    const cases: [number[], number][] = [
      [[ACTION_STATUS_ACTED, 1, NaN, 0, 0, 0, 0, 0, -1, -1], REJECT_NON_FINITE],
      [[ACTION_STATUS_ACTED, 1, Infinity, 0, 0, 0, 0, 0, -1, -1], REJECT_NON_FINITE],
      [[ACTION_STATUS_ACTED, 2, 1e9, 0, 0, 0, 0, 0, -1, -1], REJECT_OUT_OF_RANGE],
      [[ACTION_STATUS_ACTED, 0, 0, 0, 1, 1e9, 0, 0, -1, -1], REJECT_OUT_OF_RANGE],
      [[ACTION_STATUS_ACTED, 0, 0, 0, 2, 777, 0, 0, -1, -1], REJECT_INVISIBLE_TARGET],
      [[ACTION_STATUS_ACTED, 0, 0, 0, 0, 0, 0, ITEM_ACTION_USE, 28, -1], REJECT_OUT_OF_RANGE],
      [[ACTION_STATUS_ACTED, 0, 0, 0, 0, 0, 0, ITEM_ACTION_UNEQUIP, 3, -1], REJECT_OUT_OF_RANGE],
      [[ACTION_STATUS_ACTED, 0, 0, 0, 0, 0, 0, 0, -1, 99], REJECT_OUT_OF_RANGE],
      [[ACTION_STATUS_ACTED, 7, 0, 0, 0, 0, 0, 0, -1, -1], REJECT_MALFORMED],
      [[ACTION_STATUS_ACTED, 0, 0, 0, 0, 0, 64, 0, -1, -1], REJECT_MALFORMED],
      [[ACTION_STATUS_ACTED, 0, 0, 0, 0, 0, 0.5, 0, -1, -1], REJECT_MALFORMED],
      [[9, 0, 0, 0, 0, 0, 0, 0, -1, -1], REJECT_MALFORMED],
    ];
    for (const [record, reason] of cases) {
      const { out, rejections } = decode((a) => a.set(record));
      const expected = [0, 0, 0, 0];
      expected[reason] = 1;
      expect(Array.from(rejections), JSON.stringify(record)).toEqual(expected);
      expect(out.moveX[0]).toBe(0);
      expect(out.aimX[0]).toBe(0);
    }
  });

  it('counts rejections per group', () => {
    const cols = columns(2);
    const batch = createObservationBatch(2);
    beginBatch(batch, 0, 20, -1);
    beginGroup(batch, 0);
    writeAgent(batch, 0, cols, createVisibleList(), createWallList());
    beginGroup(batch, 1);
    writeAgent(batch, 1, cols, createVisibleList(), createWallList());
    endBatch(batch);
    expect(batch.groupCount).toBe(2);
    const actions = new Float64Array(2 * ACTION_STRIDE);
    actions.set([ACTION_STATUS_ACTED, 1, 0, 0, 0, 0, 0, 0, -1, -1]);
    actions.set([ACTION_STATUS_ACTED, 1, NaN, 0, 0, 0, 0, 0, -1, -1], ACTION_STRIDE);
    const rejections = new Uint32Array(2 * REJECT_REASON_COUNT);
    decodeActions(batch, actions, intents(2), rejections);
    expect(rejections[REJECT_NON_FINITE]).toBe(0);
    expect(rejections[REJECT_REASON_COUNT + REJECT_NON_FINITE]).toBe(1);
    expect(batch.groups[GROUP_FIELDS + GROUP_SLOT]).toBe(1);
  });
});
