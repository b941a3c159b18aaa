import type { UnitState } from '../../../../engine/index';
import type { PlayerProgress } from '../persistence/progressStore';

/** The engine's unit state as the state manager stores it. */
export function toProgress(state: UnitState): PlayerProgress {
  const inventory: PlayerProgress['inventory'] = [];
  state.inventory.forEach((entry, slot) => {
    if (entry) inventory.push({ slot, itemId: entry.item, count: entry.qty });
  });
  const equipment: Record<string, string> = {};
  for (const [slot, item] of Object.entries(state.equipment)) if (item) equipment[slot] = item;
  const skills: Record<string, number> = { ...state.xp };
  const xp = Object.values(skills).reduce((sum, value) => sum + value, 0);
  return { x: state.x, y: state.y, hp: state.hp, xp, inventory, equipment, skills };
}

/** Saved progress back into the engine's shape (the engine re-validates it on import). */
export function toUnitState(progress: PlayerProgress): UnitState {
  const size = progress.inventory.reduce((max, entry) => Math.max(max, entry.slot + 1), 0);
  const inventory: UnitState['inventory'] = Array.from({ length: size }, () => null);
  for (const entry of progress.inventory) {
    if (entry.slot >= 0 && entry.slot < size)
      inventory[entry.slot] = { item: entry.itemId, qty: entry.count };
  }
  return {
    x: progress.x,
    y: progress.y,
    hp: progress.hp,
    xp: {
      attack: progress.skills.attack ?? 0,
      defence: progress.skills.defence ?? 0,
      vitality: progress.skills.vitality ?? 0,
    },
    inventory,
    equipment: {
      weapon: progress.equipment.weapon ?? null,
      armor: progress.equipment.armor ?? null,
      trinket: progress.equipment.trinket ?? null,
    },
  };
}
