/**
 * The one step every text from an LLM provider passes before it reaches a
 * renderer (errors, streamed bodies, extracted code, validation messages):
 * the configured key and anything shaped like a credential are cut out,
 * and a friend's editor gets a generic line instead of the provider's
 * words. Some proxies echo the request's `Authorization` header in their
 * error pages (issue 11, finding 6); nothing here trusts that they do not.
 */
import type { LlmEvent, LlmFailure } from '../../../shared/llmApi';

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** Who will read the text: the host sees the redacted detail, a friend only what kind of failure. */
export type LlmAudience = 'host' | 'friend';

/** Longest provider message shown to the host, characters (cut after redaction, never before). */
const MAX_HOST_MESSAGE = 300;
/** A configured key shorter than this is not searched for (it would blank ordinary words). */
const MIN_SECRET_LENGTH = 4;
/** Streamed text is held back to the end of its line, at most this long. */
const MAX_HELD_CHARS = 4096;

// Order matters: a scheme with its token goes first, so "Authorization: Bearer x" loses both.
const CREDENTIAL_SHAPES: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{4,}/gi, `$1$2${REDACTED}`],
  // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), OpenRouter (sk-or-), DeepSeek… keys.
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Google, Groq, xAI, Perplexity, Hugging Face, GitHub, Replicate keys.
  [
    /\b(?:AIza[A-Za-z0-9_-]{20,}|(?:gsk|xai|pplx|hf|ghp|github_pat|r8)[_-][A-Za-z0-9_]{10,})/g,
    REDACTED,
  ],
  // A named credential's value: `x-api-key: v`, `"api_key": "v"`, `authorization=v`.
  [
    /\b(x-api-key|api[-_]?key|authorization|access[-_]?token|refresh[-_]?token|client[-_]?secret|password)(["']?\s*[:=]\s*["']?)(?!\[redacted\]|(?:Bearer|Basic|Token)\s)[^\s"'&,;}]+/gi,
    `$1$2${REDACTED}`,
  ],
  // A key in a URL's query: `?key=v`, `&token=v`.
  [/([?&](?:key|token|api_key|access_token)=)[^&\s"'#]+/gi, `$1${REDACTED}`],
];

/** `text` with every secret in `secrets` (exactly, and URL-encoded) and every credential-shaped run cut out. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | null>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
    ])) {
      out = out.split(form).join(REDACTED);
    }
  }
  for (const [shape, replacement] of CREDENTIAL_SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** What a friend's editor is told for each failure: never the provider's words or the endpoint. */
export function friendFailureMessage(failure: LlmFailure, httpStatus: number | null): string {
  const status = httpStatus === null ? '' : ` (HTTP ${httpStatus})`;
  switch (failure) {
    case 'not_configured':
      return 'the host has not set up an LLM provider';
    case 'no_key':
      return "the host's LLM provider needs an API key";
    case 'unreachable':
      return 'the host cannot reach its LLM provider';
    case 'unauthorized':
      return `the LLM provider refused the host's key${status}`;
    case 'rate_limited':
      return `the LLM provider is rate limiting${status}`;
    case 'timeout':
      return 'the LLM provider did not answer in time';
    case 'cut_off':
      return "the LLM provider's answer was cut off";
    case 'no_code':
      return 'the answer had no code in it; try saying what the agents should do';
    case 'invalid':
      return 'the code still failed validation after the repairs the host allows';
    case 'stopped':
      return 'stopped';
    case 'failed':
      return `the LLM provider failed${status}`;
  }
}

/**
 * Wraps a session's `llm` event sink so that everything passes the
 * redaction step: messages, streamed text (held to the end of each line,
 * so a key split across chunks is still whole when it is searched for),
 * code and validation errors. `secrets()` is read at each event (the key
 * may change while a generation runs).
 */
export function redactingLlmSink(
  audience: LlmAudience,
  secrets: () => ReadonlyArray<string | null>,
  emit: (event: LlmEvent) => void,
): (event: LlmEvent) => void {
  const redact = (text: string) => redactSecrets(text, secrets());
  /** Streamed text not yet shown, with the attempt it belongs to. */
  let held: { requestId: string; attempt: number; text: string } | null = null;
  const release = (upTo: number) => {
    if (!held || upTo <= 0) return;
    const text = redact(held.text.slice(0, upTo));
    held.text = held.text.slice(upTo);
    emit({ type: 'delta', requestId: held.requestId, attempt: held.attempt, text });
  };

  return (event) => {
    if (event.type === 'delta') {
      if (held && (held.requestId !== event.requestId || held.attempt !== event.attempt)) {
        release(held.text.length);
      }
      held ??= { requestId: event.requestId, attempt: event.attempt, text: '' };
      held.text += event.text;
      release(safeEnd(held.text));
      return;
    }
    // Anything else ends the stretch of streamed text before it.
    if (held) release(held.text.length);
    held = null;
    emit(redactEvent(event, audience, redact));
  };
}

/** How much of streamed `text` can be shown now: whole lines, or all but the last words of a long one. */
function safeEnd(text: string): number {
  const lineEnd = text.lastIndexOf('\n') + 1;
  if (text.length - lineEnd <= MAX_HELD_CHARS) return lineEnd;
  // A very long line: cut two words back from the limit, so "Bearer <token>" stays together.
  const before = text.lastIndexOf(' ', text.length - MAX_HELD_CHARS / 2);
  return Math.max(lineEnd, text.lastIndexOf(' ', before - 1) + 1);
}

function redactEvent(
  event: LlmEvent,
  audience: LlmAudience,
  redact: (text: string) => string,
): LlmEvent {
  switch (event.type) {
    case 'failed':
      return {
        ...event,
        message:
          audience === 'friend'
            ? friendFailureMessage(event.failure, event.httpStatus ?? null)
            : cut(redact(event.message)),
        code: event.code === null ? null : redact(event.code),
      };
    case 'waiting':
      return {
        ...event,
        message:
          audience === 'friend'
            ? `${friendFailureMessage('rate_limited', 429)}; waiting ${Math.ceil(event.ms / 1000)} s`
            : cut(redact(event.message)),
      };
    case 'checked':
      return {
        ...event,
        code: redact(event.code),
        errors: event.errors.map((error) => ({ ...error, message: redact(error.message) })),
      };
    case 'done':
      return { ...event, code: redact(event.code) };
    case 'delta':
      return { ...event, text: redact(event.text) };
    case 'attempt':
      return event;
  }
}

function cut(text: string): string {
  return text.length > MAX_HOST_MESSAGE ? `${text.slice(0, MAX_HOST_MESSAGE)}…` : text;
}
