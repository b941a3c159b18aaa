import { describe, expect, it } from 'vitest';
import { isPrivateAddress, rewriteHostCandidate, rewriteSdpCandidates } from './index';

describe('public address in WebRTC candidates', () => {
  it('rewrites private host candidates of the same family, keeping the port', () => {
    expect(
      rewriteHostCandidate('a=candidate:1 1 UDP 2122317823 10.4.0.7 7000 typ host', '203.0.113.9'),
    ).toBe('a=candidate:1 1 UDP 2122317823 203.0.113.9 7000 typ host');
    expect(
      rewriteHostCandidate(
        'candidate:2 1 UDP 2122317823 192.168.1.5 50000 typ host generation 0',
        '198.51.100.1',
      ),
    ).toBe('candidate:2 1 UDP 2122317823 198.51.100.1 50000 typ host generation 0');
  });

  it('leaves public, server-reflexive, relay, mDNS and other-family candidates alone', () => {
    const lines = [
      'a=candidate:1 1 UDP 2122317823 8.8.4.4 7000 typ host',
      'a=candidate:3 1 UDP 1686052607 10.0.0.2 7000 typ srflx raddr 0.0.0.0 rport 0',
      'a=candidate:4 1 UDP 41885439 10.0.0.3 7000 typ relay raddr 0.0.0.0 rport 0',
      'a=candidate:5 1 UDP 2122317823 4f1c-abc.local 7000 typ host',
      'a=candidate:6 1 UDP 2122317823 fd00::5 7000 typ host',
      'a=mid:0',
    ];
    for (const line of lines) expect(rewriteHostCandidate(line, '203.0.113.9')).toBe(line);
  });

  it('rewrites every candidate line of a whole SDP', () => {
    const sdp = 'v=0\r\na=candidate:1 1 UDP 1 172.20.0.4 7001 typ host\r\na=end-of-candidates\r\n';
    expect(rewriteSdpCandidates(sdp, '203.0.113.9')).toBe(
      'v=0\r\na=candidate:1 1 UDP 1 203.0.113.9 7001 typ host\r\na=end-of-candidates\r\n',
    );
  });

  it('knows private ranges from public ones', () => {
    for (const ip of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.9.9',
      '192.168.0.1',
      '127.0.0.1',
      '100.64.0.1',
      '169.254.1.1',
      'fc00::1',
      'fe80::1',
      '::1',
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['172.32.0.1', '8.8.8.8', '100.128.0.1', '2001:db8::1', 'not-an-ip'])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });
});
