/**
 * The runner's record of every loaded behavior: the code it can reinstall
 * after a sandbox restart, its slot (the number observation groups carry),
 * suspension, last error and rejection counts. The runner's side of the
 * truth: a restarted worker is rebuilt from it.
 */
import {
  REJECT_REASON_COUNT,
  REJECT_REASON_NAMES,
  type RejectReason,
} from '../../../../../engine/behavior/index';
import type { BehaviorError } from './behaviorError';
import type { SandboxWorkerHandle } from './sandboxWorkerHandle';

export interface RegistryEntry {
  behaviorId: string;
  slot: number;
  version: number;
  author: string;
  /** Stripped JavaScript of the installed version. */
  code: string;
  suspended: BehaviorError | null;
  lastError: BehaviorError | null;
  /** Errors reported since this version was installed. */
  errorCount: number;
  /** Rejected action fields since this version was installed, by REJECT_* index. */
  rejections: Uint32Array;
  /** The worker this version is installed in (null while a reinstall is pending). */
  installedIn: SandboxWorkerHandle | null;
}

/** A loaded behavior as callers see it. */
export interface BehaviorStatus {
  behaviorId: string;
  slot: number;
  version: number;
  author: string;
  suspended: BehaviorError | null;
  lastError: BehaviorError | null;
  errorCount: number;
  rejections: Record<RejectReason, number>;
}

export class BehaviorRegistry {
  private readonly byId = new Map<string, RegistryEntry>();
  private readonly slots = new Map<number, RegistryEntry>();
  private readonly reserved = new Set<number>();

  get(behaviorId: string): RegistryEntry | undefined {
    return this.byId.get(behaviorId);
  }

  bySlot(slot: number): RegistryEntry | undefined {
    return this.slots.get(slot);
  }

  all(): RegistryEntry[] {
    return [...this.byId.values()];
  }

  /** The lowest slot neither used nor reserved; reserved until `add` or `release`. */
  reserveSlot(): number {
    let slot = 0;
    while (this.slots.has(slot) || this.reserved.has(slot)) slot++;
    this.reserved.add(slot);
    return slot;
  }

  release(slot: number): void {
    this.reserved.delete(slot);
  }

  /** Records a freshly installed version (replacing the entry of the same id). */
  add(
    entry: Omit<RegistryEntry, 'rejections' | 'errorCount' | 'lastError' | 'suspended'>,
  ): RegistryEntry {
    this.reserved.delete(entry.slot);
    const full: RegistryEntry = {
      ...entry,
      suspended: null,
      lastError: null,
      errorCount: 0,
      rejections: new Uint32Array(REJECT_REASON_COUNT),
    };
    this.byId.set(entry.behaviorId, full);
    this.slots.set(entry.slot, full);
    return full;
  }

  remove(behaviorId: string): void {
    const entry = this.byId.get(behaviorId);
    if (!entry) return;
    this.byId.delete(behaviorId);
    this.slots.delete(entry.slot);
  }

  status(behaviorId: string): BehaviorStatus | null {
    const e = this.byId.get(behaviorId);
    if (!e) return null;
    const rejections = {} as Record<RejectReason, number>;
    REJECT_REASON_NAMES.forEach((name, i) => (rejections[name] = e.rejections[i]));
    return {
      behaviorId: e.behaviorId,
      slot: e.slot,
      version: e.version,
      author: e.author,
      suspended: e.suspended,
      lastError: e.lastError,
      errorCount: e.errorCount,
      rejections,
    };
  }
}
