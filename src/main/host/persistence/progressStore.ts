/**
 * A player's durable progress: what survives a restart. Rows are written
 * in batches by the state manager's write-behind; nothing here decides when.
 */
import type { Database } from 'better-sqlite3';

export interface InventoryEntry {
  slot: number;
  itemId: string;
  count: number;
}

/** The saved part of a player's unit; positions in world units. */
export interface PlayerProgress {
  x: number;
  y: number;
  hp: number;
  xp: number;
  inventory: InventoryEntry[];
  /** Equipment slot name (weapon, armor, trinket) → item id. */
  equipment: Record<string, string>;
  /** Skill name → XP. */
  skills: Record<string, number>;
}

export interface ProgressStore {
  load(playerId: number): PlayerProgress | null;
  /** Loads many at once (cold start); players with no saved progress are absent. */
  loadMany(playerIds: readonly number[]): Map<number, PlayerProgress>;
  /** Writes each entry; the caller wraps it in a transaction. */
  writeMany(entries: Iterable<readonly [number, PlayerProgress]>, now: number): void;
  /** Drops what is remembered of a player's last write (after a rollback or restore). */
  forget(playerId: number): void;
}

/**
 * Inventory as stored: a flat JSON array `[slot, itemId, count, slot, …]`,
 * a third the size of an array of objects and faster to write.
 */
export function encodeInventory(entries: readonly InventoryEntry[]): string {
  const flat: Array<number | string> = [];
  for (const entry of entries) flat.push(entry.slot, entry.itemId, entry.count);
  return JSON.stringify(flat);
}

export function decodeInventory(text: string): InventoryEntry[] {
  const flat = JSON.parse(text) as Array<number | string>;
  const entries: InventoryEntry[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) {
    entries.push({
      slot: flat[i] as number,
      itemId: flat[i + 1] as string,
      count: flat[i + 2] as number,
    });
  }
  return entries;
}

interface ProgressRow {
  x: number;
  y: number;
  hp: number;
  xp: number;
  inventory: string | null;
  equipment: string | null;
  skills: string | null;
}

export function createProgressStore(db: Database): ProgressStore {
  const upsertState = db.prepare(
    `INSERT INTO player_state (player_id, x, y, hp, xp, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (player_id) DO UPDATE SET x = excluded.x, y = excluded.y, hp = excluded.hp,
       xp = excluded.xp, updated_at = excluded.updated_at`,
  );
  const upsertInventory = db.prepare(
    `INSERT INTO inventory (player_id, slots_json) VALUES (?, ?)
     ON CONFLICT (player_id) DO UPDATE SET slots_json = excluded.slots_json`,
  );
  const upsertEquipment = db.prepare(
    `INSERT INTO equipment (player_id, slots_json) VALUES (?, ?)
     ON CONFLICT (player_id) DO UPDATE SET slots_json = excluded.slots_json`,
  );
  const upsertSkills = db.prepare(
    `INSERT INTO skills (player_id, xp_json) VALUES (?, ?)
     ON CONFLICT (player_id) DO UPDATE SET xp_json = excluded.xp_json`,
  );
  // What this process last wrote per player; valid because it is the only writer.
  const lastWritten = new Map<number, { inventory: string; equipment: string; skills: string }>();
  const select = db.prepare(
    `SELECT s.x, s.y, s.hp, s.xp, i.slots_json AS inventory, e.slots_json AS equipment, k.xp_json AS skills
     FROM player_state s
     LEFT JOIN inventory i ON i.player_id = s.player_id
     LEFT JOIN equipment e ON e.player_id = s.player_id
     LEFT JOIN skills k ON k.player_id = s.player_id
     WHERE s.player_id = ?`,
  );

  function load(playerId: number): PlayerProgress | null {
    const row = select.get(playerId) as ProgressRow | undefined;
    if (!row) return null;
    return {
      x: row.x,
      y: row.y,
      hp: row.hp,
      xp: row.xp,
      inventory: row.inventory ? decodeInventory(row.inventory) : [],
      equipment: row.equipment ? (JSON.parse(row.equipment) as Record<string, string>) : {},
      skills: row.skills ? (JSON.parse(row.skills) as Record<string, number>) : {},
    };
  }

  return {
    load,
    loadMany(playerIds) {
      const result = new Map<number, PlayerProgress>();
      db.transaction(() => {
        for (const id of playerIds) {
          const progress = load(id);
          if (progress) result.set(id, progress);
        }
      })();
      return result;
    },
    writeMany(entries, now) {
      for (const [playerId, progress] of entries) {
        upsertState.run(playerId, progress.x, progress.y, progress.hp, progress.xp, now);
        const written = lastWritten.get(playerId) ?? { inventory: '', equipment: '', skills: '' };
        // Parts that did not change since the last write cost nothing.
        const inventory = encodeInventory(progress.inventory);
        if (inventory !== written.inventory) upsertInventory.run(playerId, inventory);
        const equipment = JSON.stringify(progress.equipment);
        if (equipment !== written.equipment) upsertEquipment.run(playerId, equipment);
        const skills = JSON.stringify(progress.skills);
        if (skills !== written.skills) upsertSkills.run(playerId, skills);
        lastWritten.set(playerId, { inventory, equipment, skills });
      }
    },
    forget(playerId) {
      lastWritten.delete(playerId);
    },
  };
}
