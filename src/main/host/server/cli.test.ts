/**
 * The headless host as a real process: built entry, real port, real signals.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../../scripts/ensureBuilt.mjs';
import { decodeOfferCode } from '../../../shared/connectCodes';
import { joinAsFriend, type NodeFriend } from '../testing/nodeFriend';
import { REPO_ROOT, connectRpc, exitOf, spawnBuiltHost, until } from '../testing/testHost';

const hostEntry = join(REPO_ROOT, 'out', 'main', 'host.js');

/**
 * Starts a match over the host's own WebSocket API with a shipped behavior
 * driving every team, so the sandbox is busy every tick.
 */
async function startBusyMatch(base: string, agents: number): Promise<void> {
  const client = await connectRpc(base);
  try {
    await client.request('match.start', { agents });
    for (const team of [0, 1]) await client.request('behavior.assign', { team, name: 'hunter' });
  } finally {
    client.close();
  }
}

describe('npm run host (built headless host)', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serves the UI, and on ${signal} saves and exits 0 mid-match with a busy sandbox`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-host-'));
      const { child, url } = spawnBuiltHost(['--port', '0', '--data-dir', dataDir]);
      const base = await url;
      const page = await fetch(base);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Content-Security-Policy');
      await startBusyMatch(base, 2000);
      const exited = exitOf(child);
      const started = Date.now();
      child.kill(signal);
      // Exit 0 means everything was saved (the host exits 1 past its 2 s deadline). The
      // 2 s itself is a timing, measured by `npm run bench -- host.shutdown`; the test's
      // timeout only catches a hang.
      expect(await exited).toBe(0);
      console.log(`host: exited ${Date.now() - started} ms after ${signal}`);
    }, 60_000);
  }

  it('makes WebRTC offers on the UDP ports --udp-ports names', async () => {
    const { child, url } = spawnBuiltHost([
      '--port',
      '0',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'arbiter-udp-')),
      '--udp-ports',
      '50720-50724',
    ]);
    const client = await connectRpc(await url);
    try {
      const offer = await client.request('invite.offerCode', {});
      const { sdp } = await decodeOfferCode(offer.code);
      const ports = [...sdp.matchAll(/^a=candidate:\S+ \d+ UDP \d+ \S+ (\d+) typ/gim)].map((m) =>
        Number(m[1]),
      );
      expect(ports.length).toBeGreaterThan(0);
      expect(ports.every((port) => port >= 50720 && port <= 50724)).toBe(true);
    } finally {
      client.close();
      child.kill('SIGTERM');
      await exitOf(child);
    }
  });

  it('takes WebRTC friends on a one-port --udp-ports range (Agones Passthrough gives one port)', async () => {
    const udpPort = Number(process.env.ARBITER_TEST_UDP_PORT ?? 50731);
    const { child, url } = spawnBuiltHost([
      '--port',
      '0',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'arbiter-udp1-')),
      '--udp-ports',
      `${udpPort}-${udpPort}`,
    ]);
    const base = await url;
    const client = await connectRpc(base);
    const friends: NodeFriend[] = [];
    try {
      await client.request('match.start', { agents: 2 });
      const { sdp } = await decodeOfferCode((await client.request('invite.offerCode', {})).code);
      const ports = [...sdp.matchAll(/^a=candidate:\S+ \d+ UDP \d+ \S+ (\d+) typ/gim)].map((m) =>
        Number(m[1]),
      );
      expect(new Set(ports)).toEqual(new Set([udpPort]));
      // Two players at once: every peer of the host shares the one port.
      for (const name of ['Ada', 'Bo']) {
        const { code } = await client.request('invite.create', { maxUses: 1 });
        const friend = await joinAsFriend({ baseUrl: base, name, invite: code });
        friends.push(friend);
        expect(friend.transport).toBe('webrtc');
      }
      for (const friend of friends) {
        const seen = friend.snapshots;
        await until(() => friend.snapshots > seen + 5, 30_000);
      }
    } finally {
      for (const friend of friends) friend.close();
      client.close();
      child.kill('SIGTERM');
      await exitOf(child);
    }
  }, 60_000);

  it('refuses a bad --udp-ports in one line before serving', async () => {
    const child = spawn(process.execPath, [hostEntry, '--udp-ports', '9-8'], { stdio: 'pipe' });
    let errText = '';
    child.stderr!.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    expect(await exitOf(child)).toBe(2);
    expect(errText).toMatch(/--udp-ports must be BEGIN-END/);
  });

  it('says in one line when the port is taken', async () => {
    // Its own data folder: the default one (~/.arbiter) may belong to another Arbiter version.
    const first = spawnBuiltHost([
      '--port',
      '0',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'arbiter-')),
    ]);
    const port = new URL(await first.url).port;
    const second = spawn(
      process.execPath,
      [hostEntry, '--port', port, '--data-dir', mkdtempSync(join(tmpdir(), 'arbiter-'))],
      { stdio: 'pipe' },
    );
    let errText = '';
    second.stderr!.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    expect(await exitOf(second)).toBe(1);
    expect(errText).toMatch(/already in use/);
    expect(errText).not.toMatch(/\n\s+at /);
    first.child.kill('SIGTERM');
    await exitOf(first.child);
  });

  it('npm start without an Electron binary or display says so in one line and hosts headless', async () => {
    const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'scripts', 'start.mjs'),
        '--port',
        '0',
        '--data-dir',
        mkdtempSync(join(tmpdir(), 'arbiter-start-')),
      ],
      {
        cwd: REPO_ROOT,
        env,
        stdio: 'pipe',
      },
    );
    let out = '';
    let errText = '';
    child.stderr!.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /serving (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) =>
        reject(new Error(`start exited with ${code}: ${out}${errText}`)),
      );
    });
    expect((await fetch(url)).status).toBe(200);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Arbiter: cannot open the desktop app: .+; starting the headless host instead\.$/,
    );
    expect(out + errText).not.toMatch(/\n\s+at /);
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a data folder holding a file that is not its database, and leaves it alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-foreign-'));
    const file = join(dataDir, 'arbiter.db');
    writeFileSync(file, 'my notes, not a database\n'.repeat(50));
    const before = readFileSync(file);
    const child = spawn(process.execPath, [hostEntry, '--port', '0', '--data-dir', dataDir], {
      stdio: 'pipe',
    });
    let errText = '';
    child.stderr!.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    expect(await exitOf(child)).toBe(1);
    expect(errText).toMatch(/not an SQLite database; Arbiter will not overwrite it/);
    expect(errText).not.toMatch(/\n\s+at /);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
