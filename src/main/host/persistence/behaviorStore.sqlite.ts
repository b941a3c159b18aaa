/**
 * The behavior library on SQLite: the `BehaviorStore` contract of
 * behaviors/library.ts on the tables `behaviors` (one row per behavior,
 * its library id in `slug`, the latest name and version) and
 * `behavior_versions` (every version, never edited). Every change is
 * written at once in a transaction through the state manager's `writeNow`
 * (library changes are never write-behind). Names are unique: a second
 * behavior with a taken name is a conflict.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  BEHAVIOR_COMPLEXITIES,
  BEHAVIOR_ORIGINS,
  BehaviorStoreError,
  behaviorInputSchema,
  behaviorPatchSchema,
  nextVersion,
  rollbackVersion,
  slug,
  type BehaviorInput,
  type BehaviorOrigin,
  type BehaviorPatch,
  type BehaviorQuery,
  type BehaviorRecord,
  type BehaviorStore,
  type BehaviorSummary,
  type VersionCrash,
} from '../behaviors/library/index';

/** What the store needs of the state manager (so tests can pass a bare database). */
export interface BehaviorDatabase {
  readonly database: Database;
  writeNow<T>(what: string, write: () => T): T;
}

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'ids are 1-64 of a-z, 0-9 and -');
const versionSchema = z.number().int().min(1);

interface VersionRow {
  slug: string;
  version: number;
  name: string;
  description: string;
  code: string;
  language: string;
  author: string;
  tags_json: string;
  complexity: number;
  created_at: number;
  first_at: number;
  restored_from: number | null;
  note: string;
  origin: string;
  crash_json: string | null;
}

const SELECT_VERSIONS = `
  SELECT b.slug, v.version, v.name, v.description, v.code, v.language, v.author, v.tags_json,
         v.complexity, v.created_at, b.created_at AS first_at, v.restored_from, v.note, v.origin,
         v.crash_json
  FROM behaviors b JOIN behavior_versions v ON v.behavior_id = b.id`;

