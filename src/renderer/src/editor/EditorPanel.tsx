import { memo, useEffect, useState } from 'react';
import { Assignments } from './Assignments';
import { CodeEditor } from './CodeEditor';
import { DiffView } from './DiffView';
import { ExplainPanel } from './ExplainPanel';
import {
  newBehavior,
  openBehavior,
  refreshLibrary,
  refreshLlmStatus,
  saveBehavior,
  saveDraft,
} from './editorActions';
import { liveOfSelected, shownCode, useEditorStore } from './editorStore';
import { behaviorState } from './Assignments';
import { RuntimeErrors } from './RuntimeErrors';
import { ConsolePanel } from './ConsolePanel';
import { useArbiterStore } from '../store';
import { LibraryList } from './LibraryList';
import { LlmPanel } from './LlmPanel';
import { ProviderSettings } from './ProviderSettings';
import { VersionHistory } from './VersionHistory';
import { useAfterPaint } from './useAfterPaint';
import './editor.css';

/*
 * The panels that read their own state from the stores, memoized: a streamed
 * answer updates the generation with every chunk, and only what shows it
 * should render again (the console alone holds up to 1,000 lines).
 */
const LibraryListMemo = memo(LibraryList);
const VersionHistoryMemo = memo(VersionHistory);
const CodeEditorMemo = memo(CodeEditor);
const RuntimeErrorsMemo = memo(RuntimeErrors);
const ConsolePanelMemo = memo(ConsolePanel);
const ExplainPanelMemo = memo(ExplainPanel);
const AssignmentsMemo = memo(Assignments);

/**
 * The behavior editor beside the game view: library, Monaco with the
 * behavior API, markers from the host's checks, history with diffs, the
 * LLM panel, and which teams run what. Loaded on first open (Monaco is
 * large), so the game view starts as fast as before.
 */
export default function EditorPanel() {
  const name = useEditorStore((s) => s.name);
  const language = useEditorStore((s) => s.language);
  const code = useEditorStore((s) => s.code);
  const savedCode = useEditorStore((s) => s.savedCode);
  const savedVersion = useEditorStore((s) => s.savedVersion);
  const markers = useEditorStore((s) => s.markers);
  const checking = useEditorStore((s) => s.checking);
  const compare = useEditorStore((s) => s.compare);
  const generation = useEditorStore((s) => s.generation);
  const runningVersion = useEditorStore((s) => s.running);
  const notice = useEditorStore((s) => s.notice);
  const failedSave = useEditorStore((s) => s.failedSave);
  const problem = useEditorStore((s) => s.problem);
  const ended = useEditorStore((s) => s.ended);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const client = useArbiterStore((s) => s.client);
  const live = useEditorStore(liveOfSelected);

  // The match's behaviors (~1 Hz): run-time errors on their lines, state, the assignment table.
  useEffect(() => {
    if (!client) return;
    const off = client.on('behaviors', (live) => useEditorStore.setState({ live }));
    client.request('subscribe', { topics: ['behaviors'] }).catch(() => {});
    return off;
  }, [client]);

  useEffect(() => {
    // Shown again after the host ended the session (its buffer kept to copy): nothing to ask.
    if (useEditorStore.getState().ended) return;
    void (async () => {
      await Promise.all([refreshLibrary(), refreshLlmStatus()]);
      const { selectedId, library, name: current } = useEditorStore.getState();
      if (selectedId || current) return;
      if (library[0]) await openBehavior(library[0].id);
      else newBehavior();
    })();
  }, []);

  const dirty = code !== savedCode;
  // The answer's diff is built once its first text is on screen: building Monaco's diff
  // editor takes the main thread long enough to hold back the first streamed words.
  const diffing = useAfterPaint(
    generation !== null &&
      (generation.proposed !== null || generation.attempts.some((a) => a.text.length > 0)),
  );

  return (
    <aside className="editor-panel" data-testid="editor-panel">
      <header className="editor-header">
        <strong>Behavior editor</strong>
        <input
          className="behavior-name"
          aria-label="Behavior name"
          value={name}
          onChange={(e) => useEditorStore.setState({ name: e.target.value })}
          disabled={savedVersion !== null}
          title={savedVersion !== null ? 'Use Rename to rename a saved behavior' : undefined}
        />
        <span className="muted" data-testid="editor-version">
          {savedVersion !== null ? `v${savedVersion}` : 'unsaved'}
          {dirty ? ' · edited' : ''}
        </span>
        <select
          aria-label="Language"
          value={language}
          onChange={(e) =>
            useEditorStore.setState({ language: e.target.value as 'javascript' | 'typescript' })
          }
        >
          <option value="javascript">JavaScript</option>
          <option value="typescript">TypeScript</option>
        </select>
        <button
          type="button"
          onClick={() => void saveBehavior()}
          disabled={!name.trim()}
          data-testid="editor-save"
        >
          Save and hot-load
        </button>
        <button type="button" onClick={() => setSettingsOpen(!settingsOpen)}>
          LLM settings
        </button>
        <button
          type="button"
          onClick={() => useEditorStore.setState({ open: false })}
          aria-label="Close the editor"
        >
          ×
        </button>
      </header>
      {settingsOpen && <ProviderSettings onDone={() => setSettingsOpen(false)} />}
      {ended && (
        <p className="error-text" role="alert" data-testid="editor-ended">
          {ended}
        </p>
      )}
      {problem && (
        <p className="error-text" role="alert" data-testid="editor-problem">
          {problem}
        </p>
      )}
      {notice && (
        <p className="notice" data-testid="editor-notice">
          {notice}
          {failedSave && (
            <>
              {' '}
              <button type="button" data-testid="save-draft" onClick={() => void saveDraft()}>
                Keep as draft
              </button>
            </>
          )}
        </p>
      )}
      {runningVersion && (
        <p className="muted" data-testid="editor-running">
          Agents run v{runningVersion.version}
          {runningVersion.fromTick !== null ? ` since tick ${runningVersion.fromTick}` : ''}{' '}
          (accepted at {new Date(runningVersion.at).toLocaleTimeString()}).
        </p>
      )}
      {live && (
        <p
          className={live.suspended || live.runErrors ? 'error-text' : 'muted'}
          data-testid="editor-state"
          data-state={live.suspended ? 'suspended' : 'running'}
        >
          v{live.version} in the match: {behaviorState(live)} · {live.agents} agents
        </p>
      )}
      <div className="editor-body">
        <LibraryListMemo />
        <div className="editor-main">
          <VersionHistoryMemo />
          <CodeEditorMemo />
          {compare && (
            <DiffView
              original={compare.code}
              modified={code}
              language={language}
              testId="history-diff"
            />
          )}
          {diffing && generation && (
            <DiffView
              original={code}
              modified={shownCode(generation)}
              language={language}
              testId="llm-diff"
            />
          )}
          <ul className="markers" data-testid="editor-markers" data-checking={checking}>
            {markers.map((m, i) => (
              <li key={i}>
                {m.line !== null ? `line ${m.line}${m.column !== null ? `:${m.column}` : ''} ` : ''}
                ({m.phase}) {m.message}
              </li>
            ))}
          </ul>
          <RuntimeErrorsMemo />
          <ConsolePanelMemo />
          <LlmPanel onSettings={() => setSettingsOpen(true)} />
          <ExplainPanelMemo />
          <AssignmentsMemo />
        </div>
      </div>
    </aside>
  );
}
