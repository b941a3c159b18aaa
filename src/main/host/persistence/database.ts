/**
 * Opens the host's SQLite file: refuses anything that is not an Arbiter
 * database (never overwriting it), sets WAL mode and migrates.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations';

/** `PRAGMA application_id` of an Arbiter database: "ARBT". */
export const APPLICATION_ID = 0x41524254;
const SQLITE_HEADER = 'SQLite format 3\0';

export class DatabaseOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenOptions {
  /** Path to a better-sqlite3 build for another runtime (Electron's ABI). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens or creates the database at `file`. Throws DatabaseOpenError with a
 * reason a person can act on: not SQLite, another program's SQLite file,
 * corrupt, newer than this program, a read-only or missing folder.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const existed = existsSync(file);
  if (existed) checkHeader(file);
  let db: Database;
  try {
    db = new BetterSqlite3(file, {
      nativeBinding: options.nativeBinding,
      readonly: options.readonly ?? false,
    });
  } catch (error) {
    throw new DatabaseOpenError(`cannot open ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    if (existed) checkIdentity(db, file);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL: a commit we acknowledge is on disk, not only in the OS cache.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 2000');
      if (!existed) db.pragma(`application_id = ${APPLICATION_ID}`);
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(`cannot use ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function checkHeader(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = readSync(fd, header, 0, 16, 0);
    if (read === 0) return; // an empty file becomes a new database
    if (read < 16 || header.toString('latin1') !== SQLITE_HEADER) {
      throw new DatabaseOpenError(
        `${file} is not an SQLite database; Arbiter will not overwrite it (move it away or pick another --data-dir)`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

function checkIdentity(db: Database, file: string): void {
  let applicationId: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new Error(String(quick));
  } catch (error) {
    throw new DatabaseOpenError(
      `${file} is damaged (${(error as Error).message}); Arbiter will not overwrite it — restore a backup`,
      { cause: error },
    );
  }
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const isEmpty =
    (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n === 0;
  if (applicationId !== APPLICATION_ID && !(isEmpty && userVersion === 0 && applicationId === 0)) {
    throw new DatabaseOpenError(
      `${file} is an SQLite database of another program; Arbiter will not overwrite it`,
    );
  }
}
