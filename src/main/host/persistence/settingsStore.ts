/**
 * Named app settings as JSON (today: the LLM provider). The caller
 * validates what it reads back: a setting written by an older version may
 * no longer fit.
 */
import type { Database } from 'better-sqlite3';

export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown, now: number): void;
}

export function createSettingsStore(db: Database): SettingsStore {
  const select = db.prepare('SELECT json FROM app_settings WHERE name = ?');
  const upsert = db.prepare(
    `INSERT INTO app_settings (name, json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
  );
  return {
    get(name) {
      const row = select.get(name) as { json: string } | undefined;
      if (!row) return undefined;
      try {
        return JSON.parse(row.json) as unknown;
      } catch {
        return undefined;
      }
    },
    set(name, value, now) {
      upsert.run(name, JSON.stringify(value), now);
    },
  };
}
