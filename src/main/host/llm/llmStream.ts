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
  /**
   * Told the tokens of this request and its answer once it finished: the
   * provider's count when it reports one, else an estimate (4 characters a
   * token). Only when set are OpenAI-compatible servers asked for usage.
   */
  onUsage?(usage: TokenUsage): void;
}

export interface TokenUsage {
  input: number;
  output: number;
  /** True when the provider reported no usage and these are estimates. */
  estimated: boolean;
}

const CHARS_PER_TOKEN = 4;

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
  const reported: Partial<Omit<TokenUsage, 'estimated'>> = {};
  try {
    const finished =
      request.settings.provider === 'anthropic'
        ? await streamAnthropic(request, onText, reported)
        : await streamOpenAi(request, onText, reported);
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
    request.onUsage?.(usageOf(request, text, reported));
    return text;
  } catch (error) {
    throw classifyLlmError(error, endpoint, text.length > 0);
  }
}

type Finish = false | 'stop' | 'length';
type Reported = Partial<Omit<TokenUsage, 'estimated'>>;

function usageOf(request: StreamRequest, answer: string, reported: Reported): TokenUsage {
  const asked = request.system.length + request.messages.reduce((n, m) => n + m.content.length, 0);
  return {
    input: reported.input ?? Math.ceil(asked / CHARS_PER_TOKEN),
    output: reported.output ?? Math.ceil(answer.length / CHARS_PER_TOKEN),
    estimated: reported.input === undefined || reported.output === undefined,
  };
}

async function streamOpenAi(
  request: StreamRequest,
  onText: (t: string) => void,
  reported: Reported,
): Promise<Finish> {
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
      ...(request.onUsage ? { stream_options: { include_usage: true } } : {}),
      messages: [{ role: 'system', content: request.system }, ...request.messages],
    },
    { signal: request.signal },
  );
  let finished: Finish = false;
  for await (const chunk of stream) {
    if (chunk.usage) {
      reported.input = chunk.usage.prompt_tokens;
      reported.output = chunk.usage.completion_tokens;
    }
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
  reported: Reported,
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
    } else if (event.type === 'message_start') {
      reported.input = event.message.usage.input_tokens;
    } else if (event.type === 'message_delta') {
      stopReason = event.delta.stop_reason ?? stopReason;
      reported.output = event.usage.output_tokens;
    } else if (event.type === 'message_stop') {
      finished = stopReason === 'max_tokens' ? 'length' : 'stop';
    }
  }
  return finished;
}
