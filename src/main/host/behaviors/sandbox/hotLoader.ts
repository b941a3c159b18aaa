/**
 * Hot-load: a new behavior version is stripped, compiled and dry-run on
 * sample observations in the validator worker; only if it passes is it
 * installed in the live worker, where the swap happens between two
 * batches (messages are handled in order) and agents' memory is carried
 * over (through the new version's `migrate`, when it exports one). A
 * version that fails leaves the running one in place and returns its
 * errors with line and column. Hot-loads run one at a time, in order.
 */
import { performance } from 'node:perf_hooks';
import { sandboxError, type BehaviorError } from './behaviorError';
import type { BehaviorRegistry, RegistryEntry } from './behaviorRegistry';
import type { DryRunLogLine, SandboxSettings, ValidateResult } from './sandboxProtocol';
import { SandboxWorkerHandle } from './sandboxWorkerHandle';
import type { BehaviorLanguage } from './stripTypes';

export interface HotLoadRequest {
  /** Library id of the behavior: the name agents are assigned to. */
  behaviorId: string;
  /** Library version being loaded. */
  version: number;
  /** Whose runtime (memory limit, CPU bucket) it runs in. */
  author: string;
  source: string;
  /** Default 'javascript'. */
  language?: BehaviorLanguage;
  /** Carry agents' memory over from the running version (default true). */
  keepMemory?: boolean;
}

export interface HotLoadResult {
  ok: boolean;
  behaviorId: string;
  version: number;
  /** The slot it runs in (-1 when it failed and none was running). */
  slot: number;
  /** Why it failed (strip, compile, install, dry-run or sandbox errors), with positions. */
  errors: BehaviorError[];
  /** What the dry run printed (see ValidateResult). */
  console: DryRunLogLine[];
  /** Migrate errors of single agents (the load still succeeded; those agents start with `{}`). */
  warnings: BehaviorError[];
  memoryKept: number;
  memoryDropped: number;
  /** Strip + compile + dry run in the validator, ms. */
  validateMs: number;
  /** Compile + memory carry-over + swap in the live worker, ms. */
  installMs: number;
  /** From the call to the swap, ms (includes queueing behind a running batch). */
  totalMs: number;
  /** The first tick whose observations the new version decides on (null when it failed). */
  runningFromTick: number | null;
}

/** Sources whose dry run passed, remembered so an accept of checked code skips a second run. */
const PASSED_CACHE_SIZE = 16;

export class HotLoader {
  private validator: SandboxWorkerHandle | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  /** language + source → a passing validation (insertion order: oldest first). */
  private readonly passed = new Map<string, ValidateResult>();

  constructor(
    /** The live worker an author's behaviors are installed in. */
    private readonly live: (author: string) => SandboxWorkerHandle,
    private readonly registry: BehaviorRegistry,
    private readonly workerUrl: URL,
    private readonly settings: SandboxSettings,
    private readonly validateTimeoutMs: number,
    private readonly currentTick: () => number,
  ) {}

  hotLoad(request: HotLoadRequest): Promise<HotLoadResult> {
    const next = this.chain.then(() => this.load(request));
    this.chain = next.catch(() => {});
    return next;
  }

  /** Installs `entry`'s code in `worker` with fresh memory (after a sandbox restart, or a resume). */
  reinstall(entry: RegistryEntry, worker: SandboxWorkerHandle): void {
    const requestId = worker.newRequestId();
    worker
      .request(
        {
          type: 'install',
          requestId,
          slot: entry.slot,
          behaviorId: entry.behaviorId,
          version: entry.version,
          author: entry.author,
          code: entry.code,
          keepMemory: false,
          tick: this.currentTick(),
        },
        'installed',
      )
      .then((reply) => {
        if (reply.result.ok) entry.installedIn = worker;
        else entry.lastError = reply.result.error ?? null;
      })
      .catch(() => {
        // The worker died before answering; the next restart reinstalls again.
      });
  }

  /** Starts the validator now, so the first hot-load does not pay for its start. */
  prepare(): Promise<void> {
    return this.ensureValidator().ready;
  }

  async dispose(): Promise<void> {
    await this.validator?.terminate();
    this.validator = null;
  }

