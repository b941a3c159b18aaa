/**
 * Accounts: who has played on this host, their role and ban. Every change
 * here is written at once (the caller acknowledges only after it returns).
 */
import type { Database } from 'better-sqlite3';

export type PlayerRole = 'host' | 'player';

export interface PlayerRecord {
  id: number;
  displayName: string;
  role: PlayerRole;
  banned: boolean;
  createdAt: number;
  lastSeen: number | null;
}

/** A row of the saves view: a known player with their level. */
export interface PlayerSummary extends PlayerRecord {
  xp: number;
}

export interface PlayerStore {
  create(
    displayName: string,
    role: PlayerRole,
    tokenHash: string | null,
    now: number,
  ): PlayerRecord;
  get(id: number): PlayerRecord | null;
  findByTokenHash(tokenHash: string): PlayerRecord | null;
  setRole(id: number, role: PlayerRole): void;
  setBanned(id: number, banned: boolean): void;
  rename(id: number, displayName: string): void;
  list(): PlayerSummary[];
}

interface PlayerRow {
  id: number;
  display_name: string;
  role: PlayerRole;
  banned: number;
  created_at: number;
  last_seen: number | null;
  xp?: number | null;
}

const toRecord = (row: PlayerRow): PlayerRecord => ({
  id: row.id,
  displayName: row.display_name,
  role: row.role,
  banned: row.banned === 1,
  createdAt: row.created_at,
  lastSeen: row.last_seen,
});

export function createPlayerStore(db: Database): PlayerStore {
  const insert = db.prepare(
    'INSERT INTO players (display_name, role, token_hash, created_at, last_seen) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare('SELECT * FROM players WHERE id = ?');
  const byToken = db.prepare('SELECT * FROM players WHERE token_hash = ?');
  const updateRole = db.prepare('UPDATE players SET role = ? WHERE id = ?');
  const updateBanned = db.prepare('UPDATE players SET banned = ? WHERE id = ?');
  const updateName = db.prepare('UPDATE players SET display_name = ? WHERE id = ?');
  const listAll = db.prepare(
    // A playing player's last sync is when they were last seen (syncs do not touch players).
    `SELECT p.id, p.display_name, p.role, p.banned, p.created_at,
       max(coalesce(p.last_seen, 0), coalesce(s.updated_at, 0)) AS last_seen, s.xp
     FROM players p LEFT JOIN player_state s ON s.player_id = p.id
     ORDER BY last_seen DESC, p.id`,
  );
  const mustChange = (result: { changes: number }, id: number) => {
    if (result.changes !== 1) throw new Error(`no player with id ${id}`);
  };

  return {
    create(displayName, role, tokenHash, now) {
      const result = insert.run(displayName, role, tokenHash, now, now);
      return toRecord(byId.get(result.lastInsertRowid) as PlayerRow);
    },
    get(id) {
      const row = byId.get(id) as PlayerRow | undefined;
      return row ? toRecord(row) : null;
    },
    findByTokenHash(tokenHash) {
      const row = byToken.get(tokenHash) as PlayerRow | undefined;
      return row ? toRecord(row) : null;
    },
    setRole(id, role) {
      mustChange(updateRole.run(role, id), id);
    },
    setBanned(id, banned) {
      mustChange(updateBanned.run(banned ? 1 : 0, id), id);
    },
    rename(id, displayName) {
      mustChange(updateName.run(displayName, id), id);
    },
    list() {
      return (listAll.all() as PlayerRow[]).map((row) => ({ ...toRecord(row), xp: row.xp ?? 0 }));
    },
  };
}
