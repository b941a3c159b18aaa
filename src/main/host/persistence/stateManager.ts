/**
 * The state manager: the one owner of every read and write of durable
 * state. Game rules never see the database; the host core calls this.
 *
 * - Progress (position, HP, XP, inventory, equipment, skills) is write-behind:
 *   `markDirty` keeps the newest copy in memory and `flush` writes every dirty
 *   player in one transaction, every sync interval, on a player's leave, at
 *   match end and on shutdown.
 * - Accounts, roles, bans, configs, match records and the event log are
 *   written at once, through `writeNow`; the caller acknowledges only after
 *   it returns.
 * - When the disk is full or read-only, writes fail with a clear error, the
 *   dirty progress stays in memory (retried next interval) and `warning`
 *   says so, so the match goes on.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { DatabaseOpenError, openDatabase, type OpenOptions } from './database';
import { createHistoryStore, type HistoryStore } from './historyStore';
import { createSettingsStore, type SettingsStore } from './settingsStore';
import { createPlayerStore, type PlayerStore } from './playerStore';
import { createProgressStore, type PlayerProgress, type ProgressStore } from './progressStore';
import { SCHEMA_VERSION } from './migrations';

export const DEFAULT_SYNC_INTERVAL_MS = 2000;

export interface StateManagerOptions extends OpenOptions {
  file: string;
  syncIntervalMs?: number;
  /** Wall clock, ms; injectable for tests. */
  now?: () => number;
  onWarning?: (warning: string | null) => void;
  /** After each write-behind flush that had work: how long it took (ms) and whether it committed. */
  onSync?: (ms: number, ok: boolean) => void;
  /** Each failed write (flush or immediate), with the message the warning shows. */
  onSaveFailed?: (message: string) => void;
}

export interface FlushResult {
  written: number;
  ms: number;
}

export class StateManager {
  readonly file: string;
  private db: Database;
  private playerStore: PlayerStore;
  private historyStore: HistoryStore;
  private settingsStore: SettingsStore;
  private progressStore: ProgressStore;
  private readonly dirty = new Map<number, PlayerProgress>();
  private timer: NodeJS.Timeout | null = null;
  private currentWarning: string | null = null;
  private readonly now: () => number;
  private readonly openOptions: OpenOptions;
  private closed = false;
  private stickyWarning: string | null = null;

  constructor(private readonly options: StateManagerOptions) {
    this.file = options.file;
    this.now = options.now ?? Date.now;
    this.openOptions = { nativeBinding: options.nativeBinding };
    this.db = openDatabase(this.file, this.openOptions);
    this.playerStore = createPlayerStore(this.db);
    this.historyStore = createHistoryStore(this.db);
    this.settingsStore = createSettingsStore(this.db);
    this.progressStore = createProgressStore(this.db);
  }

  /** Null when every write succeeds; otherwise what is wrong, for the UI. */
  get warning(): string | null {
    return this.currentWarning;
  }

  get dirtyCount(): number {
    return this.dirty.size;
  }

  /** Account reads and writes; writes are immediate. */
  get players(): PlayerStore {
    return this.playerStore;
  }

  /** Configs, matches and events; writes are immediate. */
  get history(): HistoryStore {
    return this.historyStore;
  }

  /** App settings (the LLM provider); writes are immediate. */
  get settings(): SettingsStore {
    return this.settingsStore;
  }

  /** The raw database, for stores that live beside this one (behavior library). */
  get database(): Database {
    return this.db;
  }

  /** Starts the sync-interval timer (write-behind). */
  start(): void {
    if (this.timer || this.closed) return;
    const interval = this.options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.timer = setInterval(() => this.flush(), interval);
    this.timer.unref();
  }

  /**
   * Runs `write` against the database now and returns its result; throws a
   * clear Error (and raises the warning) when storage fails, so nothing is
   * acknowledged that was not committed.
   */
  writeNow<T>(what: string, write: () => T): T {
    try {
      const result = this.db.transaction(write)();
      this.setWarning(null);
      return result;
    } catch (error) {
      throw this.storageError(what, error);
    }
  }

  loadProgress(playerId: number): PlayerProgress | null {
    return this.dirty.get(playerId) ?? this.progressStore.load(playerId);
  }

