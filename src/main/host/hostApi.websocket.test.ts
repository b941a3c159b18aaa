import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WS_API_PATH } from '../../shared/bridge';
import { createRpcClient, type RpcClient } from '../../shared/rpcClient';
import type { TextChannel } from '../../shared/textChannel';
import type { HostCore } from './hostCore';
import { startHttpHost, type HttpHost } from './httpServer';
import { createLogger } from './logger';
import { createTestHostCore, nextEvent, unitIds } from './testHost';

function openSocket(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function channelOf(socket: WebSocket): TextChannel {
  return {
    send: (text) => socket.send(text),
    onMessage: (listener) => socket.on('message', (data) => listener(data.toString())),
    onClose: (listener) => socket.on('close', () => listener()),
    close: () => socket.close(),
  };
}

const HOST_KEY = 'test-host-key-0123456789';

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
      hostKey: HOST_KEY,
      logger: createLogger('silent'),
    });
    wsUrl = http.url.replace('http:', 'ws:').replace(/\/$/, '') + WS_API_PATH + `?key=${HOST_KEY}`;
    client = createRpcClient(channelOf(await openSocket(wsUrl)));
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

  it('runs a match and streams world frames', async () => {
    await client.request('subscribe', { topics: ['world'] });
    await client.request('match.start', { agents: 55 });
    const frame = await nextEvent(client, 'world', (f) => unitIds(f).length === 55 && f.tick > 2);
    expect(frame.xy).toHaveLength(frame.ids.length * 2);
    expect(frame.hp.every((hp) => hp >= 0 && hp <= 100)).toBe(true);
    await client.request('match.stop', {});
  });

  it('validates params arriving over the socket', async () => {
    await expect(client.request('match.setAgentCount', { count: 1e9 })).rejects.toMatchObject({
      code: 'invalid_params',
    });
  });

  it('refuses a page from another origin', async () => {
    await expect(openSocket(wsUrl, 'http://evil.example')).rejects.toThrow();
    const sameOrigin = await openSocket(wsUrl, http.url.replace(/\/$/, ''));
    sameOrigin.close();
  });

  it('refuses the host API without the host key, and unknown paths', async () => {
    const bare = wsUrl.replace(/\?key=.*/, '');
    await expect(openSocket(bare)).rejects.toThrow(/401/);
    await expect(openSocket(`${bare}?key=wrong-key-wrong-key-wrong`)).rejects.toThrow(/401/);
    await expect(openSocket(wsUrl.replace('/api', '/nothing'))).rejects.toThrow(/404/);
    expect(http.rejects.bad_host_key).toBeGreaterThanOrEqual(2);
  });

  it('closes a connection that sends an oversized message', async () => {
    const socket = await openSocket(wsUrl);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(100_000));
    expect(await closed).toBe(1009);
  });
});
