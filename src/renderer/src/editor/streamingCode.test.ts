import { describe, expect, it } from 'vitest';
import { streamingCode } from './streamingCode';

describe('streamingCode', () => {
  it('shows the code of the first fence as it streams', () => {
    expect(streamingCode('Here you go:\n')).toBe('');
    expect(streamingCode('Here you go:\n```js\nexport default')).toBe('export default');
    expect(streamingCode('Here:\n```js\nexport default () => ({});\n`')).toBe(
      'export default () => ({});\n',
    );
    expect(streamingCode('```js\na();\n```\nThat is all.\n```js\nb();\n```')).toBe('a();\n');
  });

  it('takes an unfenced answer that starts as code', () => {
    expect(streamingCode('export default () => ({ moveTo')).toBe('export default () => ({ moveTo');
    expect(streamingCode('Sure, let me think')).toBe('');
  });
});
