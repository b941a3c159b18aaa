/**
 * How each protocol frames a streamed answer and an error, byte for byte
 * as the real services do (what their official clients parse).
 */
import type { IncomingMessage } from 'node:http';

export interface Framing {
  /** The route answers are posted to, and the base URL's path the client is given. */
  path: string;
  basePath: string;
  keyOf(headers: IncomingMessage['headers']): string | undefined;
  start(model: string): string;
  delta(text: string, model: string): string;
  end(model: string): string;
  errorBody(status: number, message: string): unknown;
}

const sse = (data: unknown, event?: string) =>
  `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

const openAiChunk = (model: string, delta: object, finishReason: string | null) => ({
  id: 'chatcmpl-test',
  object: 'chat.completion.chunk',
  created: 0,
  model,
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

export const openAiFraming: Framing = {
  path: '/v1/chat/completions',
  basePath: '/v1',
  keyOf: (headers) => headers.authorization?.replace(/^Bearer /, ''),
  start: (model) => sse(openAiChunk(model, { role: 'assistant', content: '' }, null)),
  delta: (text, model) => sse(openAiChunk(model, { content: text }, null)),
  end: (model) => sse(openAiChunk(model, {}, 'stop')) + sse('[DONE]'),
  errorBody: (status, message) => ({
    error: {
      message,
      type: status === 429 ? 'rate_limit_exceeded' : 'invalid_request_error',
      code: status === 401 ? 'invalid_api_key' : null,
    },
  }),
};

const anthropicErrorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};

export const anthropicFraming: Framing = {
  path: '/v1/messages',
  basePath: '',
  // x-api-key, or a bearer token (what the 1.x client sends).
  keyOf: (headers) => {
    const key = headers['x-api-key'];
    return (Array.isArray(key) ? key[0] : key) ?? headers.authorization?.replace(/^Bearer /, '');
  },
  start: (model) =>
    sse(
      {
        type: 'message_start',
        message: {
          id: 'msg_test',
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 1, output_tokens: 1 },
        },
      },
      'message_start',
    ) +
    sse(
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      'content_block_start',
    ),
  delta: (text) =>
    sse(
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
      'content_block_delta',
    ),
  end: () =>
    sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop') +
    sse(
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 1 },
      },
      'message_delta',
    ) +
    sse({ type: 'message_stop' }, 'message_stop'),
  errorBody: (status, message) => ({
    type: 'error',
    error: { type: anthropicErrorTypes[status] ?? 'api_error', message },
  }),
};
