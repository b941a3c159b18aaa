/**
 * Match recordings in SQLite: one `replays` row per recorded match (opened
 * at once, when the match starts), its input chunks and checkpoints
 * (compressed blobs) and its end. Chunks, checkpoints and the end are
 * write-behind: `queue` keeps them in memory and `flush` writes everything
 * queued in one transaction, every sync interval and on shutdown, so a tick
 * never waits on the disk. A failed flush keeps the rows for the next try.
 */
import type { Database } from 'better-sqlite3';

/** One queued write of a recording. */
export type ReplayRow =
  | { kind: 'chunk'; matchId: number; fromTick: number; toTick: number; data: Uint8Array }
  | { kind: 'checkpoint'; matchId: number; tick: number; hash: string; data: Uint8Array }
  | { kind: 'end'; matchId: number; tick: number; hash: string };

export interface ReplaySummary {
  matchId: number;
  format: number;
  startedAt: number;
  /** Null while it records, or when the host stopped before the match ended. */
  endTick: number | null;
  /** Ticks with input written so far (the playable length of an unfinished recording). */
  recordedTicks: number;
}

/** Everything stored of one recording, as read; blobs still compressed. */
export interface StoredReplay {
  matchId: number;
  format: number;
  header: unknown;
  end: { tick: number; hash: string } | null;
  chunks: Array<{ fromTick: number; toTick: number; data: Uint8Array }>;
  checkpoints: Array<{ tick: number; hash: string; data: Uint8Array }>;
}

export class ReplayStore {
  private pending: ReplayRow[] = [];
  private readonly insertReplay;
  private readonly insertChunk;
  private readonly insertCheckpoint;
  private readonly finish;
  private readonly selectList;
  private readonly selectReplay;
  private readonly selectChunks;
  private readonly selectCheckpoints;

  /** @param db the database it reads and writes (a restore brings another: make a new store). */
  constructor(readonly db: Database) {
    this.insertReplay = db.prepare(
      'INSERT OR REPLACE INTO replays (match_id, format, header_json, started_at) VALUES (?, ?, ?, ?)',
    );
    this.insertChunk = db.prepare(
      'INSERT OR REPLACE INTO replay_chunks (match_id, from_tick, to_tick, data) VALUES (?, ?, ?, ?)',
    );
    this.insertCheckpoint = db.prepare(
      'INSERT OR REPLACE INTO replay_checkpoints (match_id, tick, hash, data) VALUES (?, ?, ?, ?)',
    );
    this.finish = db.prepare('UPDATE replays SET end_tick = ?, end_hash = ? WHERE match_id = ?');
    this.selectList = db.prepare(
      `SELECT r.match_id, r.format, r.started_at, r.end_tick,
         (SELECT MAX(to_tick) FROM replay_chunks c WHERE c.match_id = r.match_id) AS recorded
       FROM replays r ORDER BY r.match_id DESC LIMIT ?`,
    );
    this.selectReplay = db.prepare('SELECT * FROM replays WHERE match_id = ?');
    this.selectChunks = db.prepare(
      'SELECT from_tick, to_tick, data FROM replay_chunks WHERE match_id = ? ORDER BY from_tick',
    );
    this.selectCheckpoints = db.prepare(
      'SELECT tick, hash, data FROM replay_checkpoints WHERE match_id = ? ORDER BY tick',
    );
  }

  /** Opens the recording of match `matchId` (written now: the caller runs it in writeNow). */
  open(matchId: number, format: number, header: unknown, now: number): void {
    this.insertReplay.run(matchId, format, JSON.stringify(header), now);
  }

  /** Keeps `row` for the next flush. */
  queue(row: ReplayRow): void {
    this.pending.push(row);
  }

  get queued(): number {
    return this.pending.length;
  }

  /** Writes every queued row in one transaction; throws (keeping them queued) when storage fails. */
  flush(): number {
    if (this.pending.length === 0) return 0;
    const batch = this.pending;
    this.pending = [];
    try {
      this.db.transaction(() => {
        for (const row of batch) this.write(row);
      })();
    } catch (error) {
      this.pending = batch.concat(this.pending);
      throw error;
    }
    return batch.length;
  }

  list(limit: number): ReplaySummary[] {
    type Row = {
      match_id: number;
      format: number;
      started_at: number;
      end_tick: number | null;
      recorded: number | null;
    };
    return (this.selectList.all(limit) as Row[]).map((row) => ({
      matchId: row.match_id,
      format: row.format,
      startedAt: row.started_at,
      endTick: row.end_tick,
      recordedTicks: row.end_tick ?? row.recorded ?? 0,
    }));
  }

  /** The stored recording of `matchId`, or null when none was recorded. */
  load(matchId: number): StoredReplay | null {
    type Head = {
      match_id: number;
      format: number;
      header_json: string;
      end_tick: number | null;
      end_hash: string | null;
    };
    const head = this.selectReplay.get(matchId) as Head | undefined;
    if (!head) return null;
    type Chunk = { from_tick: number; to_tick: number; data: Buffer };
    type Checkpoint = { tick: number; hash: string; data: Buffer };
    return {
      matchId,
      format: head.format,
      header: JSON.parse(head.header_json),
      end:
        head.end_tick === null || head.end_hash === null
          ? null
          : { tick: head.end_tick, hash: head.end_hash },
      chunks: (this.selectChunks.all(matchId) as Chunk[]).map((c) => ({
        fromTick: c.from_tick,
        toTick: c.to_tick,
        data: c.data,
      })),
      checkpoints: (this.selectCheckpoints.all(matchId) as Checkpoint[]).map((c) => ({
        tick: c.tick,
        hash: c.hash,
        data: c.data,
      })),
    };
  }

  private write(row: ReplayRow): void {
    if (row.kind === 'chunk') this.insertChunk.run(row.matchId, row.fromTick, row.toTick, row.data);
    else if (row.kind === 'checkpoint')
      this.insertCheckpoint.run(row.matchId, row.tick, row.hash, row.data);
    else this.finish.run(row.tick, row.hash, row.matchId);
  }
}
