import { useState, type FormEvent } from 'react';
import { CodeInvitePanel } from './CodeInvitePanel';
import { MatchClock } from './MatchClock';
import { HOST_API_LIMITS } from '../../shared/hostApi';
import { backToLobby, createInvite, restartMatch, setAgentCount, stopMatch } from './hostActions';
import { useEditorStore } from './editor/editorStore';
import { useArbiterStore } from './store';

/** Match controls above the arena: stop/start, agent count, back to the lobby. */
export function GameControls() {
  const running = useArbiterStore((state) => state.match?.running ?? false);
  const agents = useArbiterStore((state) => state.match?.settings.agents);
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [invite, setInvite] = useState<string | null>(null);
  const [inviteEdits, setInviteEdits] = useState(false);
  const editorOpen = useEditorStore((state) => state.open);
  const [codesOpen, setCodesOpen] = useState(false);
  const onInvite = async () => {
    const link = await createInvite(inviteEdits);
    if (!link) return;
    setInvite(link);
    await navigator.clipboard?.writeText(link).catch(() => {});
  };

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
          onClick={() => void run(restartMatch)}
        >
          Start match
        </button>
      )}
      <MatchClock />
      <form className="agent-count" onSubmit={onApply}>
        <label htmlFor="agent-count">Agents</label>
        <input
          id="agent-count"
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
      <button type="button" data-testid="invite-button" onClick={() => void onInvite()}>
        Invite a friend
      </button>
      <label className="invite-edits">
        <input
          type="checkbox"
          checked={inviteEdits}
          onChange={(e) => setInviteEdits(e.target.checked)}
          data-testid="invite-can-edit"
        />
        may edit behaviors
      </label>
      {invite && (
        <input
          className="invite-link"
          data-testid="invite-link"
          readOnly
          value={invite}
          onFocus={(e) => e.target.select()}
        />
      )}
      <button
        type="button"
        data-testid="code-invite-button"
        aria-expanded={codesOpen}
        onClick={() => setCodesOpen((open) => !open)}
      >
        Invite by code
      </button>
      <span className="spacer" />
      {!editorOpen && (
        <button
          type="button"
          onClick={() => useEditorStore.setState({ open: true })}
          data-testid="open-editor"
        >
          Edit behaviors
        </button>
      )}
      <button type="button" onClick={() => void backToLobby()}>
        Back to lobby
      </button>
      {codesOpen && <CodeInvitePanel />}
    </div>
  );
}
