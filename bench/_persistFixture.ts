/** Shared by the persist.* benches: a state file with N players' full progress. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlayerProgress } from '../src/main/host/persistence/progressStore';
import { StateManager } from '../src/main/host/persistence/stateManager';

export function progressFor(id: number, round: number): PlayerProgress {
  return {
    x: 100 + ((id * 7 + round) % 1400),
    y: 100 + ((id * 13 + round) % 800),
    hp: 50 + ((id + round) % 50),
    xp: id * 100 + round,
    inventory: Array.from({ length: 28 }, (_, slot) => ({
      slot,
      itemId: ['potion', 'arrow', 'bread', 'gem'][(slot + round) % 4],
      count: 1 + ((slot + round) % 20),
    })),
    equipment: { weapon: round % 2 ? 'bow' : 'sword', armor: 'leather', trinket: 'ring' },
    skills: { attack: id + round, defence: id, vitality: round },
  };
}

/** A fresh state file holding `players` players, each with saved progress. */
export function createPopulatedState(players: number): {
  state: StateManager;
  ids: number[];
  file: string;
} {
  const file = join(mkdtempSync(join(tmpdir(), 'arbiter-bench-')), 'arbiter.db');
  const state = new StateManager({ file });
  const ids = state.writeNow('create players', () =>
    Array.from(
      { length: players },
      (_, i) => state.players.create(`player${i}`, 'player', null, 1).id,
    ),
  );
  for (const id of ids) state.markDirty(id, progressFor(id, 0));
  state.flush();
  return { state, ids, file };
}