  loadManyProgress(playerIds: readonly number[]): Map<number, PlayerProgress> {
    const stored = this.progressStore.loadMany(playerIds);
    for (const id of playerIds) {
      const pending = this.dirty.get(id);
      if (pending) stored.set(id, pending);
    }
    return stored;
  }

  /** Records the newest progress of a player; written at the next flush. */
  markDirty(playerId: number, progress: PlayerProgress): void {
    this.dirty.set(playerId, progress);
  }

  /**
   * Writes every dirty player in one transaction. On a storage error the
   * dirty set is kept for the next try and the warning is raised.
   */
  flush(): FlushResult {
    if (this.dirty.size === 0 || this.closed) return { written: 0, ms: 0 };
    const started = performance.now();
    const batch = [...this.dirty];
    try {
      const now = this.now();
      // NORMAL: in WAL mode a commit survives a process crash without an fsync
      // (only a power cut can take the newest syncs); acknowledged writes stay FULL.
      this.db.pragma('synchronous = NORMAL');
      try {
        this.db.transaction(() => this.progressStore.writeMany(batch, now))();
      } finally {
        this.db.pragma('synchronous = FULL');
      }
    } catch (error) {
      for (const [id] of batch) this.progressStore.forget(id);
      this.storageError('saving progress', error);
      this.options.onSync?.(performance.now() - started, false);
      return { written: 0, ms: performance.now() - started };
    }
    // Only drop what was written: a markDirty during the write keeps its newer copy.
    for (const [id, progress] of batch) if (this.dirty.get(id) === progress) this.dirty.delete(id);
    this.setWarning(null);
    this.options.onSync?.(performance.now() - started, true);
    return { written: batch.length, ms: performance.now() - started };
  }

  /** A consistent copy of the live database at `destination` (SQLite online backup). */
  async backup(destination: string): Promise<void> {
    this.flush();
    await this.db.backup(destination);
  }

  /**
   * Replaces the live database with `source` after checking it is an intact
   * Arbiter database no newer than this program. A bad file changes nothing.
   */
  restore(source: string): void {
    validateBackup(source, this.openOptions);
    this.flush();
    this.db.close();
    for (const suffix of ['-wal', '-shm']) rmSync(this.file + suffix, { force: true });
    copyFileSync(source, this.file);
    this.db = openDatabase(this.file, this.openOptions);
    this.playerStore = createPlayerStore(this.db);
    this.historyStore = createHistoryStore(this.db);
    this.settingsStore = createSettingsStore(this.db);
    this.progressStore = createProgressStore(this.db);
    this.dirty.clear();
  }

  /** Flushes, stops the timer and closes the file. */
  close(): void {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush();
    this.closed = true;
    this.db.close();
  }

  private storageError(what: string, error: unknown): Error {
    const code = (error as { code?: string }).code ?? '';
    const reason =
      code === 'SQLITE_FULL'
        ? 'the disk is full'
        : code.startsWith('SQLITE_READONLY')
          ? 'the data folder is read-only'
          : code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN'
            ? 'the data folder cannot be written'
            : (error as Error).message;
    const message = `${what} failed: ${reason}; the match goes on in memory and unsaved progress is kept until saving works again`;
    this.setWarning(message);
    this.options.onSaveFailed?.(message);
    return new Error(message, { cause: error });
  }

  /** Raises a warning that no write clears (storage unusable for this run). */
  raiseWarning(warning: string): void {
    this.stickyWarning = warning;
    this.setWarning(warning);
  }

  private setWarning(warning: string | null): void {
    warning ??= this.stickyWarning;
    if (warning === this.currentWarning) return;
    this.currentWarning = warning;
    this.options.onWarning?.(warning);
  }
}

/** Throws a clear Error unless `file` is an intact Arbiter database this program can open. */
export function validateBackup(file: string, options: OpenOptions = {}): void {
  if (!existsSync(file)) throw new Error(`no backup file at ${file}`);
  let db: Database;
  try {
    db = openDatabase(file, { ...options, readonly: true });
  } catch (error) {
    throw new Error(`not a usable backup: ${(error as Error).message}`, { cause: error });
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new DatabaseOpenError(`integrity check failed: ${String(integrity)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new DatabaseOpenError(
        `the backup is from a newer Arbiter (schema ${version} > ${SCHEMA_VERSION})`,
      );
    }
    if (version === 0) throw new DatabaseOpenError('the backup holds no Arbiter data');
  } finally {
    db.close();
  }
}
