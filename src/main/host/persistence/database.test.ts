import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, DatabaseOpenError, openDatabase } from './database';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations';

const tempFile = (name = 'arbiter.db') => join(mkdtempSync(join(tmpdir(), 'arbiter-db-')), name);

describe('openDatabase', () => {
  it('creates a WAL database at the current schema version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const file = tempFile();
    writeFileSync(file, 'my thesis, chapter 1\n'.repeat(100));
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(/not an SQLite database/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("refuses another program's SQLite file and leaves it untouched", () => {
    const file = tempFile();
    const foreign = new BetterSqlite3(file);
    foreign.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')");
    foreign.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/another program/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged database and leaves it untouched', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.prepare('INSERT INTO players (display_name, created_at, role) VALUES (?, ?, ?)').run(
      'a',
      1,
      'host',
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    // Keep the header, scribble over the schema and table pages.
    for (let i = 100; i < bytes.length; i += 7) bytes[i] = 0xa5;
    writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(/damaged|malformed|not a database/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a database newer than the program', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this program/);
  });

  it('says clearly when the folder does not exist', () => {
    expect(() => openDatabase('/nonexistent-arbiter-folder/x.db')).toThrow(/cannot open/);
  });
});

describe('migrations', () => {
  it('upgrades a first-version database to the current one with its data intact', () => {
    const file = tempFile();
    const v1 = new BetterSqlite3(file);
    v1.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(v1, 1);
    v1.prepare('INSERT INTO players (id, display_name, created_at, role) VALUES (7, ?, ?, ?)').run(
      'Ada',
      1000,
      'host',
    );
    v1.prepare('INSERT INTO player_state VALUES (7, 10.5, 20.25, 80, 1234, 1000)').run();
    v1.prepare(`INSERT INTO inventory VALUES (7, '[0,"potion",3]')`).run();
    v1.prepare("INSERT INTO configs VALUES ('default', '{}', 1, 1000)").run();
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT display_name, last_seen FROM players WHERE id = 7').get()).toEqual({
      display_name: 'Ada',
      last_seen: 1000,
    });
    expect(db.prepare('SELECT x, y, hp, xp FROM player_state').get()).toEqual({
      x: 10.5,
      y: 20.25,
      hp: 80,
      xp: 1234,
    });
    expect(db.prepare('SELECT slots_json FROM inventory').get()).toEqual({
      slots_json: '[0,"potion",3]',
    });
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'behaviors'").get(),
    ).toEqual({ n: 1 });
    db.close();
  });

  it('a failed migration leaves the file untouched', () => {
    const file = tempFile();
    const db = new BetterSqlite3(file);
    migrate(db, 1);
    db.prepare('INSERT INTO players (display_name, created_at, role) VALUES (?, ?, ?)').run(
      'Bo',
      5,
      'player',
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    const broken = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        name: 'broken',
        up(target: typeof db) {
          target.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('disk on fire');
        },
      },
    ];
    expect(() => migrate(db, SCHEMA_VERSION + 1, broken)).toThrow(
      /migration \d+ \(broken\) failed: disk on fire/,
    );
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(
      db
        .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('half_done', 'behaviors')")
        .get(),
    ).toEqual({ n: 0 });
    expect(db.prepare('SELECT display_name FROM players').get()).toEqual({ display_name: 'Bo' });
    db.close();
  });
});
