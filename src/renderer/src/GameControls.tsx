import { useState, type FormEvent } from 'react';
import { CodeInvitePanel } from './CodeInvitePanel';
import { MatchClock } from './MatchClock';
import { InviteMenu } from './InviteMenu';
import { openSettings } from './settings/settingsStore';
import { HOST_API_LIMITS } from '../../shared/hostApi';
import { backToLobby, restartMatch, setAgentCount, stopMatch } from './hostActions';
import { useEditorStore } from './editor/editorStore';
import { useDashboardStore } from './dashboard/dashboardStore';
import { useArbiterStore } from './store';

/** Match controls above the arena: stop/start, agent count, back to the lobby. */
export function GameControls() {
  const running = useArbiterStore((state) => state.match?.running ?? false);
  const agents = useArbiterStore((state) => state.match?.settings.agents);
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editorOpen = useEditorStore((state) => state.open);
  const dashboardOpen = useDashboardStore((state) => state.open);
  const [codesOpen, setCodesOpen] = useState(false);
  // Show the host's count until the user types; after Apply, follow the host again.
  const text = draft ?? (agents === undefined ? '' : String(agents));
  const count = Number(text);
  const valid =
    text.trim() !== '' &&
    Number.isInteger(count) &&
    count >= HOST_API_LIMITS.minAgents &&
    count <= HOST_API_LIMITS.maxAgents;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  const onApply = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    void run(async () => {
      await setAgentCount(count);
      setDraft(null);
    });
  };

  return (
    <div className="game-controls">
      {running ? (
        <button type="button" disabled={busy} onClick={() => void run(stopMatch)}>
          Stop match
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            // A count typed but not applied still counts: Start uses what the field shows.
            void run(async () => {
              await restartMatch(draft !== null && valid ? count : undefined);
              setDraft(null);
            })
          }
        >
          Start match
        </button>
      )}
      <MatchClock />
      <form className="agent-count" onSubmit={onApply}>
        <label htmlFor="agent-count" className="wide-only">
          Agents
        </label>
        <input
          id="agent-count"
          aria-label="Agents"
          title="Agents"
          data-testid="agent-count"
          type="number"
          inputMode="numeric"
          min={HOST_API_LIMITS.minAgents}
          max={HOST_API_LIMITS.maxAgents}
          step={1}
          value={text}
          aria-invalid={!valid}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" data-testid="agent-count-apply" disabled={busy || !valid}>
          Apply
        </button>
      </form>
      <InviteMenu codesOpen={codesOpen} onToggleCodes={() => setCodesOpen((open) => !open)} />
      <span className="spacer" />
      <button type="button" data-testid="open-settings" onClick={() => openSettings('game')}>
        Settings
      </button>
      <button
        type="button"
        data-testid="open-dashboard"
        aria-pressed={dashboardOpen}
        onClick={() => useDashboardStore.setState({ open: !dashboardOpen })}
      >
        Dashboard
      </button>
      {!editorOpen && (
        <button
          type="button"
          onClick={() => useEditorStore.setState({ open: true })}
          data-testid="open-editor"
          aria-label="Edit behaviors"
        >
          <span className="wide-only">Edit behaviors</span>
          <span className="narrow-only">Editor</span>
        </button>
      )}
      <button type="button" aria-label="Back to lobby" onClick={() => void backToLobby()}>
        <span className="wide-only">Back to lobby</span>
        <span className="narrow-only">Lobby</span>
      </button>
      {codesOpen && <CodeInvitePanel />}
    </div>
  );
}
