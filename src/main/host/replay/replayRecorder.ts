/**
 * The host core's side of match recording: binds the engine worker's
 * recording (by serial) to the match's history row, compresses what the
 * worker posts off the main thread (zlib's thread pool) and queues it in the
 * replay store, which writes it every sync interval (write-behind). A
 * storage failure raises the state manager's warning and keeps the rows for
 * the next try; the match goes on.
 */
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import type { MapDef, MatchSettings } from '../../../shared/hostApi';
import type { ItemDefData } from '../../../shared/gameConfig';
import type { StateManager } from '../persistence/stateManager';
import { ReplayStore, type ReplayRow } from '../persistence/replayStore';
import { REPLAY_FORMAT, type RecordingEvent } from './replayFormat';

const deflateAsync = promisify(deflate);

/** What a replay needs to rebuild the world: the match's settings, map and item table. */
export interface ReplayHeader {
  settings: MatchSettings;
  map: MapDef;
  items: ItemDefData[];
}

/** Most events kept for a recording not yet bound to a match row (then dropped). */
const MAX_EARLY_EVENTS = 256;

export class ReplayRecorder {
  private store: ReplayStore | null = null;
  private readonly matchOf = new Map<number, number>();
  private early: RecordingEvent[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly state: StateManager) {}

  /** The store on the state manager's current database (a restore replaces it). */
  replays(): ReplayStore {
    if (!this.store || this.store.db !== this.state.database)
      this.store = new ReplayStore(this.state.database);
    return this.store;
  }

  /** Writes queued rows every `intervalMs`. */
  start(intervalMs: number): void {
    this.timer ??= setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  /**
   * Match `matchId` (its history row) is recording `serial`: opens its
   * replay row now and queues what the worker already posted for it.
   */
  begin(matchId: number, serial: number, header: ReplayHeader): void {
    try {
      this.state.writeNow('recording the replay', () =>
        this.replays().open(matchId, REPLAY_FORMAT, header, Date.now()),
      );
    } catch {
      return; // the warning is up; this match is not recorded
    }
    this.matchOf.set(serial, matchId);
    const early = this.early.filter((event) => event.serial === serial);
    this.early = this.early.filter((event) => event.serial > serial);
    for (const event of early) this.handle(event);
  }

  /** An event from the engine worker. */
  handle(event: RecordingEvent): void {
    const matchId = this.matchOf.get(event.serial);
    if (matchId === undefined) {
      if (this.early.length < MAX_EARLY_EVENTS) this.early.push(event);
      return;
    }
    if (event.kind === 'end') {
      this.matchOf.delete(event.serial);
      this.track(Promise.resolve({ kind: 'end', matchId, tick: event.tick, hash: event.hash }));
    } else if (event.kind === 'chunk') {
      const json = JSON.stringify({ entries: event.entries, behaviors: event.behaviors });
      const { fromTick, toTick } = event;
      this.track(
        deflateAsync(json).then((data) => ({ kind: 'chunk', matchId, fromTick, toTick, data })),
      );
    } else {
      const { tick, hash } = event;
      this.track(
        deflateAsync(event.state).then((data) => ({
          kind: 'checkpoint',
          matchId,
          tick,
          hash,
          data,
        })),
      );
    }
  }

  /** Writes what is queued; a storage failure keeps it queued and raises the warning. */
  flush(): void {
    const store = this.replays();
    if (store.queued === 0) return;
    const db = this.state.database;
    try {
      // NORMAL, as the progress flush: a crash keeps the commits, only a power cut can lose the newest.
      db.pragma('synchronous = NORMAL');
      this.state.writeNow('saving the replay', () => store.flush());
    } catch {
      // the warning is up; the rows stay queued for the next interval
    } finally {
      db.pragma('synchronous = FULL');
    }
  }

  /** Waits for compressions under way, then writes everything queued. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
    this.flush();
  }

  /** Stops the timer and writes everything (shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settle();
  }

  private track(row: Promise<ReplayRow>): void {
    const done: Promise<void> = row.then(
      (value) => {
        this.inFlight.delete(done);
        this.replays().queue(value);
      },
      () => void this.inFlight.delete(done),
    );
    this.inFlight.add(done);
  }
}
