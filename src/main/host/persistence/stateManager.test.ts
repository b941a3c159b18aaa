import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlayerProgress } from './progressStore';
import { StateManager, validateBackup } from './stateManager';

const folder = () => mkdtempSync(join(tmpdir(), 'arbiter-state-'));
const open: StateManager[] = [];
function manager(file: string, extra: Partial<ConstructorParameters<typeof StateManager>[0]> = {}) {
  const state = new StateManager({ file, syncIntervalMs: 50, ...extra });
  open.push(state);
  return state;
}
afterEach(() => {
  for (const state of open.splice(0)) {
    try {
      state.close();
    } catch {
      // already closed or broken on purpose
    }
  }
});

function progress(seed: number): PlayerProgress {
  return {
    x: 100 + seed,
    y: 200 + seed / 2,
    hp: 75,
    xp: seed * 10,
    inventory: Array.from({ length: 28 }, (_, slot) => ({
      slot,
      itemId: slot % 2 ? 'potion' : 'arrow',
      count: slot + 1,
    })),
    equipment: { weapon: 'bow', armor: 'leather', trinket: 'ring' },
    skills: { combat: seed, gathering: 3 },
  };
}

describe('StateManager', () => {
  it('writes progress behind: nothing until a flush, everything after it', () => {
    const file = join(folder(), 'a.db');
    const state = manager(file);
    const player = state.writeNow('create player', () =>
      state.players.create('Ada', 'host', 'hash-a', 1),
    );
    state.markDirty(player.id, progress(1));
    const reader = new BetterSqlite3(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM player_state').get()).toEqual({ n: 0 });
    expect(state.flush().written).toBe(1);
    expect(reader.prepare('SELECT x, xp FROM player_state').get()).toEqual({ x: 101, xp: 10 });
    reader.close();
    state.close();
    const again = manager(file);
    expect(again.loadProgress(player.id)).toEqual(progress(1));
  });

  it('flushes on its sync interval by itself', async () => {
    const state = manager(join(folder(), 'b.db'));
    const player = state.writeNow('create', () => state.players.create('Bo', 'player', null, 1));
    state.start();
    state.markDirty(player.id, progress(2));
    // The 50 ms interval's flush, however late a busy machine runs it.
    await expect.poll(() => state.dirtyCount, { timeout: 20_000 }).toBe(0);
  });

  it('writes accounts, bans and configs at once', () => {
    const file = join(folder(), 'c.db');
    const state = manager(file);
    const player = state.writeNow('create', () =>
      state.players.create('Cy', 'player', 'hash-c', 5),
    );
    state.writeNow('ban', () => state.players.setBanned(player.id, true));
    state.writeNow('config', () => state.history.saveConfig('duel', { tickRate: 30 }, true, 6));
    const reader = new BetterSqlite3(file, { readonly: true });
    expect(reader.prepare('SELECT banned FROM players WHERE id = ?').get(player.id)).toEqual({
      banned: 1,
    });
    expect(reader.prepare('SELECT name, is_default FROM configs').get()).toEqual({
      name: 'duel',
      is_default: 1,
    });
    reader.close();
    expect(state.players.findByTokenHash('hash-c')?.banned).toBe(true);
    expect(() => state.writeNow('ban', () => state.players.setBanned(999, true))).toThrow(
      /no player with id 999/,
    );
  });

  it('keeps dirty progress and warns when the disk is full, then recovers', () => {
    const warnings: Array<string | null> = [];
    const state = manager(join(folder(), 'd.db'), { onWarning: (w) => warnings.push(w) });
    const ids = state.writeNow('create', () =>
      Array.from({ length: 50 }, (_, i) => state.players.create(`p${i}`, 'player', null, 1).id),
    );
    const pages = state.database.pragma('page_count', { simple: true }) as number;
    state.database.pragma(`max_page_count = ${pages}`);
    for (const id of ids) state.markDirty(id, progress(id));
    expect(state.flush().written).toBe(0);
    expect(state.warning).toMatch(/disk is full.*match goes on in memory/);
    expect(state.dirtyCount).toBe(50);
    expect(() =>
      state.writeNow('create', () => {
        for (let i = 0; i < 500; i++)
          state.players.create(`late${i}`.padEnd(200, '.'), 'player', null, 1);
      }),
    ).toThrow(/disk is full/);
    state.database.pragma('max_page_count = 1073741823');
    expect(state.flush().written).toBe(50);
    expect(state.warning).toBeNull();
    expect(warnings[0]).toMatch(/disk is full/);
    expect(warnings.at(-1)).toBeNull();
  });

  it('backs up a consistent copy and restores it; a bad file restores nothing', async () => {
    const dir = folder();
    const state = manager(join(dir, 'live.db'));
    const player = state.writeNow('create', () => state.players.create('Di', 'host', null, 1));
    state.markDirty(player.id, progress(4));
    await state.backup(join(dir, 'backup.db'));
    validateBackup(join(dir, 'backup.db'));
    state.writeNow('rename', () => state.players.rename(player.id, 'Changed'));
    writeFileSync(join(dir, 'junk.db'), 'not a database at all, just text'.repeat(10));
    expect(() => state.restore(join(dir, 'junk.db'))).toThrow(/not a usable backup/);
    expect(state.players.get(player.id)?.displayName).toBe('Changed');
    state.restore(join(dir, 'backup.db'));
    expect(state.players.get(player.id)?.displayName).toBe('Di');
    expect(state.loadProgress(player.id)).toEqual(progress(4));
    expect(readFileSync(join(dir, 'junk.db'), 'utf8')).toMatch(/^not a database/);
  });

  it('lists players with their XP and last seen for the saves view', () => {
    const state = manager(join(folder(), 'e.db'), { now: () => 42 });
    const a = state.writeNow('create', () => state.players.create('Al', 'player', null, 10));
    state.markDirty(a.id, progress(7));
    state.flush();
    expect(state.players.list()).toEqual([
      expect.objectContaining({ displayName: 'Al', xp: 70, lastSeen: 42 }),
    ]);
  });
});
