import { useState } from 'react';
import {
  deleteBehavior,
  discardDraft,
  newBehavior,
  openBehavior,
  openDraft,
  renameBehavior,
} from './editorActions';
import { useEditorStore } from './editorStore';

/** The library: search by name or tag, new, duplicate, rename, delete (after a confirm). */
export function LibraryList() {
  const library = useEditorStore((s) => s.library);
  const drafts = useEditorStore((s) => s.drafts);
  const query = useEditorStore((s) => s.query);
  const selectedId = useEditorStore((s) => s.selectedId);
  const name = useEditorStore((s) => s.name);
  const code = useEditorStore((s) => s.code);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const q = query.trim().toLowerCase();
  const shown = library.filter(
    (b) =>
      !q || b.name.toLowerCase().includes(q) || b.tags.some((t) => t.toLowerCase().includes(q)),
  );

  return (
    <nav className="library" aria-label="Behavior library">
      <input
        type="search"
        placeholder="Search name or tag"
        value={query}
        onChange={(e) => useEditorStore.setState({ query: e.target.value })}
        data-testid="library-search"
      />
      {drafts.length > 0 && (
        <ul className="draft-list" data-testid="draft-list" aria-label="Your drafts">
          {drafts.map((d) => (
            <li key={d.key}>
              <button
                type="button"
                onClick={() => void openDraft(d.key)}
                title={`Kept ${new Date(d.savedAt).toLocaleString()}; never loaded into the match`}
              >
                {d.name} <span className="muted">draft</span>
                {d.errors.length > 0 && (
                  <span className="tags">
                    {d.errors.length} error{d.errors.length === 1 ? '' : 's'}
                  </span>
                )}
              </button>
              <button
                type="button"
                className="draft-discard"
                aria-label={`Discard the draft of ${d.name}`}
                onClick={() => void discardDraft(d.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <ul data-testid="library-list">
        {shown.map((b) => (
          <li key={b.id}>
            <button
              type="button"
              className={b.id === selectedId ? 'selected' : ''}
              onClick={() => void openBehavior(b.id)}
              title={b.description}
            >
              {b.name} <span className="muted">v{b.version}</span>
              {b.tags.length > 0 && <span className="tags">{b.tags.join(' · ')}</span>}
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No behavior matches.</li>}
      </ul>
      <div className="library-actions">
        <button type="button" onClick={() => newBehavior()}>
          New
        </button>
        <button type="button" onClick={() => newBehavior({ name, code })} disabled={!name}>
          Duplicate
        </button>
        {renaming === null ? (
          <button type="button" onClick={() => setRenaming(name)} disabled={!selectedId}>
            Rename
          </button>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (renaming.trim()) void renameBehavior(renaming.trim());
              setRenaming(null);
            }}
          >
            <input
              aria-label="New name"
              value={renaming}
              onChange={(e) => setRenaming(e.target.value)}
              autoFocus
            />
            <button type="submit">OK</button>
          </form>
        )}
        {confirming ? (
          <span className="confirm" role="alertdialog" aria-label="Confirm delete">
            Delete “{name}” and its history?
            <button
              type="button"
              onClick={() => void deleteBehavior().then(() => setConfirming(false))}
            >
              Delete
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} disabled={!selectedId}>
            Delete…
          </button>
        )}
      </div>
    </nav>
  );
}
