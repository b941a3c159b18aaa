/**
 * Drafts: code an author wants kept though it does not pass validation yet.
 * A draft is stored with the errors it had, per author, one per behavior
 * (or per name for a behavior not saved yet); it is never loaded into a
 * match. Saving the behavior for real drops the author's draft of it.
 */
import type { Database } from 'better-sqlite3';
import type { BehaviorDraft } from '../../../shared/hostApi';

interface DraftDatabase {
  readonly database: Database;
  writeNow<T>(what: string, run: () => T): T;
}

interface DraftRow {
  draft_key: string;
  behavior_slug: string | null;
  name: string;
  code: string;
  language: string;
  errors_json: string;
  saved_at: number;
}

/** Most drafts one author keeps: enough for any modder, bounded against a flood. */
export const MAX_DRAFTS_PER_AUTHOR = 50;

export type DraftInput = Omit<BehaviorDraft, 'key' | 'savedAt'>;

/** The key of the draft of behavior `id`, or of a new behavior called `name`. */
export function draftKey(id: string | null, name: string): string {
  return id ?? `new:${name.trim()}`;
}

export class DraftStore {
  constructor(
    private readonly state: DraftDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  private get db(): Database {
    return this.state.database;
  }

  save(author: string, draft: DraftInput): BehaviorDraft {
    const key = draftKey(draft.id, draft.name);
    const savedAt = this.now();
    this.state.writeNow('saving a draft', () => {
      const exists = this.db
        .prepare('SELECT 1 FROM behavior_drafts WHERE author = ? AND draft_key = ?')
        .get(author, key);
      const count = (
        this.db
          .prepare('SELECT COUNT(*) AS n FROM behavior_drafts WHERE author = ?')
          .get(author) as {
          n: number;
        }
      ).n;
      if (!exists && count >= MAX_DRAFTS_PER_AUTHOR) {
        throw new DraftLimitError(
          `you have ${count} drafts, the most one author keeps; open and save or discard some first`,
        );
      }
      this.db
        .prepare(
          `INSERT OR REPLACE INTO behavior_drafts
             (author, draft_key, behavior_slug, name, code, language, errors_json, saved_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          author,
          key,
          draft.id,
          draft.name.trim(),
          draft.code,
          draft.language,
          JSON.stringify(draft.errors),
          savedAt,
        );
    });
    return { ...draft, name: draft.name.trim(), key, savedAt };
  }

  list(author: string): BehaviorDraft[] {
    const rows = this.db
      .prepare('SELECT * FROM behavior_drafts WHERE author = ? ORDER BY saved_at DESC')
      .all(author) as DraftRow[];
    return rows.map(toDraft);
  }

  get(author: string, key: string): BehaviorDraft | null {
    const row = this.db
      .prepare('SELECT * FROM behavior_drafts WHERE author = ? AND draft_key = ?')
      .get(author, key) as DraftRow | undefined;
    return row ? toDraft(row) : null;
  }

  delete(author: string, key: string): boolean {
    return this.state.writeNow('discarding a draft', () => {
      const { changes } = this.db
        .prepare('DELETE FROM behavior_drafts WHERE author = ? AND draft_key = ?')
        .run(author, key);
      return changes > 0;
    });
  }
}

/** Drops every author's draft of behavior `id` (the behavior was deleted). */
export function deleteDraftsOf(state: DraftDatabase, id: string): void {
  state.writeNow('discarding drafts of a deleted behavior', () =>
    state.database.prepare('DELETE FROM behavior_drafts WHERE behavior_slug = ?').run(id),
  );
}

export class DraftLimitError extends Error {
  override name = 'DraftLimitError';
}

function toDraft(row: DraftRow): BehaviorDraft {
  let errors: BehaviorDraft['errors'] = [];
  try {
    const parsed: unknown = JSON.parse(row.errors_json);
    if (Array.isArray(parsed)) errors = parsed as BehaviorDraft['errors'];
  } catch {
    // A damaged list of errors: the code itself is what matters.
  }
  return {
    key: row.draft_key,
    id: row.behavior_slug,
    name: row.name,
    code: row.code,
    language: row.language === 'typescript' ? 'typescript' : 'javascript',
    errors,
    savedAt: row.saved_at,
  };
}
