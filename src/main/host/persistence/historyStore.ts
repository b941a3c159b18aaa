/**
 * Named configs, match history and the event log: written at once, read by
 * the saves view.
 */
import type { Database } from 'better-sqlite3';

export interface MatchRecord {
  id: number;
  config: unknown;
  startedAt: number;
  endedAt: number | null;
  result: string | null;
  scoreboard: unknown;
}

export interface EventRecord {
  id: number;
  at: number;
  kind: string;
  playerId: number | null;
  data: unknown;
}

/** What the event log records. */
export type EventKind =
  'join' | 'leave' | 'kick' | 'ban' | 'unban' | 'behavior_load' | 'config_change' | 'restore';

export interface HistoryStore {
  saveConfig(name: string, config: unknown, isDefault: boolean, now: number): void;
  getConfig(name: string): unknown;
  defaultConfig(): { name: string; config: unknown } | null;
  listConfigs(): Array<{ name: string; isDefault: boolean; updatedAt: number }>;
  deleteConfig(name: string): boolean;
  startMatch(config: unknown, now: number): number;
  endMatch(id: number, result: string, scoreboard: unknown, now: number): void;
  listMatches(limit: number): MatchRecord[];
  logEvent(kind: EventKind, playerId: number | null, data: unknown, now: number): void;
  listEvents(limit: number): EventRecord[];
}

export function createHistoryStore(db: Database): HistoryStore {
  const upsertConfig = db.prepare(
    `INSERT INTO configs (name, json, is_default, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET json = excluded.json, is_default = excluded.is_default,
       updated_at = excluded.updated_at`,
  );
  const clearDefault = db.prepare(
    'UPDATE configs SET is_default = 0 WHERE is_default = 1 AND name <> ?',
  );
  const selectConfig = db.prepare('SELECT json FROM configs WHERE name = ?');
  const selectDefault = db.prepare('SELECT name, json FROM configs WHERE is_default = 1');
  const selectConfigs = db.prepare(
    'SELECT name, is_default, updated_at FROM configs ORDER BY name',
  );
  const removeConfig = db.prepare('DELETE FROM configs WHERE name = ?');
  const insertMatch = db.prepare('INSERT INTO matches (config_json, started_at) VALUES (?, ?)');
  const finishMatch = db.prepare(
    'UPDATE matches SET ended_at = ?, result = ?, scoreboard_json = ? WHERE id = ?',
  );
  const selectMatches = db.prepare('SELECT * FROM matches ORDER BY id DESC LIMIT ?');
  const insertEvent = db.prepare(
    'INSERT INTO event_log (at, kind, player_id, data_json) VALUES (?, ?, ?, ?)',
  );
  const selectEvents = db.prepare('SELECT * FROM event_log ORDER BY id DESC LIMIT ?');

  const saveConfig = db.transaction(
    (name: string, config: unknown, isDefault: boolean, now: number) => {
      if (isDefault) clearDefault.run(name);
      upsertConfig.run(name, JSON.stringify(config), isDefault ? 1 : 0, now);
    },
  );

  return {
    saveConfig: (name, config, isDefault, now) => saveConfig(name, config, isDefault, now),
    getConfig(name) {
      const row = selectConfig.get(name) as { json: string } | undefined;
      return row ? JSON.parse(row.json) : null;
    },
    defaultConfig() {
      const row = selectDefault.get() as { name: string; json: string } | undefined;
      return row ? { name: row.name, config: JSON.parse(row.json) } : null;
    },
    listConfigs() {
      return (
        selectConfigs.all() as Array<{ name: string; is_default: number; updated_at: number }>
      ).map((row) => ({
        name: row.name,
        isDefault: row.is_default === 1,
        updatedAt: row.updated_at,
      }));
    },
    deleteConfig: (name) => removeConfig.run(name).changes === 1,
    startMatch: (config, now) =>
      Number(insertMatch.run(JSON.stringify(config), now).lastInsertRowid),
    endMatch(id, result, scoreboard, now) {
      finishMatch.run(now, result, JSON.stringify(scoreboard), id);
    },
    listMatches(limit) {
      type Row = {
        id: number;
        config_json: string;
        started_at: number;
        ended_at: number | null;
        result: string | null;
        scoreboard_json: string | null;
      };
      return (selectMatches.all(limit) as Row[]).map((row) => ({
        id: row.id,
        config: JSON.parse(row.config_json),
        startedAt: row.started_at,
        endedAt: row.ended_at,
        result: row.result,
        scoreboard: row.scoreboard_json ? JSON.parse(row.scoreboard_json) : null,
      }));
    },
    logEvent(kind, playerId, data, now) {
      insertEvent.run(now, kind, playerId, JSON.stringify(data ?? {}));
    },
    listEvents(limit) {
      type Row = {
        id: number;
        at: number;
        kind: string;
        player_id: number | null;
        data_json: string;
      };
      return (selectEvents.all(limit) as Row[]).map((row) => ({
        id: row.id,
        at: row.at,
        kind: row.kind,
        playerId: row.player_id,
        data: JSON.parse(row.data_json),
      }));
    },
  };
}
