import { compareWith, rollbackTo } from './editorActions';
import { useEditorStore } from './editorStore';

/** Every stored version: pick one to see it as a diff against the buffer, and roll back to it. */
export function VersionHistory() {
  const versions = useEditorStore((s) => s.versions);
  const compare = useEditorStore((s) => s.compare);
  const current = useEditorStore((s) => s.savedVersion);
  if (versions.length === 0) return null;
  return (
    <div className="version-history" data-testid="version-history">
      <label>
        History{' '}
        <select
          value={compare?.version ?? ''}
          onChange={(e) => void compareWith(e.target.value ? Number(e.target.value) : null)}
          aria-label="Compare with version"
        >
          <option value="">(current)</option>
          {[...versions].reverse().map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version} · {v.author} · {v.updatedAt.slice(0, 16).replace('T', ' ')}
              {v.restoredFrom ? ` (from v${v.restoredFrom})` : ''}
            </option>
          ))}
        </select>
      </label>
      {compare && compare.version !== current && (
        <button type="button" onClick={() => void rollbackTo(compare.version)}>
          Roll back to v{compare.version}
        </button>
      )}
    </div>
  );
}
