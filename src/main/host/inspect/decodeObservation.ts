/**
 * One packed agent record (packing.ts) as the plain observation object a
 * behavior receives: the same field tables the guest's decoder is generated
 * from (guestDecode.ts), read eagerly, in TypeScript. The inspector shows a
 * modder exactly what their behavior was handed.
 */
import {
  AGENT_HEADER,
  A_ARMOR,
  A_FIRE_COOLDOWN,
  A_INVENTORY_COUNT,
  A_SEEN_COUNT,
  A_TRINKET,
  A_WALL_COUNT,
  A_WEAPON,
  ENTITY_KIND_NAMES,
  INVENTORY_STRIDE,
  SEEN_STRIDE,
  WALL_STRIDE,
} from '../../../../engine/behavior/index';
import { SEEN_FIELDS, SELF_FIELDS, type FieldKind } from '../behaviors/sandbox/index';

/** The clock part of an observation (the batch's, not the record's). */
export interface ObservationClock {
  tick: number;
  tickRate: number;
  ticksLeft: number;
}

/** Decodes the record at `records[start]`; `itemIds` by item index, as behaviors see items. */
export function decodeObservation(
  records: Float64Array,
  start: number,
  clock: ObservationClock,
  itemIds: readonly string[],
): Record<string, unknown> {
  const item = (index: number) => (index < 0 || index >= itemIds.length ? null : itemIds[index]);
  const value = (at: number, kind: FieldKind): unknown => {
    const v = records[at];
    if (kind === 'id') return v >>> 0;
    if (kind === 'kind') return ENTITY_KIND_NAMES[v | 0];
    if (kind === 'item') return item(v | 0);
    return v;
  };
  const self: Record<string, unknown> = {};
  for (const [name, offset, kind] of SELF_FIELDS) self[name] = value(start + offset, kind);
  self.cooldowns = { fire: records[start + A_FIRE_COOLDOWN] };
  self.equipment = {
    weapon: item(records[start + A_WEAPON] | 0),
    armor: item(records[start + A_ARMOR] | 0),
    trinket: item(records[start + A_TRINKET] | 0),
  };
  const inventory: Array<{ slot: number; item: string | null; count: number }> = [];
  let p = start + AGENT_HEADER;
  const invCount = records[start + A_INVENTORY_COUNT] | 0;
  for (let j = 0; j < invCount; j++, p += INVENTORY_STRIDE) {
    inventory.push({ slot: records[p], item: item(records[p + 1] | 0), count: records[p + 2] });
  }
  self.inventory = inventory;
  const nearby: Array<Record<string, unknown>> = [];
  const seen = records[start + A_SEEN_COUNT] | 0;
  for (let j = 0; j < seen; j++, p += SEEN_STRIDE) {
    const entity: Record<string, unknown> = {};
    for (const [name, offset, kind] of SEEN_FIELDS) entity[name] = value(p + offset, kind);
    nearby.push(entity);
  }
  const walls: Array<{ x: number; y: number; width: number; height: number }> = [];
  const wallCount = records[start + A_WALL_COUNT] | 0;
  for (let j = 0; j < wallCount; j++, p += WALL_STRIDE) {
    walls.push({ x: records[p], y: records[p + 1], width: records[p + 2], height: records[p + 3] });
  }
  return {
    tick: clock.tick,
    tickRate: clock.tickRate,
    ticksLeft: clock.ticksLeft,
    self,
    nearby,
    walls,
  };
}
