/**
 * `/metrics` during a real match with a real friend: a host core with its
 * HTTP port and its separate metrics listener, a node-datachannel friend
 * joined over WebRTC with an invite and moving its avatar. The exposition
 * passes Prometheus's own checker (promtool) and shows ticks, players and
 * bytes; the host API's `metrics.snapshot` carries the same figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import type { HttpHost } from '../server/index';
import { joinAsFriend, type NodeFriend } from '../testing/nodeFriend';
import {
  connectRpc,
  createTestHostCore,
  startTestHttpHost,
  TEST_HOST_KEY,
} from '../testing/testHost';
import { startMetricsServer, type MetricsServer } from './index';

const PROMTOOL = '/usr/bin/promtool';

/** The value of one sample line (`name{labels} value`), or 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const escaped = (name + (labels ? `{${labels}}` : '')).replace(/[{}"=,]/g, (c) => `\\${c}`);
  const match = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('metrics during a match with a friend', () => {
  let core: HostCore;
  let http: HttpHost;
  let metricsServer: MetricsServer;
  let host: RpcClient;
  let friend: NodeFriend;
  let mover: NodeJS.Timeout;

  beforeAll(async () => {
    core = createTestHostCore();
    http = await startTestHttpHost(core);
    metricsServer = await startMetricsServer(core.ops, 0, '127.0.0.1');
    host = await connectRpc(http.url);
    await host.request('match.start', { agents: 6, seed: 3 });
    const invite = await host.request('invite.create', {});
    friend = await joinAsFriend({ baseUrl: http.url, name: 'Ada', invite: invite.code });
    mover = setInterval(() => friend.sendInput(1, 0.5, 0, 0), 50);
  }, 60_000);

  afterAll(async () => {
    clearInterval(mover);
    friend?.close();
    host?.close();
    await metricsServer?.close();
    await http?.close();
    await core?.dispose();
  });

  const scrape = async () => {
    const response = await fetch(`${metricsServer.url}metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('shows ticks, players, bytes and input acks, and passes promtool', async () => {
    expect(friend.transport).toBe('webrtc');
    let text = '';
    await until(async () => {
      text = await scrape();
      return (
        sample(text, 'arbiter_ticks_total') > 0 &&
        sample(text, 'arbiter_net_received_bytes_total', 'transport="webrtc"') > 0 &&
        sample(text, 'arbiter_input_ack_latency_seconds_count') > 0
      );
    }, 'ticks, received bytes and input acks');
    expect(sample(text, 'arbiter_players', 'transport="webrtc"')).toBe(1);
    expect(sample(text, 'arbiter_tick_duration_seconds_count')).toBeGreaterThan(0);
    expect(sample(text, 'arbiter_entities')).toBeGreaterThanOrEqual(7);
    expect(sample(text, 'arbiter_net_sent_bytes_total', 'transport="webrtc"')).toBeGreaterThan(0);
    expect(sample(text, 'arbiter_snapshot_bytes_total')).toBeGreaterThan(0);
    expect(sample(text, 'arbiter_webrtc_connects_total')).toBe(1);
    for (const name of [
      'arbiter_tick_overruns_total',
      'arbiter_webrtc_failures_total',
      'arbiter_websocket_fallbacks_total',
      'arbiter_sandbox_restarts_total',
      'arbiter_behavior_suspensions_total',
      'arbiter_sqlite_sync_duration_seconds',
      'arbiter_sqlite_sync_failures_total',
      'arbiter_llm_requests_total',
      'arbiter_llm_request_duration_seconds',
      'arbiter_sandbox_cpu_seconds_total',
      'arbiter_sandbox_memory_bytes',
    ])
      expect(text, name).toContain(`# TYPE ${name} `);

    if (!existsSync(PROMTOOL)) {
      console.warn(
        `skipping the promtool check: ${PROMTOOL} is not installed (Debian: prometheus)`,
      );
      return;
    }
    const checked = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  }, 60_000);

  it('serves the same figures to the host API as JSON, with a per-second series', async () => {
    await until(async () => {
      const snapshot = await host.request('metrics.snapshot', {});
      return snapshot.series.length >= 2 && snapshot.series.at(-1)!.ticksPerSecond > 0;
    }, 'two points of the series');
    const snapshot = await host.request('metrics.snapshot', {});
    const ticks = snapshot.metrics.find((m) => m.name === 'arbiter_ticks_total');
    expect(ticks?.type).toBe('counter');
    expect(ticks?.values[0].value).toBeGreaterThan(0);
    const players = snapshot.metrics.find((m) => m.name === 'arbiter_players');
    expect(players?.values).toContainEqual({ labels: { transport: 'webrtc' }, value: 1 });
    const last = snapshot.series.at(-1)!;
    expect(last.players).toBe(1);
    expect(last.entities).toBeGreaterThanOrEqual(7);
    expect(last.bytesOutPerSecond + last.snapshotBytesPerSecond).toBeGreaterThan(0);
  }, 60_000);

  it('counts a friend on the WebSocket fallback by its transport, and its leaving', async () => {
    const invite = await host.request('invite.create', {});
    const second = await joinAsFriend({
      baseUrl: http.url,
      name: 'Bob',
      invite: invite.code,
      fallback: true,
    });
    try {
      expect(second.transport).toBe('websocket');
      second.sendInput(0, 1, 0, 0);
      let text = '';
      await until(async () => {
        text = await scrape();
        return (
          sample(text, 'arbiter_net_received_bytes_total', 'transport="websocket"') > 0 &&
          sample(text, 'arbiter_net_sent_bytes_total', 'transport="websocket"') > 0
        );
      }, 'bytes to and from the fallback friend');
      expect(sample(text, 'arbiter_websocket_fallbacks_total')).toBe(1);
      expect(sample(text, 'arbiter_players', 'transport="websocket"')).toBe(1);
      expect(sample(text, 'arbiter_net_sent_bytes_total', 'transport="websocket"')).toBeGreaterThan(
        0,
      );
    } finally {
      second.close();
    }
    // Gone from the open links; in their grace period they count as reconnecting.
    await until(async () => {
      const text = await scrape();
      return (
        sample(text, 'arbiter_players', 'transport="websocket"') === 0 &&
        sample(text, 'arbiter_players', 'transport="reconnecting"') === 1
      );
    }, 'the fallback friend counted as reconnecting');
  }, 60_000);

  it('serves /metrics on the main port only with the host key', async () => {
    expect((await fetch(`${http.url}metrics`)).status).toBe(401);
    expect((await fetch(`${http.url}metrics?key=not-the-key-0123456789`)).status).toBe(401);
    const byQuery = await fetch(`${http.url}metrics?key=${TEST_HOST_KEY}`);
    expect(byQuery.status).toBe(200);
    expect(await byQuery.text()).toContain('arbiter_ticks_total');
    const byBearer = await fetch(`${http.url}readyz`, {
      headers: { Authorization: `Bearer ${TEST_HOST_KEY}` },
    });
    expect(byBearer.status).toBe(200);
    expect(await byBearer.json()).toMatchObject({ status: 'ok' });
  });
});
