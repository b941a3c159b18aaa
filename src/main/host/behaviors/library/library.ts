/**
 * The behavior library: named behaviors with their full version history.
 * Every save is a new version (versions are never edited), rollback is a
 * new version with an old version's content, delete removes a behavior
 * and its history. `BehaviorStore` is the contract the persistence layer
 * will implement on SQLite; `InMemoryBehaviorStore` implements it now.
 * Input is validated with zod where it enters; failures throw
 * BehaviorStoreError with a code and a message that names the field.
 */
import { z } from 'zod';

export const BEHAVIOR_COMPLEXITIES = ['simple', 'moderate', 'advanced'] as const;
export type BehaviorComplexity = (typeof BEHAVIOR_COMPLEXITIES)[number];

/** Largest behavior source accepted, characters. */
export const MAX_BEHAVIOR_CODE_LENGTH = 64 * 1024;

const tag = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'tags are 1-32 of a-z, 0-9 and -');

/** Where a version came from: typed in the editor, written by the LLM, or a rollback. */
export const BEHAVIOR_ORIGINS = ['hand', 'llm', 'rollback'] as const;
export type BehaviorOrigin = (typeof BEHAVIOR_ORIGINS)[number];

/** Longest note on a version (the LLM prompt is cut to it). */
export const MAX_VERSION_NOTE_LENGTH = 500;

/**
 * Fields of one version only: a later save does not inherit them (a new
 * version without a note has none; a rollback is marked by the store).
 */
const versionFields = {
  note: z.string().max(MAX_VERSION_NOTE_LENGTH),
  origin: z.enum(['hand', 'llm']),
};

const behaviorFields = {
  name: z.string().trim().min(1).max(80),
  description: z.string().max(2000),
  code: z.string().min(1).max(MAX_BEHAVIOR_CODE_LENGTH),
  language: z.enum(['javascript', 'typescript']),
  author: z.string().trim().min(1).max(64),
  tags: z.array(tag).max(16),
  complexity: z.enum(BEHAVIOR_COMPLEXITIES),
};

/** What a save carries (create: all but id/tags/complexity/language required). */
export const behaviorInputSchema = z.object({
  ...behaviorFields,
  description: behaviorFields.description.default(''),
  language: behaviorFields.language.default('javascript'),
  tags: behaviorFields.tags.default([]),
  complexity: behaviorFields.complexity.default('simple'),
  note: versionFields.note.default(''),
  origin: versionFields.origin.default('hand'),
});
export type BehaviorInput = z.input<typeof behaviorInputSchema>;

/**
 * A later save: any subset of the fields; `author` is who saved this
 * version. No defaults: a field the patch leaves out keeps its value (zod
 * applies a default even inside `.partial()`).
 */
export const behaviorPatchSchema = z
  .object({ ...behaviorFields, ...versionFields })
  .partial()
  .extend({ author: behaviorFields.author });
export type BehaviorPatch = z.input<typeof behaviorPatchSchema>;

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'ids are 1-64 of a-z, 0-9 and -');
const versionSchema = z.number().int().min(1);

/** One version of a behavior. Timestamps are ISO 8601 strings. */
export interface BehaviorRecord {
  id: string;
  version: number;
  name: string;
  description: string;
  code: string;
  language: 'javascript' | 'typescript';
  /** Who saved this version. */
  author: string;
  tags: string[];
  complexity: BehaviorComplexity;
  /** When version 1 was saved. */
  createdAt: string;
  /** When this version was saved. */
  updatedAt: string;
  /** For a rollback: the version whose content this one restored. */
  restoredFrom?: number;
  /** A short note on this version: the LLM prompt, or the modder's words ('' for none). */
  note: string;
  origin: BehaviorOrigin;
  /** The first run-time error this version met in a match, if it ever crashed. */
  crash?: VersionCrash;
}

/** A run-time error remembered on the version that threw it. */
export interface VersionCrash {
  message: string;
  line: number | null;
  /** When it happened, ISO 8601. */
  at: string;
}

/** A behavior in a listing: its latest version without the code. */
export type BehaviorSummary = Omit<BehaviorRecord, 'code'>;

export interface BehaviorQuery {
  /** Case-insensitive substring of the name. */
  name?: string;
  tag?: string;
  author?: string;
}

export type BehaviorStoreErrorCode = 'invalid' | 'not_found' | 'conflict';

export class BehaviorStoreError extends Error {
  constructor(
    readonly code: BehaviorStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BehaviorStoreError';
  }
}

/** The library contract. Every method validates its input and throws BehaviorStoreError. */
export interface BehaviorStore {
  /** Latest versions matching `query`, by name. */
  list(query?: BehaviorQuery): Promise<BehaviorSummary[]>;
  /** The latest version, or `version`; null when there is none. */
  get(id: string, version?: number): Promise<BehaviorRecord | null>;
  /** Saves version 1 of a new behavior. `id` defaults to a slug of the name; a taken id is a conflict. */
  create(input: BehaviorInput, id?: string): Promise<BehaviorRecord>;
  /**
   * Saves a new version with `patch` applied to the latest. With
   * `expectedVersion`, fails with 'conflict' if the latest is another one
   * (someone saved in between).
   */
  update(id: string, patch: BehaviorPatch, expectedVersion?: number): Promise<BehaviorRecord>;
  /** Every version, oldest first. */
  versions(id: string): Promise<BehaviorRecord[]>;
  /** Saves a new version whose content is version `version`'s. */
  rollback(id: string, version: number, author: string): Promise<BehaviorRecord>;
  /** Deletes the behavior and its history; false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /**
   * Remembers that `version` crashed at run time (its first crash only);
   * true when this is news. Unknown behaviors and versions are ignored.
   */
  markCrashed(id: string, version: number, crash: Omit<VersionCrash, 'at'>): Promise<boolean>;
}

