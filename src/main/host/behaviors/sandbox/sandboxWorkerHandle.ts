/**
 * The runner's handle on one sandbox worker thread: spawning it (from the
 * built .js, or the .ts source through tsx under tests), its control
 * block, request/reply pairing, and termination. Replies still pending
 * when the worker dies are rejected, so no caller waits forever.
 */
import { Worker } from 'node:worker_threads';
import {
  BUSY_IDLE,
  CONTROL_BUSY,
  CONTROL_BUSY_SEQ,
  CONTROL_INTS,
  type RunnerToWorker,
  type SandboxSettings,
  type WorkerToRunner,
} from './sandboxProtocol';

/**
 * Native stack of a sandbox thread, MiB. QuickJS's own stack limit is
 * counted in wasm memory, but its recursion also consumes the thread's
 * native stack; with 16 MiB, QuickJS throws its catchable "stack overflow"
 * long before V8 would throw inside wasm (which would leave the instance
 * inconsistent). Measured: a 256 KiB QuickJS limit needs under 4 MiB.
 */
export const SANDBOX_STACK_MB = 16;

type Reply = Extract<WorkerToRunner, { type: 'installed' | 'validated' }>;

export class SandboxWorkerHandle {
  readonly control: Int32Array;
  /** Resolves when the worker has loaded and warmed up QuickJS. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (reply: Reply) => void; reject: (e: Error) => void }
  >();
  private nextRequestId = 1;
  private exited = false;
  private terminating = false;
  private started = false;

  constructor(
    workerUrl: URL,
    role: 'live' | 'validator',
    settings: SandboxSettings,
    /** Every message that is not a reply (reports, faults). */
    onMessage: (message: WorkerToRunner) => void,
    /** The worker is gone without `terminate()` being called: a crash or a fault. */
    onUnexpectedExit: (code: number) => void,
  ) {
    const shared = new SharedArrayBuffer(CONTROL_INTS * Int32Array.BYTES_PER_ELEMENT);
    this.control = new Int32Array(shared);
    this.control.fill(-1);
    this.control[CONTROL_BUSY] = BUSY_IDLE;
    this.control[CONTROL_BUSY_SEQ] = 0;
    const options = {
      name: `arbiter-sandbox-${role}`,
      resourceLimits: { stackSizeMb: SANDBOX_STACK_MB },
    };
    this.worker = workerUrl.pathname.endsWith('.ts')
      ? // Node 20 does not pass `--import tsx` loader hooks into workers; tsx's API does.
        new Worker(
          `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(workerUrl.href)}, ${JSON.stringify(workerUrl.href)}))`,
          { ...options, eval: true },
        )
      : new Worker(workerUrl, options);
    let resolveReady: () => void = () => {};
    let rejectReady: (error: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    // A rejected `ready` nobody awaits must not become an unhandled rejection.
    this.ready.catch(() => {});
    this.worker.on('message', (message: WorkerToRunner) => {
      if (message.type === 'ready') {
        this.started = true;
        resolveReady();
      }
      if (message.type === 'installed' || message.type === 'validated') {
        const waiter = this.pending.get(message.requestId);
        this.pending.delete(message.requestId);
        waiter?.resolve(message);
        return;
      }
      onMessage(message);
    });
    this.worker.on('error', () => {
      // Followed by 'exit'; the exit handler does the bookkeeping.
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      const error = new Error(`the sandbox worker exited (code ${code})`);
      rejectReady(error);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
      if (!this.terminating) onUnexpectedExit(code);
    });
    this.post({ type: 'init', role, settings, control: shared });
  }

  get alive(): boolean {
    return !this.exited && !this.terminating;
  }

  /** Alive and done loading: a batch posted now starts running at once. */
  get isReady(): boolean {
    return this.started && this.alive;
  }

  post(message: RunnerToWorker): void {
    if (this.alive) this.worker.postMessage(message);
  }

  /** Posts a request and resolves with its reply; rejects if the worker dies first. */
  request<T extends Reply['type']>(
    message: RunnerToWorker & { requestId: number },
    _reply: T,
  ): Promise<Extract<Reply, { type: T }>> {
    if (!this.alive) return Promise.reject(new Error('the sandbox worker is not running'));
    return new Promise((resolve, reject) => {
      this.pending.set(message.requestId, {
        resolve: (reply) => resolve(reply as Extract<Reply, { type: T }>),
        reject,
      });
      this.post(message);
    });
  }

  newRequestId(): number {
    return this.nextRequestId++;
  }

  /** Stops the thread now, even in the middle of a batch; resolves once it is gone. */
  async terminate(): Promise<void> {
    if (this.exited) return;
    this.terminating = true;
    await this.worker.terminate();
  }
}

/**
 * The sandbox worker's entry: the built sandboxWorker.js beside the bundle
 * this code is in (out/main), or sandboxWorker.ts beside this file when it
 * runs from source. Decided from the path alone: when tsx loads a module
 * through `tsImport` (the engine worker from source), its `import.meta.url`
 * carries a query after the `.ts`.
 */
export function defaultSandboxWorkerUrl(): URL {
  const fromSource = new URL(import.meta.url).pathname.endsWith('.ts');
  return new URL(fromSource ? './sandboxWorker.ts' : './sandboxWorker.js', import.meta.url);
}
