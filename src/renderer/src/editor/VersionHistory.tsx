import type { BehaviorSummaryData } from '../../../shared/hostApi';
import { ConfirmButton } from '../dashboard/ConfirmButton';
import { compareWith, rollbackTo } from './editorActions';
import { useEditorStore } from './editorStore';

const ORIGIN_WORDS: Record<BehaviorSummaryData['origin'], string> = {
  hand: 'by hand',
  llm: 'by the LLM',
  rollback: 'rollback',
};

/** "v3 · ada · 2026-12-06 10:04 · by the LLM (crashed)": one line per version in the list. */
function versionLabel(v: BehaviorSummaryData): string {
  const origin = v.restoredFrom ? `rollback to v${v.restoredFrom}` : ORIGIN_WORDS[v.origin];
  return (
    `v${v.version} · ${v.author} · ${v.updatedAt.slice(0, 16).replace('T', ' ')} · ${origin}` +
    (v.crash ? ' · crashed' : '')
  );
}

/**
 * Every stored version with where it came from, its note and whether it
 * crashed at run time: pick one to see it as a diff against the buffer and
 * roll back to it (asking first when that version crashed). The note box
 * is the note the next save carries.
 */
export function VersionHistory() {
  const versions = useEditorStore((s) => s.versions);
  const compare = useEditorStore((s) => s.compare);
  const current = useEditorStore((s) => s.savedVersion);
  const note = useEditorStore((s) => s.note);
  const picked = compare ? versions.find((v) => v.version === compare.version) : undefined;
  return (
    <div className="version-history" data-testid="version-history">
      {versions.length > 0 && (
        <label>
          History{' '}
          <select
            value={compare?.version ?? ''}
            onChange={(e) => void compareWith(e.target.value ? Number(e.target.value) : null)}
            aria-label="Compare with version"
            data-testid="version-select"
          >
            <option value="">(current)</option>
            {[...versions].reverse().map((v) => (
              <option key={v.version} value={v.version}>
                {versionLabel(v)}
              </option>
            ))}
          </select>
        </label>
      )}
      {picked && (
        <div className="version-details" data-testid="version-details">
          {picked.note && <p className="version-note">“{picked.note}”</p>}
          {picked.crash && (
            <p className="error-text" data-testid="version-crash">
              v{picked.version} crashed at run time
              {picked.crash.line !== null ? ` (line ${picked.crash.line})` : ''}:{' '}
              {picked.crash.message}
            </p>
          )}
          {picked.version !== current &&
            (picked.crash ? (
              <ConfirmButton
                label={`Roll back to v${picked.version}`}
                question={`v${picked.version} crashed when agents ran it. Roll back anyway?`}
                confirmLabel="Roll back"
                testId="rollback"
                onConfirm={() => void rollbackTo(picked.version)}
              />
            ) : (
              <button
                type="button"
                data-testid="rollback"
                onClick={() => void rollbackTo(picked.version)}
              >
                Roll back to v{picked.version}
              </button>
            ))}
        </div>
      )}
      <input
        className="version-note-input"
        data-testid="version-note"
        aria-label="Note for the next save"
        placeholder="Note for the next save (optional)"
        maxLength={500}
        value={note}
        onChange={(e) => useEditorStore.setState({ note: e.target.value })}
      />
    </div>
  );
}
