/**
 * One live sandbox worker as the runner sees it: its thread handle, the
 * shared buffers its part of each batch travels in, the part in flight,
 * the authors it hosts and what their instances hold, and the watchdog's
 * view of what its thread is doing. Authors live in exactly one worker;
 * the runner splits each tick's groups between workers by author.
 */
import { performance } from 'node:perf_hooks';
import {
  createObservationBatch,
  type ObservationBatch,
} from '../../../../../engine/behavior/index';
import {
  BUSY_IDLE,
  CONTROL_BUSY,
  CONTROL_BUSY_SEQ,
  CONTROL_DONE_SEQ,
  type AuthorMemory,
} from './sandboxProtocol';
import type { SandboxWorkerHandle } from './sandboxWorkerHandle';
import { SharedBatchBuffers } from './sharedBatchBuffers';

export class LiveWorker {
  handle: SandboxWorkerHandle;
  readonly buffers = new SharedBatchBuffers();
  /** This worker's part of the batch in flight (owned here: the caller may reuse its batch). */
  readonly part: ObservationBatch = createObservationBatch(64);
  inFlight: { seq: number; tick: number; submittedAt: number } | null = null;
  /** Authors whose behaviors run here. */
  readonly authors = new Set<string>();
  /** The instances' memory as last reported. */
  memory: AuthorMemory[] = [];
  /** Group indices of the batch being split, and how many. */
  list = new Int32Array(16);
  listCount = 0;
  private watchedSeq = -1;
  private watchedSince = 0;

  constructor(
    readonly index: number,
    private readonly spawn: (worker: LiveWorker) => SandboxWorkerHandle,
  ) {
    this.handle = spawn(this);
  }

  /** A fresh thread in place of the current one (terminated, mid-batch if need be). */
  replace(): void {
    void this.handle.terminate();
    this.inFlight = null;
    this.memory = [];
    this.watchedSeq = -1;
    this.handle = this.spawn(this);
  }

  /** Ready, and not still busy with an earlier batch. */
  get canTake(): boolean {
    return this.inFlight === null && this.handle.isReady;
  }

  /** The batch in flight is finished (its actions are in `buffers.actions`). */
  get done(): boolean {
    return (
      this.inFlight !== null &&
      Atomics.load(this.handle.control, CONTROL_DONE_SEQ) === this.inFlight.seq
    );
  }

  /** Blocks the calling thread at most `ms` for the batch in flight to finish. */
  wait(ms: number): void {
    const until = performance.now() + ms;
    const control = this.handle.control;
    // Woken by any change of the done slot (or spuriously): wait on until it is this batch's.
    for (let left = ms; this.inFlight && !this.done && left > 0; left = until - performance.now()) {
      Atomics.wait(control, CONTROL_DONE_SEQ, Atomics.load(control, CONTROL_DONE_SEQ), left);
    }
  }

  addToList(group: number): void {
    if (this.listCount === this.list.length) {
      const grown = new Int32Array(this.list.length * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.listCount++] = group;
  }

  /**
   * How long, ms, the thread has been on the message it is handling now
   * (0 when idle). Sampled by the watchdog's timer: a message is timed
   * from the first sample that saw it.
   */
  busyFor(now = performance.now()): { busy: number; ms: number } {
    const control = this.handle.control;
    const busy = Atomics.load(control, CONTROL_BUSY);
    if (busy === BUSY_IDLE || !this.handle.isReady) {
      this.watchedSeq = -1;
      return { busy: BUSY_IDLE, ms: 0 };
    }
    const seq = Atomics.load(control, CONTROL_BUSY_SEQ);
    if (seq !== this.watchedSeq) {
      this.watchedSeq = seq;
      this.watchedSince = now;
    }
    return { busy, ms: now - this.watchedSince };
  }
}
