/** The fleet's flags: off by default (a single host needs no Redis or Kubernetes), bad values refused at start. */
import { describe, expect, it } from 'vitest';
import { parseHostArgs } from '../server/index';

describe('fleet flags', () => {
  it('are off by default; a host id is made up when none is given', () => {
    const args = parseHostArgs([]);
    expect(args).toMatchObject({ directory: undefined, publicIp: undefined, agones: false });
    expect(args.hostId).toMatch(/^[A-Za-z0-9_.-]+-[0-9a-f]{6}$/);
  });

  it('take a Redis URL, a host id, a public IP and --agones', () => {
    const args = parseHostArgs([
      '--directory',
      'redis://:pw@10.0.0.5:6379/2',
      '--host-id',
      'arena-7',
      '--public-ip',
      '203.0.113.9',
      '--agones',
    ]);
    expect(args).toMatchObject({
      directory: 'redis://:pw@10.0.0.5:6379/2',
      hostId: 'arena-7',
      publicIp: '203.0.113.9',
      agones: true,
    });
  });

  it('refuse a directory that is not a Redis URL, without echoing its password', () => {
    expect(() => parseHostArgs(['--directory', 'http://10.0.0.5'])).toThrow(
      /--directory must be a Redis URL/,
    );
    expect(() => parseHostArgs(['--directory', 'localhost:6379'])).toThrow(/--directory/);
    expect(() => parseHostArgs(['--directory', 'postgres://u:hunter22@db/x'])).toThrow(
      /^(?!.*hunter22)/s,
    );
  });

  it('refuse a bad host id or public IP', () => {
    expect(() => parseHostArgs(['--host-id', 'has space'])).toThrow(/--host-id/);
    expect(() => parseHostArgs(['--host-id', 'x'.repeat(65)])).toThrow(/--host-id/);
    expect(() => parseHostArgs(['--public-ip', 'example.org'])).toThrow(
      /--public-ip must be an IPv4 or IPv6/,
    );
  });
});