  private async load(request: HotLoadRequest): Promise<HotLoadResult> {
    const started = performance.now();
    const existing = this.registry.get(request.behaviorId);
    const result: HotLoadResult = {
      ok: false,
      behaviorId: request.behaviorId,
      version: request.version,
      slot: existing?.slot ?? -1,
      errors: [],
      console: [],
      warnings: [],
      memoryKept: 0,
      memoryDropped: 0,
      validateMs: 0,
      installMs: 0,
      totalMs: 0,
      runningFromTick: null,
    };
    const finish = () => {
      result.totalMs = performance.now() - started;
      return result;
    };
    const validated = await this.validate(request);
    result.validateMs = validated.elapsedMs;
    result.console = validated.console;
    if (!validated.ok) {
      result.errors = validated.errors;
      return finish();
    }
    const slot = existing?.slot ?? this.registry.reserveSlot();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.install(request, validated.code, slot, result);
        break;
      } catch (error) {
        // The live sandbox restarted (a stall) while the install waited: once more, in the new one.
        if (attempt === 0) continue;
        result.errors = [
          sandboxError(
            'sandbox',
            'Restarted',
            `the sandbox restarted during the load: ${String(error)}`,
          ),
        ];
        break;
      }
    }
    if (!result.ok && !existing) this.registry.release(slot);
    return finish();
  }

  /** Installs validated `code` in the live worker and records it; throws if the worker dies first. */
  private async install(
    request: HotLoadRequest,
    code: string,
    slot: number,
    result: HotLoadResult,
  ): Promise<void> {
    const live = this.live(request.author);
    // Installs are handled between batches, in order: the batch after the last one submitted runs it.
    const tick = this.currentTick();
    const reply = await live.request(
      {
        type: 'install',
        requestId: live.newRequestId(),
        slot,
        behaviorId: request.behaviorId,
        version: request.version,
        author: request.author,
        code,
        keepMemory: request.keepMemory ?? true,
        tick,
      },
      'installed',
    );
    const installed = reply.result;
    result.installMs = installed.elapsedMs;
    if (!installed.ok) {
      result.errors = installed.error ? [installed.error] : [];
      return;
    }
    result.ok = true;
    result.runningFromTick = tick + 1;
    result.slot = slot;
    result.memoryKept = installed.memoryKept;
    result.memoryDropped = installed.memoryDropped;
    result.warnings = installed.migrateErrors;
    this.registry.add({
      behaviorId: request.behaviorId,
      slot,
      version: request.version,
      author: request.author,
      code,
      installedIn: live,
    });
  }

  /**
   * Dry run in the validator worker, which is restarted when one overruns
   * `validateTimeoutMs`. The same source in the same sandbox settings gives
   * the same result, so a source that passed (the editor checks what it is
   * about to accept) is not run again.
   */
  async validate(request: HotLoadRequest): Promise<ValidateResult> {
    const key = `${request.language ?? 'javascript'}\0${request.source}`;
    const known = this.passed.get(key);
    if (known) return { ...known, elapsedMs: 0 };
    const result = await this.dryRun(request);
    if (result.ok) {
      this.passed.set(key, result);
      if (this.passed.size > PASSED_CACHE_SIZE)
        this.passed.delete(this.passed.keys().next().value!);
    }
    return result;
  }

  private async dryRun(request: HotLoadRequest): Promise<ValidateResult> {
    const validator = this.ensureValidator();
    const failed = (error: BehaviorError): ValidateResult => ({
      ok: false,
      code: '',
      errors: [error],
      console: [],
      elapsedMs: this.validateTimeoutMs,
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.validateTimeoutMs);
    });
    try {
      await Promise.race([validator.ready, timeout]);
      const reply = await Promise.race([
        validator.request(
          {
            type: 'validate',
            requestId: validator.newRequestId(),
            behaviorId: request.behaviorId,
            author: request.author,
            source: request.source,
            language: request.language ?? 'javascript',
          },
          'validated',
        ),
        timeout,
      ]);
      if (reply !== 'timeout') return reply.result;
      await this.restartValidator();
      return failed(
        sandboxError(
          'dry-run',
          'Stall',
          `the dry run did not finish within ${this.validateTimeoutMs} ms`,
        ),
      );
    } catch (error) {
      await this.restartValidator();
      return failed(
        sandboxError(
          'dry-run',
          'SandboxError',
          `the dry run crashed the sandbox: ${String(error)}`,
        ),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private ensureValidator(): SandboxWorkerHandle {
    if (this.validator?.alive) return this.validator;
    this.validator = new SandboxWorkerHandle(
      this.workerUrl,
      'validator',
      this.settings,
      () => {},
      () => {
        this.validator = null;
      },
    );
    return this.validator;
  }

  private async restartValidator(): Promise<void> {
    const old = this.validator;
    this.validator = null;
    await old?.terminate();
  }
}
