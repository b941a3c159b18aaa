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
 *
 * While paused, `step` runs exactly one tick; `setSpeed` runs the clock at
 * 0.25×–4× (a new match starts at 1×). Pause, resume and step run one at a
 * time: one asked while another is under way waits for it, then is judged
 * against the state it left (a step after a resume is refused, not lost).
 */
import { EventEmitter } from 'node:events';
import type { MapDef, MatchSettings } from '../../../shared/hostApi';
import type { ItemDefData } from '../../../shared/gameConfig';

export const MATCH_PHASES = ['lobby', 'starting', 'running', 'paused', 'ended'] as const;
export type MatchPhase = (typeof MATCH_PHASES)[number];

/** What a match needs of the engine (EngineHost is one). */
export interface MatchEngine {
  start(map: MapDef, settings: MatchSettings, items: ItemDefData[]): Promise<void>;
  stop(): Promise<void>;
  pause(): Promise<{ tick: number }>;
  resume(): Promise<{ tick: number }>;
  step(): Promise<{ tick: number }>;
  setSpeed(speed: number): Promise<void>;
}

/** Slowest and fastest simulation speed, times the tick rate. */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

/** The subsystems around a match, called in this order by `start` and `stop`. */
export interface MatchHooks {
  /** Before a running (or paused) match ends or is replaced: save and release avatars. */
  stopping(): Promise<void>;
  /** The new world runs: give everyone joined their avatar, tell friends and views. */
  started(): Promise<void>;
  /** Opens the history row of a new match; null when it could not be recorded. */
  recordStart(settings: MatchSettings, plan: MatchPlan): number | null;
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
  /** Simulation speed of the live match, times its tick rate. */
  speed = 1;
  /** The tick the last pause, resume or step left the match at (0 before any). */
  tick = 0;
  /** The clock operation under way: the next one waits for it. */
  private clockQueue: Promise<unknown> = Promise.resolve();

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
    this.speed = 1;
    this.tick = 0;
    this.settings = plan.settings;
    this.map = plan.map;
    this.recordId = this.hooks.recordStart(plan.settings, plan);
    this.move('running');
    await this.hooks.started();
  }

  pause(): Promise<void> {
    return this.clock(async () => {
      this.require('pause', ['running']);
      this.tick = (await this.engine.pause()).tick;
      this.move('paused');
    });
  }

  resume(): Promise<void> {
    return this.clock(async () => {
      this.require('resume', ['paused']);
      this.tick = (await this.engine.resume()).tick;
      this.move('running');
    });
  }

  /** Runs exactly one tick of a paused match; resolves to the tick after it. */
  step(): Promise<number> {
    return this.clock(async () => {
      this.require('step', ['paused']);
      this.tick = (await this.engine.step()).tick;
      return this.tick;
    });
  }

  /** Runs the live match at `speed` × its tick rate (MIN_SPEED..MAX_SPEED, else RangeError). */
  setSpeed(speed: number): Promise<void> {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
      return Promise.reject(
        new RangeError(`speed must be from ${MIN_SPEED} to ${MAX_SPEED}, got ${speed}`),
      );
    return this.clock(async () => {
      this.require('change the speed of', ['running', 'paused']);
      await this.engine.setSpeed(speed);
      this.speed = speed;
    });
  }

  /** Runs `operation` after the clock operation under way (whatever its outcome). */
  private clock<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.clockQueue.then(operation, operation);
    this.clockQueue = next.catch(() => {});
    return next;
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
