import { describe, expect, it } from 'vitest';
import type { LlmEvent } from '../../../shared/llmApi';
import { friendFailureMessage, REDACTED, redactingLlmSink, redactSecrets } from './redaction';

const KEY = 'my-own-proxy-key-0042';

describe('the redaction step', () => {
  it.each([
    ['the configured key, whatever its shape', `denied for ${KEY}.`, KEY],
    ['it URL-encoded', `GET /v1?k=${encodeURIComponent('a b+c/d=e:f')}`, 'b%2Bc'],
    ['a bearer token', 'Authorization: Bearer abc.DEF-123_xyz', 'abc.DEF'],
    ['an OpenAI key', 'key sk-proj-AbCdEf0123456789 was wrong', 'AbCdEf'],
    ['an Anthropic key', 'x sk-ant-api03-AbCdEf0123456789-xyz', 'AbCdEf'],
    ['an x-api-key header', 'headers: {"x-api-key":"zz9-plural-z-alpha"}', 'zz9'],
    ['an api_key field', '{"api_key": "hunter2hunter2"}', 'hunter2'],
    ['a key in a URL', 'https://example.test/v1?model=m&key=AIzaSyA-1234567890abcdefghij', 'AIza'],
    ['a basic credential', 'Authorization: Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
  ])('removes %s', (_what, text, secretPart) => {
    const out = redactSecrets(text, [KEY, 'a b+c/d=e:f']);
    expect(out).not.toContain(secretPart);
    expect(out).toContain(REDACTED);
  });

  it('keeps the scheme of a redacted header readable', () => {
    expect(redactSecrets('Authorization: Bearer abcdef123456', [])).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
  });

  it('leaves ordinary provider errors readable', () => {
    const text = 'model "gpt-x" does not exist; max_tokens: 4096 is too many (HTTP 404)';
    expect(redactSecrets(text, [KEY, null, 'ab'])).toBe(text);
  });

  it('holds streamed text to the end of its line, so a key split across chunks is still caught', () => {
    const shown: LlmEvent[] = [];
    const sink = redactingLlmSink(
      'host',
      () => [KEY],
      (event) => shown.push(event),
    );
    const text = `first line\nthe key is ${KEY} ok\n\`\`\`js\ncode()\n\`\`\``;
    for (let i = 0; i < text.length; i += 3) {
      sink({ type: 'delta', requestId: 'r', attempt: 1, text: text.slice(i, i + 3) });
    }
    sink({ type: 'done', requestId: 'r', attempt: 1, code: `// ${KEY}\ncode()` });
    const streamed = shown.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(streamed).toBe(text.replace(KEY, REDACTED));
    expect(shown.at(-1)).toEqual({
      type: 'done',
      requestId: 'r',
      attempt: 1,
      code: `// ${REDACTED}\ncode()`,
    });
  });

  it('tells a friend only what kind of failure it was', () => {
    const shown: LlmEvent[] = [];
    const sink = redactingLlmSink(
      'friend',
      () => [KEY],
      (event) => shown.push(event),
    );
    sink({
      type: 'failed',
      requestId: 'r',
      attempt: 1,
      failure: 'failed',
      message: 'http://10.0.0.5:8000/v1 answered HTTP 502: bad gateway',
      httpStatus: 502,
      code: null,
    });
    expect(shown[0]).toMatchObject({ message: 'the LLM provider failed (HTTP 502)' });
    expect(friendFailureMessage('unreachable', null)).not.toMatch(/http|10\.0/);
  });
});
