/**
 * The host core's handle on the replay worker, started on first use. A
 * crashed worker fails the requests it held with a clear error and is
 * started afresh by the next request (its open replays must be opened
 * again).
 */
import { Worker } from 'node:worker_threads';
import type { StoredReplay } from '../persistence/replayStore';
import type { ReplayCommand, ReplayFrame, ReplayInfo, ReplayReply } from './replayWorkerProtocol';
import type { WhatIfResult, WhatIfVersion } from './whatIf';

type Request = ReplayCommand extends infer C
  ? C extends { requestId: number }
    ? Omit<C, 'requestId'>
    : never
  : never;

export class ReplayHost {
  private worker: Worker | null = null;
  private nextRequestId = 1;
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >();

  /** `workerUrl`: the built replayWorker.js, or replayWorker.ts under tests (tsx compiles it). */
  constructor(private readonly workerUrl: URL) {}

  open(stored: StoredReplay): Promise<ReplayInfo> {
    return this.request({ type: 'open', stored });
  }

  seek(matchId: number, tick: number): Promise<ReplayFrame> {
    return this.request({ type: 'seek', matchId, tick });
  }

  whatIf(
    matchId: number,
    fromTick: number,
    ticks: number,
    version: WhatIfVersion,
  ): Promise<WhatIfResult> {
    return this.request({ type: 'whatIf', matchId, fromTick, ticks, version });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private request<T>(command: Request): Promise<T> {
    const worker = this.start();
    const requestId = this.nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...command, requestId });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const url = this.workerUrl;
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`,
          { eval: true, name: 'arbiter-replay' },
        )
      : new Worker(url, { name: 'arbiter-replay' });
    worker.on('message', (reply: ReplayReply) => {
      const waiter = this.pending.get(reply.requestId);
      this.pending.delete(reply.requestId);
      if (reply.ok) waiter?.resolve(reply.value);
      else waiter?.reject(new Error(reply.message));
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      for (const waiter of this.pending.values())
        waiter.reject(new Error('the replay worker stopped; open the replay again'));
      this.pending.clear();
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
