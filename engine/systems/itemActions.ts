import {
  ACTION_DROP,
  ACTION_EQUIP,
  ACTION_MOVE,
  ACTION_NONE,
  ACTION_UNEQUIP,
  ACTION_USE,
} from '../world/components';
import { useItem } from '../rules/consumables';
import { equipFromInventory, unequip } from '../rules/equipment';
import { dropFromInventory } from '../rules/groundItems';
import { isSlot, moveItem } from '../rules/inventory';
import {
  REJECT_EMPTY_SLOT,
  REJECT_MALFORMED,
  REJECT_NONE,
  REJECT_OUT_OF_RANGE,
} from '../sim/rejections';
import type { World } from '../world/world';

/**
 * Input step: applies each live unit's queued item action
 * (`intent.action` with `intent.slot`/`slot2`: equip, unequip, use, drop,
 * move) in index order and clears it. An action that no longer applies (the
 * slot was emptied since the command was accepted, or an external behavior
 * wrote nonsense) does nothing and is counted in `world.rejections`.
 */
export function applyItemActions(world: World): void {
  const { count } = world;
  const { action, slot, slot2 } = world.intent;
  const alive = world.health.alive;
  for (let i = 0; i < count; i++) {
    const a = action[i];
    if (a === ACTION_NONE) continue;
    action[i] = ACTION_NONE;
    if (alive[i] === 0) continue;
    const reason = applyAction(world, i, a, slot[i], slot2[i]);
    if (reason !== REJECT_NONE) world.rejections[reason - 1]++;
  }
}

function applyAction(world: World, i: number, a: number, s: number, s2: number): number {
  switch (a) {
    case ACTION_EQUIP:
      return equipFromInventory(world, i, s);
    case ACTION_UNEQUIP:
      return unequip(world, i, s);
    case ACTION_USE:
      return useItem(world, i, s);
    case ACTION_DROP:
      if (!isSlot(s, world.inventory.slots)) return REJECT_OUT_OF_RANGE;
      return dropFromInventory(world, i, s, world.agentRadius) < 0
        ? REJECT_EMPTY_SLOT
        : REJECT_NONE;
    case ACTION_MOVE:
      return moveItem(world, i, s, s2);
    default:
      return REJECT_MALFORMED;
  }
}
