/**
 * One generation: ask, stream the answer, pull the code out, validate it
 * in the sandbox and, when it fails, send the errors back for a repair (at
 * most `maxRepairs` times). Every step is an `llm` event for the editor.
 * A rate limit with a retry-after is waited out (a bounded number of
 * times); every other failure ends the generation with its reason, and the
 * last code seen travels with it so nothing is lost.
 */
import {
  KEYLESS_PRESETS,
  type LlmEvent,
  type LlmGenerate,
  type LlmSettings,
} from '../../../shared/llmApi';
import {
  BEHAVIOR_SYSTEM_PROMPT,
  firstMessage,
  repairMessage,
  type ValidationErrorView,
} from './behaviorPrompt';
import { extractCode } from './extractCode';
import { LlmFailureError } from './llmFailure';
import { streamAnswer, type ChatMessage, type TokenUsage } from './llmStream';

/** Rate-limit waits per attempt, and the longest wait honoured (longer: fail and say when). */
const MAX_RATE_LIMIT_WAITS = 2;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

export interface GenerationDeps {
  settings: LlmSettings | null;
  apiKey: string | null;
  validate(code: string, language: LlmGenerate['language']): Promise<ValidationErrorView[]>;
  /** A summary of the live match, or null when none runs. */
  matchSummary(): Promise<string | null>;
  emit(event: LlmEvent): void;
  /** Told each answer's tokens (the evaluation harness counts them); optional. */
  onUsage?(usage: TokenUsage): void;
}

/** Runs to its end (done or failed event); never throws. */
export async function runGeneration(
  requestId: string,
  request: LlmGenerate,
  deps: GenerationDeps,
  signal: AbortSignal,
): Promise<void> {
  let attempt = 0;
  let lastCode: string | null = null;
  const fail = (error: LlmFailureError) =>
    deps.emit({
      type: 'failed',
      requestId,
      attempt,
      failure: error.failure,
      message: error.message,
      httpStatus: error.httpStatus,
      code: lastCode,
    });
  try {
    const settings = deps.settings;
    if (!settings) {
      throw new LlmFailureError(
        'not_configured',
        'no LLM provider is configured: open the provider settings',
      );
    }
    if (!deps.apiKey && !KEYLESS_PRESETS.has(settings.preset) && settings.preset !== 'custom') {
      throw new LlmFailureError(
        'no_key',
        `${settings.preset} needs an API key: set one in the provider settings`,
      );
    }
    const summary = request.includeMatch ? await deps.matchSummary() : null;
    const messages: ChatMessage[] = [firstMessage(request, summary)];
    const maxAttempts = 1 + settings.maxRepairs;
    for (attempt = 1; attempt <= maxAttempts; attempt++) {
      deps.emit({ type: 'attempt', requestId, attempt, maxAttempts });
      const answer = await answerHonouringRateLimits(
        requestId,
        attempt,
        settings,
        deps,
        messages,
        signal,
      );
      const code = extractCode(answer);
      if (code === null) {
        throw new LlmFailureError(
          'no_code',
          'the answer had no code in it; try saying what the agents should do',
        );
      }
      lastCode = code;
      const errors = await deps.validate(code, request.language);
      if (signal.aborted) throw new LlmFailureError('stopped', 'stopped');
      deps.emit({ type: 'checked', requestId, attempt, code, errors });
      if (errors.length === 0) {
        deps.emit({ type: 'done', requestId, attempt, code });
        return;
      }
      messages.push({ role: 'assistant', content: answer }, repairMessage(errors));
    }
    attempt = maxAttempts;
    throw new LlmFailureError(
      'invalid',
      `the code still failed validation after ${settings.maxRepairs} repair${settings.maxRepairs === 1 ? '' : 's'}`,
    );
  } catch (error) {
    fail(error instanceof LlmFailureError ? error : new LlmFailureError('failed', String(error)));
  }
}

async function answerHonouringRateLimits(
  requestId: string,
  attempt: number,
  settings: LlmSettings,
  deps: GenerationDeps,
  messages: ChatMessage[],
  signal: AbortSignal,
): Promise<string> {
  for (let waits = 0; ; waits++) {
    try {
      return await answerWithin(settings, deps, messages, signal, (text) =>
        deps.emit({ type: 'delta', requestId, attempt, text }),
      );
    } catch (error) {
      if (
        !(error instanceof LlmFailureError) ||
        error.failure !== 'rate_limited' ||
        error.retryAfterMs === null ||
        error.retryAfterMs > MAX_RATE_LIMIT_WAIT_MS ||
        waits >= MAX_RATE_LIMIT_WAITS
      ) {
        throw error;
      }
      const ms = error.retryAfterMs;
      deps.emit({
        type: 'waiting',
        requestId,
        attempt,
        ms,
        message: `${error.message}; waiting ${Math.ceil(ms / 1000)} s`,
      });
      await sleep(ms, signal);
    }
  }
}

/** One streamed answer, cut off after the settings' timeout (the clients' own timeout covers only the wait for headers). */
async function answerWithin(
  settings: LlmSettings,
  deps: GenerationDeps,
  messages: ChatMessage[],
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<string> {
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, settings.timeoutMs);
  try {
    return await streamAnswer({
      settings,
      apiKey: deps.apiKey,
      system: BEHAVIOR_SYSTEM_PROMPT,
      messages,
      signal: AbortSignal.any([signal, deadline.signal]),
      onText,
      onUsage: deps.onUsage,
    });
  } catch (error) {
    if (timedOut) {
      throw new LlmFailureError(
        'timeout',
        `${settings.baseUrl} did not finish within ${settings.timeoutMs / 1000} s`,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new LlmFailureError('stopped', 'stopped'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmFailureError('stopped', 'stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
