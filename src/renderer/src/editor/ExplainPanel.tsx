import { useEffect, useRef, useState } from 'react';
import type { LlmEvent } from '../../../shared/llmApi';
import { describeError } from '../describeError';
import { useArbiterStore } from '../store';
import { useEditorStore } from './editorStore';

type Explaining =
  | { state: 'idle' }
  | { state: 'asking' | 'streaming' | 'done'; requestId: string | null; text: string }
  | { state: 'failed'; requestId: string | null; text: string; message: string };

/**
 * Explain: sends the open behavior to the LLM (the host's provider settings
 * and key; the key never comes here) and shows the short explanation of
 * what the agents will do as it streams in.
 */
export function ExplainPanel() {
  const [explaining, setExplaining] = useState<Explaining>({ state: 'idle' });
  const requestRef = useRef<string | null>(null);
  const offRef = useRef<(() => void) | null>(null);

  useEffect(() => () => offRef.current?.(), []);

  async function explain(): Promise<void> {
    const client = useArbiterStore.getState().client;
    const { code, language } = useEditorStore.getState();
    if (!client) return;
    offRef.current?.();
    requestRef.current = null;
    setExplaining({ state: 'asking', requestId: null, text: '' });
    const early: LlmEvent[] = [];
    const onEvent = (event: LlmEvent) => {
      if (requestRef.current === null) early.push(event);
      else if (event.requestId === requestRef.current) apply(event);
    };
    offRef.current = client.on('llm', onEvent);
    try {
      const { requestId } = await client.request('llm.explain', { code, language });
      requestRef.current = requestId;
      for (const event of early.splice(0)) if (event.requestId === requestId) apply(event);
    } catch (error) {
      setExplaining({ state: 'failed', requestId: null, text: '', message: describeError(error) });
    }
  }

  function apply(event: LlmEvent): void {
    setExplaining((now) => {
      if (now.state === 'idle') return now;
      switch (event.type) {
        case 'attempt':
          return { ...now, state: 'streaming' };
        case 'delta':
          return { ...now, text: now.text + event.text };
        case 'done':
          return { ...now, state: 'done' };
        case 'failed':
          return { ...now, state: 'failed', message: event.message };
        default:
          return now;
      }
    });
  }

  const busy = explaining.state === 'asking' || explaining.state === 'streaming';
  return (
    <section
      className="explain-panel"
      aria-label="Explain this behavior"
      data-testid="explain-panel"
    >
      <button
        type="button"
        onClick={() => void explain()}
        disabled={busy}
        data-testid="explain-button"
      >
        {busy ? 'Explaining…' : 'Explain'}
      </button>
      {explaining.state !== 'idle' && (
        <div data-testid="explain-output" data-state={explaining.state}>
          <p className="explanation">{explaining.text}</p>
          {explaining.state === 'failed' && (
            <p className="error-text" role="alert" data-testid="explain-failure">
              {explaining.message}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