export class SqliteBehaviorStore implements BehaviorStore {
  /** `now` gives the time of each save (injectable for tests). */
  constructor(
    private readonly state: BehaviorDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Read through the state manager each time: a restore replaces the database. */
  private get db(): Database {
    return this.state.database;
  }

  async list(query: BehaviorQuery = {}): Promise<BehaviorSummary[]> {
    const rows = this.db
      .prepare(`${SELECT_VERSIONS} WHERE v.version = b.current_version`)
      .all() as VersionRow[];
    const name = query.name?.toLowerCase();
    const out: BehaviorSummary[] = [];
    for (const row of rows) {
      const { code: _code, ...summary } = toRecord(row);
      if (name && !summary.name.toLowerCase().includes(name)) continue;
      if (query.tag && !summary.tags.includes(query.tag)) continue;
      if (query.author && summary.author !== query.author) continue;
      out.push(summary);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async get(id: string, version?: number): Promise<BehaviorRecord | null> {
    const key = parse(idSchema, id, 'id');
    const row =
      version === undefined
        ? this.db
            .prepare(`${SELECT_VERSIONS} WHERE b.slug = ? AND v.version = b.current_version`)
            .get(key)
        : this.db
            .prepare(`${SELECT_VERSIONS} WHERE b.slug = ? AND v.version = ?`)
            .get(key, parse(versionSchema, version, 'version'));
    return row ? toRecord(row as VersionRow) : null;
  }

  async create(input: BehaviorInput, id?: string): Promise<BehaviorRecord> {
    const data = parse(behaviorInputSchema, input, 'behavior');
    return this.write('saving a behavior', () => {
      const key = id === undefined ? this.freeId(slug(data.name)) : parse(idSchema, id, 'id');
      if (this.rowId(key) !== null) {
        throw new BehaviorStoreError('conflict', `behavior ${key} already exists`);
      }
      this.assertNameFree(data.name, null);
      const at = this.now().getTime();
      const { lastInsertRowid } = this.db
        .prepare(
          'INSERT INTO behaviors (name, slug, current_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)',
        )
        .run(data.name, key, at, at);
      this.insertVersion(Number(lastInsertRowid), 1, { ...data, restoredFrom: undefined }, at);
      return this.mustGet(key, 1);
    });
  }

  async update(
    id: string,
    patch: BehaviorPatch,
    expectedVersion?: number,
  ): Promise<BehaviorRecord> {
    const changes = parse(behaviorPatchSchema, patch, 'patch');
    return this.write('saving a behavior', () => {
      const latest = this.latest(id);
      if (expectedVersion !== undefined && latest.version !== expectedVersion) {
        throw new BehaviorStoreError(
          'conflict',
          `behavior ${id} is at version ${latest.version}, not ${expectedVersion}`,
        );
      }
      const defined = Object.fromEntries(
        // Only what the patch names: the schema's defaults (tags [], …) must not reset fields.
        Object.entries(changes).filter(([k, v]) => v !== undefined && k in patch),
      );
      return this.append(latest, nextVersion(latest, { ...defined, author: changes.author }));
    });
  }

  async versions(id: string): Promise<BehaviorRecord[]> {
    const key = parse(idSchema, id, 'id');
    if (this.rowId(key) === null) throw new BehaviorStoreError('not_found', `no behavior ${id}`);
    const rows = this.db
      .prepare(`${SELECT_VERSIONS} WHERE b.slug = ? ORDER BY v.version`)
      .all(key) as VersionRow[];
    return rows.map(toRecord);
  }

  async rollback(id: string, version: number, author: string): Promise<BehaviorRecord> {
    const wanted = parse(versionSchema, version, 'version');
    const who = parse(behaviorPatchSchema.shape.author, author, 'author');
    return this.write('rolling a behavior back', () => {
      const latest = this.latest(id);
      const target = this.db
        .prepare(`${SELECT_VERSIONS} WHERE b.slug = ? AND v.version = ?`)
        .get(latest.id, wanted) as VersionRow | undefined;
      if (!target) {
        throw new BehaviorStoreError('not_found', `behavior ${id} has no version ${wanted}`);
      }
      return this.append(latest, rollbackVersion(toRecord(target), who));
    });
  }

  async delete(id: string): Promise<boolean> {
    const key = parse(idSchema, id, 'id');
    return this.write('deleting a behavior', () => {
      const rowId = this.rowId(key);
      if (rowId === null) return false;
      // Explicitly, whether or not foreign keys are enforced on this connection.
      this.db.prepare('DELETE FROM behavior_versions WHERE behavior_id = ?').run(rowId);
      this.db.prepare('DELETE FROM behaviors WHERE id = ?').run(rowId);
      return true;
    });
  }

  async markCrashed(
    id: string,
    version: number,
    crash: Omit<VersionCrash, 'at'>,
  ): Promise<boolean> {
    const rowId = this.rowId(parse(idSchema, id, 'id'));
    if (rowId === null) return false;
    const stored = { ...crash, at: this.now().toISOString() };
    return this.write('remembering a crash', () => {
      const { changes } = this.db
        .prepare(
          'UPDATE behavior_versions SET crash_json = ? WHERE behavior_id = ? AND version = ? AND crash_json IS NULL',
        )
        .run(JSON.stringify(stored), rowId, version);
      return changes > 0;
    });
  }

  /**
   * `writeNow`, with the library's own refusals (conflict, not found) passed
   * through as they are rather than reported as a storage failure. They are
   * all raised before anything is written.
   */
  private write<T>(what: string, run: () => T): T {
    let refused: BehaviorStoreError | null = null;
    const result = this.state.writeNow(what, () => {
      try {
        return run();
      } catch (error) {
        if (!(error instanceof BehaviorStoreError)) throw error;
        refused = error;
        return undefined as T;
      }
    });
    if (refused) throw refused;
    return result;
  }

  private append(latest: BehaviorRecord, content: BehaviorRecord): BehaviorRecord {
    const rowId = this.rowId(latest.id) as number;
    this.assertNameFree(content.name, rowId);
    const version = latest.version + 1;
    const at = this.now().getTime();
    this.insertVersion(rowId, version, content, at);
    this.db
      .prepare('UPDATE behaviors SET name = ?, current_version = ?, updated_at = ? WHERE id = ?')
      .run(content.name, version, at, rowId);
    return this.mustGet(latest.id, version);
  }

  private insertVersion(
    rowId: number,
    version: number,
    content: Omit<BehaviorRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
    at: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO behavior_versions (behavior_id, version, name, description, code, language,
           author, tags_json, complexity, created_at, restored_from, note, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        rowId,
        version,
        content.name,
        content.description,
        content.code,
        content.language,
        content.author,
        JSON.stringify(content.tags),
        Math.max(0, BEHAVIOR_COMPLEXITIES.indexOf(content.complexity)),
        at,
        content.restoredFrom ?? null,
        content.note,
        content.origin,
      );
  }

  private latest(id: string): BehaviorRecord {
    const key = parse(idSchema, id, 'id');
    const row = this.db
      .prepare(`${SELECT_VERSIONS} WHERE b.slug = ? AND v.version = b.current_version`)
      .get(key) as VersionRow | undefined;
    if (!row) throw new BehaviorStoreError('not_found', `no behavior ${id}`);
    return toRecord(row);
  }

  private mustGet(key: string, version: number): BehaviorRecord {
    const row = this.db
      .prepare(`${SELECT_VERSIONS} WHERE b.slug = ? AND v.version = ?`)
      .get(key, version) as VersionRow;
    return toRecord(row);
  }

  private rowId(key: string): number | null {
    const row = this.db.prepare('SELECT id FROM behaviors WHERE slug = ?').get(key) as
      { id: number } | undefined;
    return row ? row.id : null;
  }

  private assertNameFree(name: string, exceptRowId: number | null): void {
    const row = this.db.prepare('SELECT id, slug FROM behaviors WHERE name = ?').get(name) as
      { id: number; slug: string } | undefined;
    if (row && row.id !== exceptRowId) {
      throw new BehaviorStoreError('conflict', `behavior ${row.slug} is already named "${name}"`);
    }
  }

  private freeId(base: string): string {
    if (this.rowId(base) === null) return base;
    let n = 2;
    while (this.rowId(`${base}-${n}`) !== null) n++;
    return `${base}-${n}`;
  }
}

function toRecord(row: VersionRow): BehaviorRecord {
  const record: BehaviorRecord = {
    id: row.slug,
    version: row.version,
    name: row.name,
    description: row.description,
    code: row.code,
    language: row.language === 'typescript' ? 'typescript' : 'javascript',
    author: row.author,
    tags: parseTags(row.tags_json),
    complexity: BEHAVIOR_COMPLEXITIES[row.complexity] ?? 'simple',
    createdAt: new Date(row.first_at).toISOString(),
    updatedAt: new Date(row.created_at).toISOString(),
    note: row.note,
    origin: (BEHAVIOR_ORIGINS as readonly string[]).includes(row.origin)
      ? (row.origin as BehaviorOrigin)
      : 'hand',
  };
  if (row.restored_from !== null) record.restoredFrom = row.restored_from;
  const crash = parseCrash(row.crash_json);
  if (crash) record.crash = crash;
  return record;
}

function parseCrash(json: string | null): VersionCrash | null {
  if (json === null) return null;
  try {
    const crash = JSON.parse(json) as Partial<VersionCrash>;
    if (typeof crash.message !== 'string' || typeof crash.at !== 'string') return null;
    return {
      message: crash.message,
      line: typeof crash.line === 'number' ? crash.line : null,
      at: crash.at,
    };
  } catch {
    return null;
  }
}

function parseTags(json: string): string[] {
  try {
    const tags: unknown = JSON.parse(json);
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.length ? `${what}.${issue.path.join('.')}` : what;
  throw new BehaviorStoreError('invalid', `${path}: ${issue.message}`);
}
