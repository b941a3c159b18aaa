import { describe, expect, it } from 'vitest';
import { extractCode } from './extractCode';
import { retryAfter } from './llmFailure';

describe('extractCode', () => {
  it('takes the fenced block that is a module, not the first one', () => {
    const answer =
      'Install nothing:\n```sh\nnpm test\n```\nHere:\n```js\nexport default function act() {\n  return {};\n}\n```\nDone.';
    expect(extractCode(answer)).toBe('export default function act() {\n  return {};\n}\n');
  });

  it('takes a bare module, and refuses prose', () => {
    expect(extractCode('export default () => ({});')).toBe('export default () => ({});\n');
    expect(extractCode('Sure! You could export default a function that returns {}.')).toBeNull();
    expect(extractCode('No code from me.')).toBeNull();
    expect(extractCode('```\n\n```')).toBeNull();
  });
});

describe('retryAfter', () => {
  const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] ?? null });
  it('reads milliseconds, seconds and HTTP dates', () => {
    expect(retryAfter(headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfter(headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfter(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfter(headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfter(headers({}))).toBeNull();
  });
});
