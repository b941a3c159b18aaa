import { describe, expect, it } from 'vitest';
import { parseHostArgs } from './cliArgs';

describe('headless host flags', () => {
  it('defaults to loopback port 7777', () => {
    const args = parseHostArgs([]);
    expect(args).toMatchObject({ port: 7777, bind: '127.0.0.1', help: false });
    expect(args.dataDir).toMatch(/\.arbiter$/);
  });
  it('takes --port, --bind and --data-dir', () => {
    const args = parseHostArgs(['--port', '0', '--bind', '::1', '--data-dir', '/tmp/x']);
    expect(args).toMatchObject({ port: 0, bind: '::1', dataDir: '/tmp/x' });
  });
  it('rejects bad ports and unknown flags with a reason', () => {
    expect(() => parseHostArgs(['--port', '70000'])).toThrow(/--port must be an integer/);
    expect(() => parseHostArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseHostArgs(['--prot', '1'])).toThrow(/prot/);
  });
});
