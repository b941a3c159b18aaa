/**
 * A match as an object with states, owning the sequence around the engine:
 *
 *   lobby ──start──▶ starting ──▶ running ◀──pause/resume──▶ paused
 *                       ▲            │                          │
 *                       │            └──────────stop────────────┴──▶ ended
 *                       └──────────── start (a new match) ◀─────────────┘
 *
 * `start` from running or paused replaces the match (its players are saved
 * first). A start that fails falls back to where it came from (lobby, or
 * ended when a match was replaced). Every change is emitted as a
 * `transition` event; an operation the current state does not allow throws
 * an InvalidTransition naming both.
 */
import { EventEmitter } from 'node:events';
import type { MapDef, MatchSettings } from '../../shared/hostApi';
import type { ItemDefData } from '../../shared/gameConfig';

export const MATCH_PHASES = ['lobby', 'starting', 'running', 'paused', 'ended'] as const;
export type MatchPhase = (typeof MATCH_PHASES)[number];

/** What a match needs of the engine (EngineHost is one). */
export interface MatchEngine {
  start(map: MapDef, settings: MatchSettings, items: ItemDefData[]): Promise<void>;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
}

/** The subsystems around a match, called in this order by `start` and `stop`. */
export interface MatchHooks {
  /** Before a running (or paused) match ends or is replaced: save and release avatars. */
  stopping(): Promise<void>;
  /** The new world runs: give everyone joined their avatar, tell friends and views. */
  started(): Promise<void>;
  /** Opens the history row of a new match; null when it could not be recorded. */
  recordStart(settings: MatchSettings): number | null;
  /** Closes a history row with the match's result (`stopped`, `replaced`). */
  recordEnd(recordId: number, result: string): void;
}

/** What `start` runs: the map, settings and item table, already checked. */
export interface MatchPlan {
  map: MapDef;
  settings: MatchSettings;
  items: ItemDefData[];
}

export interface MatchTransition {
  from: MatchPhase;
  to: MatchPhase;
}

/** An operation the match's state does not allow. */
export class InvalidTransition extends Error {
  constructor(
    readonly operation: string,
    readonly phase: MatchPhase,
    allowed: readonly MatchPhase[],
  ) {
    super(`cannot ${operation} the match while it is ${phase} (only when ${allowed.join(' or ')})`);
    this.name = 'InvalidTransition';
  }
}

export class Match extends EventEmitter<{ transition: [MatchTransition] }> {
  private current: MatchPhase = 'lobby';
  /** Settings of the running match, or of the next one while in the lobby. */
  settings: MatchSettings;
  map: MapDef | null = null;
  /** Row in the matches table, while a recorded match runs. */
  private recordId: number | null = null;

  constructor(
    private readonly engine: MatchEngine,
    private readonly hooks: MatchHooks,
    settings: MatchSettings,
  ) {
    super();
    this.settings = settings;
  }

  get phase(): MatchPhase {
    return this.current;
  }

  /** True while a world exists in the engine (running or paused). */
  get live(): boolean {
    return this.current === 'running' || this.current === 'paused';
  }

  /** Starts `plan`, replacing a live match. Resolves once it runs. */
  async start(plan: MatchPlan): Promise<void> {
    const from = this.require('start', ['lobby', 'running', 'paused', 'ended']);
    if (from === 'running' || from === 'paused') await this.hooks.stopping();
    this.move('starting');
    try {
      await this.engine.start(plan.map, plan.settings, plan.items);
    } catch (error) {
      // The engine dropped the old world before it failed, if there was one.
      this.closeRecord(from === 'running' || from === 'paused' ? 'replaced' : 'failed');
      this.move(from === 'lobby' ? 'lobby' : 'ended');
      throw error;
    }
    this.closeRecord('replaced');
    this.settings = plan.settings;
    this.map = plan.map;
    this.recordId = this.hooks.recordStart(plan.settings);
    this.move('running');
    await this.hooks.started();
  }

  async pause(): Promise<void> {
    this.require('pause', ['running']);
    await this.engine.pause();
    this.move('paused');
  }

  async resume(): Promise<void> {
    this.require('resume', ['paused']);
    await this.engine.resume();
    this.move('running');
  }

  /** Ends a live match (its players saved first); from the lobby or ended, nothing to do. */
  async stop(): Promise<void> {
    if (!this.live) return;
    await this.hooks.stopping();
    await this.engine.stop();
    this.closeRecord('stopped');
    this.move('ended');
  }

  /** True while a world exists (running or paused): the name handlers have always used. */
  get running(): boolean {
    return this.live;
  }

  /**
   * Closes the match's history row with `result` (the match clock ran out:
   * "team 1 won"; the host shuts down), once; the state does not change.
   */
  closeRecord(result: string): void {
    const id = this.recordId;
    this.recordId = null;
    if (id !== null) this.hooks.recordEnd(id, result);
  }

  private require(operation: string, allowed: readonly MatchPhase[]): MatchPhase {
    if (!allowed.includes(this.current))
      throw new InvalidTransition(operation, this.current, allowed);
    return this.current;
  }

  private move(to: MatchPhase): void {
    const from = this.current;
    this.current = to;
    this.emit('transition', { from, to });
  }
}
