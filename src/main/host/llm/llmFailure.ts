/**
 * A generation that ended without code, with the reason the editor shows.
 * Provider SDK errors (both SDKs share one error shape) are mapped here to
 * the few failures a modder can act on.
 */
import * as anthropic from '@anthropic-ai/sdk';
import * as openai from 'openai';
import type { LlmFailure } from '../../../shared/llmApi';

export class LlmFailureError extends Error {
  constructor(
    readonly failure: LlmFailure,
    message: string,
    /** For `rate_limited`: how long the server asked us to wait, ms. */
    readonly retryAfterMs: number | null = null,
    /** The provider's HTTP status, when it answered with one. */
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = 'LlmFailureError';
  }
}

interface SdkErrorShape {
  name?: string;
  status?: number;
  headers?: { get(name: string): string | null } | undefined;
  message?: string;
}

/** What went wrong, in the modder's words; `streamed` says whether answer text had arrived. */
export function classifyLlmError(
  error: unknown,
  endpoint: string,
  streamed: boolean,
): LlmFailureError {
  if (error instanceof LlmFailureError) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const is = (kind: 'APIUserAbortError' | 'APIConnectionTimeoutError' | 'APIConnectionError') =>
    error instanceof openai[kind] || error instanceof anthropic[kind];
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (is('APIUserAbortError') || e.name === 'AbortError') {
    return new LlmFailureError('stopped', 'stopped');
  }
  if (is('APIConnectionTimeoutError')) {
    return new LlmFailureError('timeout', `${endpoint} did not answer in time`);
  }
  if (status === 401 || status === 403) {
    return new LlmFailureError(
      'unauthorized',
      `${endpoint} refused the API key (HTTP ${status}); check the key in the provider settings`,
      null,
      status,
    );
  }
  if (status === 429) {
    const retryAfterMs = retryAfter(e.headers);
    const wait =
      retryAfterMs !== null ? `; it asks to retry after ${Math.ceil(retryAfterMs / 1000)} s` : '';
    return new LlmFailureError(
      'rate_limited',
      `${endpoint} is rate limiting (HTTP 429)${wait}`,
      retryAfterMs,
      429,
    );
  }
  if (status !== undefined) {
    return new LlmFailureError(
      'failed',
      `${endpoint} answered HTTP ${status}: ${shorten(e.message ?? '')}`,
      null,
      status,
    );
  }
  if (streamed) {
    return new LlmFailureError('cut_off', `the answer from ${endpoint} was cut off midway`);
  }
  if (is('APIConnectionError')) {
    return new LlmFailureError('unreachable', `cannot reach ${endpoint}: is the server running?`);
  }
  return new LlmFailureError('failed', `${endpoint}: ${shorten(e.message ?? String(error))}`);
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfter(headers: SdkErrorShape['headers'], now = Date.now()): number | null {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && headers?.get('retry-after-ms') != null) return ms;
  const value = headers?.get('retry-after');
  if (value == null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

// Generous: the redaction step (redaction.ts) shortens after it searched the whole text, so a
// key is never cut in two before it is found.
function shorten(text: string): string {
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}
