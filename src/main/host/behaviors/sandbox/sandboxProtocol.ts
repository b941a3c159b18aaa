/**
 * Messages between the behavior runner (on the engine's thread) and a
 * sandbox worker, and the shared control block. Commands and their replies
 * travel by postMessage, in order, so an install posted between two
 * batches takes effect between those two ticks. Batches travel through
 * shared memory: the runner writes records into a SharedArrayBuffer, posts
 * a small `batch` message, and the worker writes actions into another
 * SharedArrayBuffer and publishes the batch's sequence number in the
 * control block, which the runner can wait on synchronously.
 */
import type { BehaviorError } from './behaviorError';
import type { GuestLogLine } from './behaviorInstance';
import type { ConsoleBatch } from './consoleLimiter';
import type { CpuBudget } from './cpuBucket';
import type { SandboxLimits } from './authorRuntime';
import type { BehaviorLanguage } from './stripTypes';

/** Int32 slots of the control block. */
export const CONTROL_DONE_SEQ = 0;
/** Slot of the behavior running now, -1 between groups: names the culprit of a stall. */
export const CONTROL_RUNNING_SLOT = 1;
/** What the worker's thread is doing now: one of the BUSY_* values. */
export const CONTROL_BUSY = 2;
/** Counts the messages the worker has started: the watchdog tells one long message from two. */
export const CONTROL_BUSY_SEQ = 3;
export const CONTROL_INTS = 4;

/** CONTROL_BUSY values. Anything but idle may be running guest code. */
export const BUSY_IDLE = 0;
export const BUSY_BATCH = 1;
export const BUSY_INSTALL = 2;
export const BUSY_VALIDATE = 3;

/** Wasm memory one author's instance holds, bytes. */
export interface AuthorMemory {
  author: string;
  bytes: number;
}

/** Settings a sandbox worker starts with. */
export interface SandboxSettings {
  /** Seeds every batch's Math.random (with the tick and the behavior id). */
  matchSeed: number;
  /** Item ids by item index (resources/items.json order): what behaviors see as `item`. */
  itemIds: readonly string[];
  limits: SandboxLimits;
  budget: CpuBudget;
  /** Consecutive failed ticks after which a behavior is suspended. */
  suspendAfterFailures: number;
  /** Ticks between two error events of the same behavior (errors in between are counted). */
  errorEventIntervalTicks: number;
  /** Deadline of each dry-run tick, ms. */
  dryRunMs: number;
}

export interface InstallRequest {
  slot: number;
  behaviorId: string;
  version: number;
  author: string;
  /** JavaScript (already stripped and dry-run). */
  code: string;
  /** Carry agents' memory over from the version in `slot`, through `migrate` when it exports one. */
  keepMemory: boolean;
  /** Tick the swap happens at (memory bookkeeping). */
  tick: number;
}

export interface InstallResult {
  ok: boolean;
  error?: BehaviorError;
  /** Agents whose memory was kept and dropped; migrate errors. */
  memoryKept: number;
  memoryDropped: number;
  migrateErrors: BehaviorError[];
  /** Compile + memory carry-over + swap, ms. */
  elapsedMs: number;
}

export interface ValidateRequest {
  behaviorId: string;
  author: string;
  source: string;
  language: BehaviorLanguage;
}

export interface ValidateResult {
  ok: boolean;
  /** The JavaScript to install (types stripped). */
  code: string;
  errors: BehaviorError[];
  /** What the behavior printed during the dry run (bounded as in a match), with the sample tick. */
  console: DryRunLogLine[];
  /** Strip + compile + dry run, ms. */
  elapsedMs: number;
}

/** A dry run's console line: a guest line and the sample tick it was printed at; `dropped` on a notice. */
export interface DryRunLogLine extends GuestLogLine {
  tick: number;
  dropped?: number;
}

/** Something about one behavior worth telling the runner's listeners. */
export type SandboxEvent =
  | {
      type: 'error';
      slot: number;
      behaviorId: string;
      version: number;
      error: BehaviorError;
      /** Errors since the last error event of this behavior. */
      count: number;
    }
  | { type: 'suspended'; slot: number; behaviorId: string; version: number; error: BehaviorError }
  /** The author's instance ended (memory cap, fault): this behavior is uninstalled and suspended. */
  | { type: 'ended'; slot: number; behaviorId: string; version: number; error: BehaviorError }
  | { type: 'memoryReset'; slot: number; behaviorId: string; agents: number }
  /** console lines of one batch (bounded by the guest) and how many the guest dropped. */
  | ({ type: 'log'; slot: number } & ConsoleBatch);

export type RunnerToWorker =
  | {
      type: 'init';
      role: 'live' | 'validator';
      settings: SandboxSettings;
      control: SharedArrayBuffer;
    }
  | ({ type: 'install'; requestId: number } & InstallRequest)
  | ({ type: 'validate'; requestId: number } & ValidateRequest)
  | { type: 'unload'; slot: number }
  | { type: 'resume'; slot: number }
  /** One agent's memory, for the inspector: answered by a `memory` message. */
  | { type: 'memory'; requestId: number; slot: number; agentId: number }
  | {
      type: 'batch';
      seq: number;
      tick: number;
      tickRate: number;
      ticksLeft: number;
      /** Records (Float64, `length` doubles used) and groups (GROUP_FIELDS ints each). */
      records: SharedArrayBuffer;
      length: number;
      groups: SharedArrayBuffer;
      groupCount: number;
      /** Where the actions go: ACTION_STRIDE doubles per record. */
      actions: SharedArrayBuffer;
    };

export type WorkerToRunner =
  | { type: 'ready'; warmupMs: number }
  | { type: 'installed'; requestId: number; result: InstallResult }
  | { type: 'validated'; requestId: number; result: ValidateResult }
  /** JSON of the agent's memory, or null (none, not serialisable, not installed here). */
  | { type: 'memory'; requestId: number; json: string | null }
  | {
      type: 'report';
      seq: number;
      tick: number;
      elapsedMs: number;
      events: SandboxEvent[];
      memory: AuthorMemory[];
    }
  /** After an install or unload: what it did to instances (an end, memory returned). */
  | { type: 'events'; events: SandboxEvent[]; memory: AuthorMemory[] }
  | { type: 'fault'; message: string; slot: number };
