/**
 * The built headless host's operations flags: `--metrics-port` opens a
 * separate listener (printed on stdout) with `/metrics`, `/healthz` and
 * `/readyz`; the main port keeps them behind the host key; `--log-level`
 * sets what reaches stderr, as JSON lines when stderr is not a terminal.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../../scripts/ensureBuilt.mjs';
import {
  connectRpc,
  exitOf,
  openTestSocket,
  REPO_ROOT,
  spawnBuiltHost,
  TEST_HOST_KEY,
} from '../testing/testHost';

describe('npm run host -- --metrics-port 0 --log-level debug', () => {
  let child: ReturnType<typeof spawnBuiltHost>['child'];
  let baseUrl: string;
  let metricsUrl: string;
  let stderr = '';

  beforeAll(async () => {
    ensureBuilt();
    const spawned = spawnBuiltHost([
      '--port',
      '0',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'arbiter-ops-cli-')),
      '--metrics-port',
      '0',
      '--log-level',
      'debug',
    ]);
    child = spawned.child;
    let stdout = '';
    const printed = new Promise<string>((resolve) =>
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Metrics on (http:\/\/\S+\/)metrics/.exec(stdout);
        if (match) resolve(match[1]);
      }),
    );
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    baseUrl = await spawned.url;
    metricsUrl = await printed;
  }, 180_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    if (child) await exitOf(child);
  });

  it('serves the three endpoints on the metrics port, and on the main port only with the key', async () => {
    expect(new URL(metricsUrl).hostname).toBe('127.0.0.1');
    const host = await connectRpc(baseUrl);
    try {
      await host.request('match.start', { agents: 4 });
      const deadline = Date.now() + 30_000;
      let text = '';
      while (!/^arbiter_ticks_total [1-9]/m.test(text) && Date.now() < deadline) {
        text = await (await fetch(`${metricsUrl}metrics`)).text();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(text).toMatch(/^arbiter_ticks_total [1-9]/m);
      expect(text).toMatch(/^arbiter_entities [1-9]/m);
      // Alive may read 503 for a moment on a loaded machine (a tick late): only its shape is checked here.
      const alive = await fetch(`${metricsUrl}healthz`);
      expect([200, 503]).toContain(alive.status);
      expect(await alive.json()).toMatchObject({ checks: { engine: { running: true } } });
      await host.request('match.stop', {});
      const stopped = await (await fetch(`${metricsUrl}metrics`)).text();
      expect(stopped).toMatch(/^arbiter_entities 0$/m);
    } finally {
      host.close();
    }
    expect(await (await fetch(`${metricsUrl}readyz`)).json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${metricsUrl}nope`)).status).toBe(404);
    for (const path of ['metrics', 'healthz', 'readyz']) {
      expect((await fetch(`${baseUrl}${path}`)).status, path).toBe(401);
      const keyed = await fetch(`${baseUrl}${path}?key=${TEST_HOST_KEY}`);
      expect([200, 503], path).toContain(keyed.status);
      expect(keyed.headers.get('content-type'), path).toMatch(/^(text\/plain|application\/json)/);
    }
  }, 60_000);

  it('writes JSON log lines at the chosen level on stderr', () => {
    const lines = stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.map((line) => line.msg)).toContain('match started');
    // debug (20) is on: the host API connection's upgrade was logged, its key scrubbed.
    const upgrade = lines.find((line) => line.msg === 'websocket upgrade') as
      { level: number; url: string } | undefined;
    expect(upgrade).toMatchObject({ level: 20, url: '/api?key=[redacted]' });
  });

  it('writes readable lines instead when stderr is a terminal', async () => {
    if (!existsSync('/usr/bin/script')) {
      console.warn('skipping the terminal check: /usr/bin/script (util-linux) is not installed');
      return;
    }
    const host = join(REPO_ROOT, 'out', 'main', 'host.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-ops-tty-'));
    // `script` gives the host a pseudo-terminal for stdout and stderr.
    const command = `${process.execPath} ${host} --port 0 --data-dir ${dataDir} --log-level debug`;
    const tty = spawn('/usr/bin/script', ['-qfc', command, '/dev/null'], { stdio: 'pipe' });
    let output = '';
    tty.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 30_000;
      while (!/serving (http:\/\/\S+\/)/.test(output) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const url = /serving (http:\/\/\S+\/)/.exec(output)![1];
      await openTestSocket(`${url.replace('http:', 'ws:')}api?key=wrong-key-0123456789`).catch(
        () => null,
      );
      while (!output.includes('websocket upgrade') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      // eslint-disable-next-line no-control-regex -- the terminal colours, stripped to read the words
      const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
      expect(plain).toMatch(/DEBUG: websocket upgrade/);
      expect(plain).toContain('url: "/api?key=[redacted]"');
      expect(plain).not.toContain('{"level"');
    } finally {
      tty.kill('SIGTERM');
      await exitOf(tty);
    }
  }, 60_000);
});
