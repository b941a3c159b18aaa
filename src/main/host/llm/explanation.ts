/**
 * Explain: the open behavior sent to the LLM with a request for a short
 * explanation of what the agents will do, streamed back as `llm` events
 * (`attempt`, `delta`…, then `done` with no code, or `failed`), through the
 * same provider settings, key and redaction as a generation.
 */
import type { LlmEvent, LlmExplain, LlmSettings } from '../../../shared/llmApi';
import { behaviorApiDeclarations } from '../../../../engine/behavior/apiDeclarations';
import { LlmFailureError } from './llmFailure';
import { streamAnswer } from './llmStream';

export const EXPLAIN_SYSTEM_PROMPT = `You explain agent behaviors for Arbiter, a multiplayer arena game.
A behavior is a JavaScript or TypeScript module whose default export is called once per agent per tick
with what the agent sees (obs) and its memory, and returns what it does (an Action).
Say in plain words, for a player who does not read code, what the agents running it will do:
when they move, where to, when they shoot, pick up or use items, and what they remember between ticks.
At most five short sentences or bullet points. No code.

The API, as TypeScript declarations:
\`\`\`ts
${behaviorApiDeclarations}
\`\`\``;

export interface ExplanationDeps {
  settings: LlmSettings | null;
  apiKey: string | null;
  emit(event: LlmEvent): void;
}

/** Runs to its end (done or failed event); never throws. */
export async function runExplanation(
  requestId: string,
  request: LlmExplain,
  deps: ExplanationDeps,
  signal: AbortSignal,
): Promise<void> {
  try {
    const settings = deps.settings;
    if (!settings) {
      throw new LlmFailureError(
        'not_configured',
        'no LLM provider is configured: open the provider settings',
      );
    }
    deps.emit({ type: 'attempt', requestId, attempt: 1, maxAttempts: 1 });
    const deadline = AbortSignal.timeout(settings.timeoutMs);
    await streamAnswer({
      settings,
      apiKey: deps.apiKey,
      system: EXPLAIN_SYSTEM_PROMPT,
      messages: [
        {
          role: 'user',
          content: `Explain this behavior:\n\`\`\`${request.language === 'typescript' ? 'ts' : 'js'}\n${request.code}\n\`\`\``,
        },
      ],
      signal: AbortSignal.any([signal, deadline]),
      onText: (text) => deps.emit({ type: 'delta', requestId, attempt: 1, text }),
    });
    deps.emit({ type: 'done', requestId, attempt: 1, code: '' });
  } catch (error) {
    const failure =
      error instanceof LlmFailureError ? error : new LlmFailureError('failed', String(error));
    deps.emit({
      type: 'failed',
      requestId,
      attempt: 1,
      failure: failure.failure,
      message: failure.message,
      httpStatus: failure.httpStatus,
      code: null,
    });
  }
}
