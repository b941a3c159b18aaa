/**
 * Opens the host's state file in its data folder, deciding what a failure
 * means: a file that is not ours (foreign, corrupt, newer) stops the host
 * with a clear message and is never touched; a folder that cannot be
 * written lets the match go on in memory with a visible warning.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseOpenError } from './database';
import { StateManager, type StateManagerOptions } from './stateManager';

export const STATE_FILE_NAME = 'arbiter.db';

export interface OpenStateOptions extends Omit<StateManagerOptions, 'file'> {
  dataDir: string;
}

/** Throws DatabaseOpenError for a file that is not ours; falls back to memory otherwise. */
export function openStateManager(options: OpenStateOptions): StateManager {
  const { dataDir, ...rest } = options;
  const file = join(dataDir, STATE_FILE_NAME);
  try {
    mkdirSync(dataDir, { recursive: true });
    return new StateManager({ ...rest, file });
  } catch (error) {
    if (error instanceof DatabaseOpenError && !isUnwritable(error)) throw error;
    const state = new StateManager({ ...rest, file: ':memory:' });
    state.raiseWarning(
      `cannot save to ${dataDir} (${(error as Error).message}); this match runs in memory and nothing will be saved`,
    );
    return state;
  }
}

function isUnwritable(error: Error): boolean {
  const cause = (error.cause ?? {}) as { code?: string };
  const code = cause.code ?? '';
  return (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_IOERR')
  );
}