/**
 * The content of a new version saved over `latest` with `changes`: fields
 * the patch names replace the latest's, and the version's own fields (note,
 * origin, crash, rollback mark) start fresh.
 */
export function nextVersion(
  latest: BehaviorRecord,
  changes: BehaviorPatch & { author: string },
): BehaviorRecord {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const next: BehaviorRecord = {
    ...latest,
    ...defined,
    note: changes.note ?? '',
    origin: changes.origin ?? 'hand',
  };
  delete next.restoredFrom;
  delete next.crash;
  return next;
}

/** The content of a rollback to `target`: its code and fields, marked as restored from it. */
export function rollbackVersion(target: BehaviorRecord, author: string): BehaviorRecord {
  const next: BehaviorRecord = {
    ...target,
    author,
    restoredFrom: target.version,
    origin: 'rollback',
    note: '',
  };
  delete next.crash;
  return next;
}

/** The in-memory store (tests, and until persistence backs the library). */
export class InMemoryBehaviorStore implements BehaviorStore {
  private readonly behaviors = new Map<string, BehaviorRecord[]>();

  /** `now` gives the time of each save (injectable for tests). */
  constructor(private readonly now: () => Date = () => new Date()) {}

  async list(query: BehaviorQuery = {}): Promise<BehaviorSummary[]> {
    const name = query.name?.toLowerCase();
    const out: BehaviorSummary[] = [];
    for (const history of this.behaviors.values()) {
      const latest = history[history.length - 1];
      if (name && !latest.name.toLowerCase().includes(name)) continue;
      if (query.tag && !latest.tags.includes(query.tag)) continue;
      if (query.author && latest.author !== query.author) continue;
      const { code: _code, ...summary } = latest;
      out.push(summary);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async get(id: string, version?: number): Promise<BehaviorRecord | null> {
    const history = this.behaviors.get(parse(idSchema, id, 'id'));
    if (!history) return null;
    if (version === undefined) return clone(history[history.length - 1]);
    const found = history.find((r) => r.version === parse(versionSchema, version, 'version'));
    return found ? clone(found) : null;
  }

  async create(input: BehaviorInput, id?: string): Promise<BehaviorRecord> {
    const data = parse(behaviorInputSchema, input, 'behavior');
    const key = id === undefined ? this.freeId(slug(data.name)) : parse(idSchema, id, 'id');
    if (this.behaviors.has(key))
      throw new BehaviorStoreError('conflict', `behavior ${key} already exists`);
    const at = this.now().toISOString();
    const record: BehaviorRecord = { id: key, version: 1, ...data, createdAt: at, updatedAt: at };
    this.behaviors.set(key, [record]);
    return clone(record);
  }

  async update(
    id: string,
    patch: BehaviorPatch,
    expectedVersion?: number,
  ): Promise<BehaviorRecord> {
    const history = this.history(id);
    const changes = parse(behaviorPatchSchema, patch, 'patch');
    const latest = history[history.length - 1];
    if (expectedVersion !== undefined && latest.version !== expectedVersion) {
      throw new BehaviorStoreError(
        'conflict',
        `behavior ${id} is at version ${latest.version}, not ${expectedVersion}`,
      );
    }
    return this.append(history, nextVersion(latest, changes));
  }

  async versions(id: string): Promise<BehaviorRecord[]> {
    return this.history(id).map(clone);
  }

  async rollback(id: string, version: number, author: string): Promise<BehaviorRecord> {
    const history = this.history(id);
    const wanted = parse(versionSchema, version, 'version');
    const target = history.find((r) => r.version === wanted);
    if (!target)
      throw new BehaviorStoreError('not_found', `behavior ${id} has no version ${wanted}`);
    const who = parse(behaviorPatchSchema.shape.author, author, 'author');
    return this.append(history, rollbackVersion(target, who));
  }

  async delete(id: string): Promise<boolean> {
    return this.behaviors.delete(parse(idSchema, id, 'id'));
  }

  async markCrashed(
    id: string,
    version: number,
    crash: Omit<VersionCrash, 'at'>,
  ): Promise<boolean> {
    const record = this.behaviors.get(id)?.find((r) => r.version === version);
    if (!record || record.crash) return false;
    record.crash = { ...crash, at: this.now().toISOString() };
    return true;
  }

  private history(id: string): BehaviorRecord[] {
    const history = this.behaviors.get(parse(idSchema, id, 'id'));
    if (!history) throw new BehaviorStoreError('not_found', `no behavior ${id}`);
    return history;
  }

  private append(history: BehaviorRecord[], content: BehaviorRecord): BehaviorRecord {
    const latest = history[history.length - 1];
    const record: BehaviorRecord = {
      ...content,
      id: latest.id,
      version: latest.version + 1,
      createdAt: history[0].createdAt,
      updatedAt: this.now().toISOString(),
    };
    if (record.restoredFrom === undefined) delete record.restoredFrom;
    history.push(record);
    return clone(record);
  }

  private freeId(base: string): string {
    if (!this.behaviors.has(base)) return base;
    let n = 2;
    while (this.behaviors.has(`${base}-${n}`)) n++;
    return `${base}-${n}`;
  }
}

/** A lowercase id from a name: "Kite at Range!" → "kite-at-range". */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  return s || 'behavior';
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.length ? `${what}.${issue.path.join('.')}` : what;
  throw new BehaviorStoreError('invalid', `${path}: ${issue.message}`);
}

function clone(record: BehaviorRecord): BehaviorRecord {
  const copy = { ...record, tags: [...record.tags] };
  if (record.crash) copy.crash = { ...record.crash };
  return copy;
}
