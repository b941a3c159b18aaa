import { useLayoutEffect, useState, type FormEvent } from 'react';
import type { LlmFailure } from '../../../shared/llmApi';
import { ask, markFirstTextShown, rejectProposal, stopAsking } from './editorActions';
import { useEditorStore, type Attempt } from './editorStore';
import { AcceptChoice } from './AcceptChoice';

const FAILURE_TITLES: Record<LlmFailure, string> = {
  not_configured: 'No provider configured.',
  no_key: 'No API key.',
  unreachable: 'Endpoint unreachable.',
  unauthorized: 'Wrong API key (401).',
  rate_limited: 'Rate limited (429).',
  timeout: 'Timed out.',
  cut_off: 'The answer was cut off.',
  no_code: 'No code in the answer.',
  invalid: 'Still invalid after the repairs.',
  stopped: 'Stopped.',
  failed: 'The request failed.',
};

/**
 * Ask the LLM: the modder's script (code, pseudo-code or plain words) and,
 * if wanted, a summary of the live match. Each attempt streams in visibly,
 * with its validation result; a passing answer can be accepted (saved and
 * hot-loaded) or rejected (the buffer stays as it was).
 */
export function LlmPanel({ onSettings }: { onSettings: () => void }) {
  const generation = useEditorStore((s) => s.generation);
  const status = useEditorStore((s) => s.llm);
  const [prompt, setPrompt] = useState('');
  const [includeMatch, setIncludeMatch] = useState(true);
  const busy = generation?.state === 'asking' || generation?.state === 'streaming';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (prompt.trim() && !busy) void ask(prompt.trim(), includeMatch);
  };

  return (
    <section className="llm-panel" aria-label="Ask the LLM" data-testid="llm-panel">
      <form onSubmit={submit}>
        <textarea
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          placeholder="Describe the behavior, or paste pseudo-code…"
          rows={3}
          aria-label="What the behavior should do"
          data-testid="llm-prompt"
        />
        <div className="row">
          <label>
            <input
              type="checkbox"
              checked={includeMatch}
              onChange={(e) => setIncludeMatch(e.target.checked)}
            />
            include the live match
          </label>
          {busy ? (
            <button type="button" onClick={() => void stopAsking()} data-testid="llm-stop">
              Stop
            </button>
          ) : (
            <button type="submit" disabled={!prompt.trim()} data-testid="llm-ask">
              Ask
            </button>
          )}
          <button type="button" onClick={onSettings} className="link">
            {status?.settings
              ? `${status.settings.preset} · ${status.settings.model}`
              : 'Set up a provider'}
          </button>
        </div>
      </form>
      {generation && (
        <div className="generation" data-testid="llm-generation" data-state={generation.state}>
          {generation.attempts.map((a) => (
            <AttemptLog key={a.attempt} attempt={a} of={generation.maxAttempts} />
          ))}
          {generation.waiting && <p className="muted">{generation.waiting}</p>}
          {generation.failure && (
            <p
              className="error-text"
              role="alert"
              data-testid="llm-failure"
              data-failure={generation.failure.failure}
            >
              <strong>{FAILURE_TITLES[generation.failure.failure]}</strong>{' '}
              {generation.failure.message}
            </p>
          )}
          {generation.state === 'ready' && (
            <div className="row">
              <AcceptChoice />
              <button type="button" onClick={rejectProposal} data-testid="llm-reject">
                Reject
              </button>
            </div>
          )}
          {generation.state === 'failed' && (
            <button type="button" onClick={rejectProposal}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function AttemptLog({ attempt, of }: { attempt: Attempt; of: number }) {
  const shown = attempt.text.length > 0;
  // Timed once the text is on screen (after the DOM update), for the editor.hotload bench.
  useLayoutEffect(() => {
    if (shown) markFirstTextShown(performance.timeOrigin + performance.now());
  }, [shown]);
  const label = attempt.attempt === 1 ? 'Answer' : `Repair ${attempt.attempt - 1} of ${of - 1}`;
  return (
    <details
      open
      className={`attempt ${attempt.state}`}
      data-testid="llm-attempt"
      data-state={attempt.state}
    >
      <summary>
        {label}:{' '}
        {attempt.state === 'streaming'
          ? 'streaming…'
          : attempt.state === 'checking'
            ? 'checking…'
            : attempt.state === 'passed'
              ? 'passed validation'
              : 'failed validation'}
      </summary>
      <pre className="answer-text">{attempt.text}</pre>
      {attempt.errors.length > 0 && (
        <ul className="error-list">
          {attempt.errors.map((e, i) => (
            <li key={i}>
              {e.line !== null ? `line ${e.line}${e.column !== null ? `:${e.column}` : ''}: ` : ''}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
