import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createInputPacket,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  pushInput,
} from '../../../../engine/index';
import { WS_API_PATH } from '../../../shared/bridge';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
} from '../../../shared/contentSecurityPolicy';
import type { RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import { startHttpHost, type HttpHost } from './httpServer';
import { createLogger } from './logger';
import {
  createTestHostCore,
  openTestSocket,
  rpcOverSocket,
  TEST_HOST_KEY,
  unitIds,
  sendInputPacket,
  watchSnapshots,
} from '../testing/testHost';

describe('host API over the real WebSocket', () => {
  let core: HostCore;
  let http: HttpHost;
  let client: RpcClient;
  let wsUrl: string;
  const rendererDir = mkdtempSync(join(tmpdir(), 'arbiter-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Arbiter</title>');

  beforeAll(async () => {
    core = createTestHostCore();
    http = await startHttpHost({
      core,
      rendererDir,
      port: 0,
      bind: '127.0.0.1',
      hostKey: TEST_HOST_KEY,
      logger: createLogger('silent'),
    });
    wsUrl =
      http.url.replace('http:', 'ws:').replace(/\/$/, '') + WS_API_PATH + `?key=${TEST_HOST_KEY}`;
    client = rpcOverSocket(await openTestSocket(wsUrl));
  });

  afterAll(async () => {
    client.close();
    await http.close();
    await core.dispose();
  });

  it('serves the UI page on the same port', async () => {
    const response = await fetch(http.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Arbiter</title>');
    const escape = await fetch(new URL('/..%2f..%2f..%2fetc%2fhostname', http.url));
    expect(escape.status).toBe(403);
  });

  it("sends the page a strict CSP header (the meta tag's policy, not frameable), nosniff and no referrer", async () => {
    for (const [path, status] of [
      ['/', 200],
      ['/no-such-file.js', 404],
      ['/..%2f..%2fetc%2fhostname', 403],
    ] as const) {
      const response = await fetch(new URL(path, http.url));
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-security-policy'), path).toBe(
        CONTENT_SECURITY_POLICY_HEADER,
      );
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
    const posted = await fetch(http.url, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
  });

  it('runs a match and streams its snapshots as binary frames', async () => {
    const watch = await watchSnapshots(client);
    await client.request('match.start', { agents: 55 });
    const frame = await watch.next((f) => unitIds(f).length === 55 && f.tick > 2);
    expect(frame.xy).toHaveLength(frame.ids.length * 2);
    expect(frame.hp.every((hp) => hp >= 0 && hp <= 1)).toBe(true);
    watch.close();
    await client.request('match.stop', {});
  });

  it('carries the host window’s input packets as binary frames to its avatar', async () => {
    await client.request('match.start', { agents: 10 });
    const watch = await watchSnapshots(client);
    const { unitId } = await client.request('player.join', { name: 'Host' });
    const first = await watch.next((f) => f.ids.includes(unitId!));
    const input = createInputPacket();
    const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
    for (let sent = 0; sent < 5; sent++) {
      pushInput(input, 0, 1, 0, 0);
      input.ackTick = watch.latest!.tick;
      sendInputPacket(client, wire.subarray(0, encodeInputPacket(input, wire)));
    }
    const acked = await watch.next((f) => f.inputAck === 4);
    const yOf = (f: typeof first) => f.xy[2 * f.ids.indexOf(unitId!) + 1];
    expect(yOf(acked)).toBeGreaterThan(yOf(first));
    watch.close();
    await client.request('player.leave', {});
    await client.request('match.stop', {});
  });

  it('validates params arriving over the socket', async () => {
    await expect(client.request('match.setAgentCount', { count: 1e9 })).rejects.toMatchObject({
      code: 'invalid_params',
    });
  });

  it('refuses a page from another origin', async () => {
    await expect(openTestSocket(wsUrl, 'http://evil.example')).rejects.toThrow();
    const sameOrigin = await openTestSocket(wsUrl, http.url.replace(/\/$/, ''));
    sameOrigin.close();
  });

  it('refuses the host API without the host key, and unknown paths', async () => {
    const bare = wsUrl.replace(/\?key=.*/, '');
    await expect(openTestSocket(bare)).rejects.toThrow(/401/);
    await expect(openTestSocket(`${bare}?key=wrong-key-wrong-key-wrong`)).rejects.toThrow(/401/);
    await expect(openTestSocket(wsUrl.replace('/api', '/nothing'))).rejects.toThrow(/404/);
    expect(http.rejects.bad_host_key).toBeGreaterThanOrEqual(2);
  });

  it('closes a connection that sends an oversized message', async () => {
    const socket = await openTestSocket(wsUrl);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(100_000));
    expect(await closed).toBe(1009);
  });
});
