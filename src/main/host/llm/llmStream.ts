/**
 * One streamed completion from the configured provider, through the
 * provider's official client (openai for every OpenAI-compatible server,
 * @anthropic-ai/sdk for Anthropic). Retries are ours (generation.ts), so
 * the clients never retry on their own.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { LlmSettings } from '../../../shared/llmApi';
import { classifyLlmError, LlmFailureError } from './llmFailure';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface StreamRequest {
  settings: LlmSettings;
  apiKey: string | null;
  system: string;
  messages: ChatMessage[];
  signal: AbortSignal;
  onText(text: string): void;
}

/** Longest answer asked for; a behavior module is far shorter. */
const MAX_ANSWER_TOKENS = 4096;

/** Resolves to the whole answer; rejects with an LlmFailureError. */
export async function streamAnswer(request: StreamRequest): Promise<string> {
  const endpoint = request.settings.baseUrl;
  let text = '';
  const onText = (piece: string) => {
    text += piece;
    request.onText(piece);
  };
  try {
    const finished =
      request.settings.provider === 'anthropic'
        ? await streamAnthropic(request, onText)
        : await streamOpenAi(request, onText);
    // An aborted stream may just end: that is a stop (or the caller's timeout), not a cut.
    if (request.signal.aborted) throw new LlmFailureError('stopped', 'stopped');
    if (finished === 'length') {
      throw new LlmFailureError(
        'cut_off',
        `the answer from ${endpoint} hit the model's length limit`,
      );
    }
    if (!finished)
      throw new LlmFailureError('cut_off', `the answer from ${endpoint} was cut off midway`);
    return text;
  } catch (error) {
    throw classifyLlmError(error, endpoint, text.length > 0);
  }
}

type Finish = false | 'stop' | 'length';

async function streamOpenAi(request: StreamRequest, onText: (t: string) => void): Promise<Finish> {
  const { settings } = request;
  const client = new OpenAI({
    // Local servers (Ollama, LM Studio, llama.cpp) take any key; the client insists on one.
    apiKey: request.apiKey ?? 'no-key',
    baseURL: settings.baseUrl,
    timeout: settings.timeoutMs,
    maxRetries: 0,
  });
  const stream = await client.chat.completions.create(
    {
      model: settings.model,
      temperature: settings.temperature,
      stream: true,
      messages: [{ role: 'system', content: request.system }, ...request.messages],
    },
    { signal: request.signal },
  );
  let finished: Finish = false;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    const piece = choice?.delta?.content;
    if (piece) onText(piece);
    if (choice?.finish_reason) finished = choice.finish_reason === 'length' ? 'length' : 'stop';
  }
  return finished;
}

async function streamAnthropic(
  request: StreamRequest,
  onText: (t: string) => void,
): Promise<Finish> {
  const { settings } = request;
  if (!request.apiKey) {
    throw new LlmFailureError(
      'no_key',
      'Anthropic needs an API key: set one in the provider settings',
    );
  }
  const client = new Anthropic({
    apiKey: request.apiKey,
    baseURL: settings.baseUrl,
    timeout: settings.timeoutMs,
    maxRetries: 0,
  });
  // No temperature: the Anthropic client (1.x) no longer takes one; the model's default applies.
  const stream = await client.messages.create(
    {
      model: settings.model,
      max_tokens: MAX_ANSWER_TOKENS,
      system: request.system,
      messages: request.messages,
      stream: true,
    },
    { signal: request.signal },
  );
  let finished: Finish = false;
  let stopReason: string | null = null;
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      onText(event.delta.text);
    } else if (event.type === 'message_delta') {
      stopReason = event.delta.stop_reason ?? stopReason;
    } else if (event.type === 'message_stop') {
      finished = stopReason === 'max_tokens' ? 'length' : 'stop';
    }
  }
  return finished;
}
