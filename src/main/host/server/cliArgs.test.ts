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
  it('takes STUN/TURN servers (repeatable) and a UDP port range; none by default', () => {
    expect(parseHostArgs([])).toMatchObject({ iceServers: [], udpPorts: undefined });
    const args = parseHostArgs([
      '--ice-server',
      'stun:stun.example.org:3478',
      '--ice-server',
      'turn:ada:s3cret@turn.example.org:3478?transport=tcp',
      '--udp-ports',
      '50000-50100',
    ]);
    expect(args.iceServers).toEqual([
      'stun:stun.example.org:3478',
      'turn:ada:s3cret@turn.example.org:3478?transport=tcp',
    ]);
    expect(args.udpPorts).toEqual({ begin: 50000, end: 50100 });
    expect(parseHostArgs(['--udp-ports', '40000-40000']).udpPorts).toEqual({
      begin: 40000,
      end: 40000,
    });
  });
  it('refuses bad ICE servers and port ranges with a reason', () => {
    for (const bad of ['stun.example.org', 'http://x', 'stun:', 'stun:a b', 'stun:x:70000']) {
      expect(() => parseHostArgs(['--ice-server', bad]), bad).toThrow(/--ice-server/);
    }
    for (const bad of ['50000', '50100-50000', '80-90', '50000-70000', 'a-b', '1-2-3']) {
      expect(() => parseHostArgs(['--udp-ports', bad]), bad).toThrow(
        /--udp-ports must be BEGIN-END/,
      );
    }
  });
  it('takes a metrics listener (off by default, loopback unless told) and a log level', () => {
    expect(parseHostArgs([])).toMatchObject({
      metricsPort: undefined,
      metricsBind: '127.0.0.1',
      logLevel: process.env.ARBITER_LOG_LEVEL ?? 'info',
    });
    const args = parseHostArgs(['--metrics-port', '9464', '--metrics-bind', '0.0.0.0']);
    expect(args).toMatchObject({ metricsPort: 9464, metricsBind: '0.0.0.0' });
    expect(parseHostArgs(['--log-level', 'debug']).logLevel).toBe('debug');
    expect(() => parseHostArgs(['--metrics-port', '99999'])).toThrow(/--metrics-port must be/);
    expect(() => parseHostArgs(['--log-level', 'loud'])).toThrow(
      /--log-level must be one of fatal, error, warn, info, debug, trace, silent/,
    );
  });
});
