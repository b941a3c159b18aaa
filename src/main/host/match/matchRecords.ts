import type { StateManager } from '../persistence/stateManager';

/**
 * A match's row in the history: opened when it starts, closed with its
 * result. A failed write raises the storage warning (the state manager's
 * job) and never stops the match: it runs unrecorded.
 */

/** Opens the row of a match starting now; null when it could not be written. */
export function recordMatchStart(state: StateManager, settings: unknown): number | null {
  try {
    return state.writeNow('recording the match', () =>
      state.history.startMatch(settings, Date.now()),
    );
  } catch {
    return null; // the warning is up; the match runs unrecorded
  }
}

/** Closes row `id` with `result` and the last scoreboard. */
export function recordMatchEnd(
  state: StateManager,
  id: number,
  result: string,
  scoreboard: unknown,
): void {
  try {
    state.writeNow('recording the match end', () =>
      state.history.endMatch(id, result, scoreboard ?? null, Date.now()),
    );
  } catch {
    // the warning is up
  }
}
