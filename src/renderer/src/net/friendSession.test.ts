import { describe, expect, it } from 'vitest';
import { parseInvite } from './friendSession';

describe('parseInvite', () => {
  const code = 'AbCdEfGhIjKlMnOpQrStUv';
  const HERE = 'http://127.0.0.1:7791/';
  it('reads a link, keeping the host it points at', () => {
    expect(parseInvite(`http://10.0.0.5:7777/#invite=${code}`, 'http://127.0.0.1:7791/')).toEqual({
      hostOrigin: 'http://10.0.0.5:7777',
      code,
    });
  });
  it('reads a bare code as an invite to this page’s host', () => {
    expect(parseInvite(code, 'http://127.0.0.1:7791/x')).toEqual({
      hostOrigin: 'http://127.0.0.1:7791',
      code,
    });
  });
  it('keeps the fleet lobby that reserved the seat, only when it is a web address', () => {
    const lobby = encodeURIComponent('http://10.0.0.4:7777/');
    expect(parseInvite(`http://10.0.0.5:7777/#invite=${code}&lobby=${lobby}`, HERE)).toEqual({
      hostOrigin: 'http://10.0.0.5:7777',
      code,
      lobby: 'http://10.0.0.4:7777/',
    });
    const script = encodeURIComponent('javascript:alert(1)');
    expect(parseInvite(`http://10.0.0.5:7777/#invite=${code}&lobby=${script}`, HERE)).toEqual({
      hostOrigin: 'http://10.0.0.5:7777',
      code,
    });
  });
  it('rejects anything else', () => {
    for (const text of ['', 'hello', 'http://x/#invite=short', 'javascript:alert(1)']) {
      expect(parseInvite(text, 'http://127.0.0.1/')).toBeNull();
    }
  });
});
