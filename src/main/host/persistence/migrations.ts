/**
 * Versioned schema migrations. `PRAGMA user_version` holds the version a
 * database is at; each migration moves it up by one inside the same
 * transaction as its DDL, so a failed migration leaves the file as it was.
 * Never edit a shipped migration: add the next one.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'players, progress, configs, matches, event log',
    up(db) {
      db.exec(`
        CREATE TABLE players (
          id INTEGER PRIMARY KEY,
          display_name TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          token_hash TEXT UNIQUE,
          role TEXT NOT NULL CHECK (role IN ('host', 'player')),
          banned INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE player_state (
          player_id INTEGER PRIMARY KEY REFERENCES players(id) ON DELETE CASCADE,
          x REAL NOT NULL,
          y REAL NOT NULL,
          hp REAL NOT NULL,
          xp INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        -- One row per player and part: a sync rewrites a player's 28 slots with one
        -- statement instead of 28 (a 1,000-player sync must stay under 15 ms).
        CREATE TABLE inventory (
          player_id INTEGER PRIMARY KEY REFERENCES players(id) ON DELETE CASCADE,
          slots_json TEXT NOT NULL
        );
        CREATE TABLE equipment (
          player_id INTEGER PRIMARY KEY REFERENCES players(id) ON DELETE CASCADE,
          slots_json TEXT NOT NULL
        );
        CREATE TABLE skills (
          player_id INTEGER PRIMARY KEY REFERENCES players(id) ON DELETE CASCADE,
          xp_json TEXT NOT NULL
        );
        CREATE TABLE configs (
          name TEXT PRIMARY KEY,
          json TEXT NOT NULL,
          is_default INTEGER NOT NULL DEFAULT 0,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE matches (
          id INTEGER PRIMARY KEY,
          config_json TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          result TEXT,
          scoreboard_json TEXT
        );
        CREATE TABLE event_log (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          kind TEXT NOT NULL,
          player_id INTEGER,
          data_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX event_log_at ON event_log(at);
      `);
    },
  },
  {
    version: 2,
    name: 'behavior library, last seen',
    up(db) {
      db.exec(`
        ALTER TABLE players ADD COLUMN last_seen INTEGER;
        UPDATE players SET last_seen = created_at;
        CREATE TABLE behaviors (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          current_version INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE behavior_versions (
          behavior_id INTEGER NOT NULL REFERENCES behaviors(id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          description TEXT NOT NULL,
          code TEXT NOT NULL,
          author TEXT NOT NULL,
          tags_json TEXT NOT NULL,
          complexity INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          PRIMARY KEY (behavior_id, version)
        );
      `);
    },
  },
  {
    version: 3,
    name: 'behavior library ids, names, languages and rollbacks per version',
    up(db) {
      db.exec(`
        ALTER TABLE behaviors ADD COLUMN slug TEXT;
        UPDATE behaviors SET slug = 'behavior-' || id;
        CREATE UNIQUE INDEX behaviors_slug ON behaviors(slug);
        ALTER TABLE behavior_versions ADD COLUMN name TEXT NOT NULL DEFAULT '';
        ALTER TABLE behavior_versions ADD COLUMN language TEXT NOT NULL DEFAULT 'javascript';
        ALTER TABLE behavior_versions ADD COLUMN restored_from INTEGER;
        UPDATE behavior_versions SET name =
          (SELECT b.name FROM behaviors b WHERE b.id = behavior_versions.behavior_id);
      `);
    },
  },
  {
    version: 4,
    name: 'app settings (LLM provider)',
    up(db) {
      db.exec(`
        CREATE TABLE app_settings (
          name TEXT PRIMARY KEY,
          json TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 5,
    name: 'match recordings: header, input chunks, checkpoints',
    up(db) {
      db.exec(`
        CREATE TABLE replays (
          match_id INTEGER PRIMARY KEY REFERENCES matches(id) ON DELETE CASCADE,
          format INTEGER NOT NULL,
          header_json TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          end_tick INTEGER,
          end_hash TEXT
        );
        CREATE TABLE replay_chunks (
          match_id INTEGER NOT NULL REFERENCES replays(match_id) ON DELETE CASCADE,
          from_tick INTEGER NOT NULL,
          to_tick INTEGER NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (match_id, from_tick)
        );
        CREATE TABLE replay_checkpoints (
          match_id INTEGER NOT NULL REFERENCES replays(match_id) ON DELETE CASCADE,
          tick INTEGER NOT NULL,
          hash TEXT NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (match_id, tick)
        );
      `);
    },
  },
  {
    version: 6,
    name: 'behavior versions: a note, where each came from, a run-time crash',
    up(db) {
      db.exec(`
        ALTER TABLE behavior_versions ADD COLUMN note TEXT NOT NULL DEFAULT '';
        ALTER TABLE behavior_versions ADD COLUMN origin TEXT NOT NULL DEFAULT 'hand';
        ALTER TABLE behavior_versions ADD COLUMN crash_json TEXT;
        UPDATE behavior_versions SET origin = 'rollback' WHERE restored_from IS NOT NULL;
      `);
    },
  },
  {
    version: 7,
    name: 'behavior drafts: code kept with its errors, never loaded',
    up(db) {
      db.exec(`
        CREATE TABLE behavior_drafts (
          author TEXT NOT NULL,
          draft_key TEXT NOT NULL,
          behavior_slug TEXT,
          name TEXT NOT NULL,
          code TEXT NOT NULL,
          language TEXT NOT NULL,
          errors_json TEXT NOT NULL,
          saved_at INTEGER NOT NULL,
          PRIMARY KEY (author, draft_key)
        );
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Brings `db` from its stored version up to `target` (default: the newest),
 * all steps in one transaction. Throws, leaving the file untouched, when a
 * step fails or when the file is newer than this program.
 */
export function migrate(db: Database, target = SCHEMA_VERSION, migrations = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `the database is at schema version ${current}, newer than this program's ${SCHEMA_VERSION}; update Arbiter to open it`,
    );
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) {
      try {
        migration.up(db);
      } catch (error) {
        throw new Error(
          `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  return target;
}
