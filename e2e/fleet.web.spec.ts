/**
 * A fleet of three built headless hosts on one real redis-server (started
 * here on a free loopback port, no persistence): a guest's browser on host A
 * lists host C's match, joins it through a seat reservation and plays there;
 * host B, killed with SIGKILL, leaves the directory within the TTL; Redis
 * paused for 10 s mid-match leaves every match ticking, and the directory
 * recovers. Matches are small (a few bots, started over the host API with no
 * host page drawing them): on a 2-core machine a browser drawing full arenas
 * starves the hosts it is testing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumPath } from '../playwright.config';
import { connectRpc } from '../src/main/host/testing/testHost';
import { startTestRedis, type TestRedis } from '../src/main/host/testing/testRedis';
import './testHook';

const KEY = 'fleet-e2e-host-key-0123456789';
/**
 * The fleet's hosts listen on ports the system picks (0), so no fixed port can be taken
 * by another run on the machine; ARBITER_E2E_FLEET_PORT=P pins them to P, P+1, P+2.
 */
const FLEET_PORT = process.env.ARBITER_E2E_FLEET_PORT;
const hostPort = (index: number) => (FLEET_PORT ? Number(FLEET_PORT) + index : 0);
const HOST_IDS = ['host-a', 'host-b', 'host-c'] as const;
/** The directory's TTL is 6 s; waits are hang guards well past it on a busy machine. */
const GUARD_MS = 60_000;

const children: ChildProcess[] = [];
let redis: TestRedis | null = null;

function startHost(id: string, port: number, directory: string): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      'out/main/host.js',
      '--port',
      String(port),
      '--host-key',
      KEY,
      '--data-dir',
      mkdtempSync(join(tmpdir(), `arbiter-fleet-${id}-`)),
      '--directory',
      directory,
      '--host-id',
      id,
      '--log-level',
      'warn',
    ],
    { stdio: 'pipe' },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    let errText = '';
    child.stderr!.on(
      'data',
      (chunk: Buffer) => (errText = (errText + chunk.toString()).slice(-2000)),
    );
    child.once('exit', (code) => reject(new Error(`host ${id} exited with ${code}: ${errText}`)));
  });
}

/** A small match, started over the host API (no page of the host's own draws it). */
async function startMatch(url: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const api = await connectRpc(url, KEY);
  try {
    await api.request('match.start', { agents: 4, overrides });
  } finally {
    api.close();
  }
}

/** `GET /matches` on a host: its status and the hosts whose matches it lists. */
async function listing(baseUrl: string): Promise<{ status: number; hosts: string[] }> {
  const response = await fetch(`${baseUrl}matches`).catch(() => null);
  if (!response) return { status: 0, hosts: [] };
  const body = (await response.json()) as { matches?: Array<{ hostId: string }> };
  return {
    status: response.status,
    hosts: (body.matches ?? []).map((match) => match.hostId).sort(),
  };
}

const listedHosts = async (baseUrl: string) => (await listing(baseUrl)).hosts;

/** The host's engine ticks so far, from its metrics. */
async function ticks(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}metrics?key=${KEY}`)).text();
  const line = /^arbiter_ticks_total (\d+)/m.exec(text);
  if (!line) throw new Error('no arbiter_ticks_total in /metrics');
  return Number(line[1]);
}

/** Waits until every host's tick count passes what it was when this was called. */
async function allTicking(urls: string[]): Promise<void> {
  const before = await Promise.all(urls.map(ticks));
  await expect
    .poll(async () => (await Promise.all(urls.map(ticks))).every((n, i) => n > before[i]), {
      timeout: GUARD_MS,
    })
    .toBe(true);
}

const snapshotTick = (page: Page) => page.evaluate(() => window.__arbiterTest.tick);
const ownUnit = (page: Page) => page.evaluate(() => window.__arbiterTest.ownUnitId);

async function receivesSnapshots(page: Page): Promise<void> {
  const before = await snapshotTick(page);
  await expect.poll(() => snapshotTick(page), { timeout: GUARD_MS }).toBeGreaterThan(before);
}

test.afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  redis?.resume();
  await redis?.stop();
});

test('a guest on a host without a directory sees how to join, not a connection error', async ({
  page,
}) => {
  test.skip(!chromiumPath, 'no Chromium');
  // The e2e host has no --directory; a page opened without the host link is a guest.
  await page.goto('/');
  await expect(page.getByTestId('connection')).toContainText('You are a guest on this host');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Join a game' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Host a game' })).toHaveCount(0);
  // No fleet here: no list of matches, and no word about a directory.
  await expect(page.getByTestId('fleet-matches')).toHaveCount(0);
});

test('three hosts on one Redis: join a match on another host, a killed host leaves, a paused Redis stops no match', async ({
  browser,
}) => {
  test.skip(!chromiumPath, 'no Chromium');
  test.setTimeout(360_000);
  redis = await startTestRedis();
  const [a, b, c] = await Promise.all(
    HOST_IDS.map((id, i) => startHost(id, hostPort(i), redis!.url)),
  );
  // C's match takes one player: once the guest sits there, every lobby shows it full.
  await Promise.all([startMatch(a), startMatch(b), startMatch(c, { playerLimit: 1 })]);
  await expect
    .poll(() => listedHosts(a), { timeout: GUARD_MS })
    .toEqual(['host-a', 'host-b', 'host-c']);

  // A guest (no host key) on host A's lobby sees every host's match, joins C's and plays there.
  const guestContext = await browser.newContext();
  const lobby = await guestContext.newPage();
  await lobby.goto(a);
  await expect(lobby.getByTestId('connection')).toContainText('guest');
  const row = (hostId: string) => lobby.getByTestId('fleet-match').filter({ hasText: hostId });
  await expect(row('host-b')).toBeVisible({ timeout: GUARD_MS });
  await expect(row('host-c')).toContainText('0/1');
  const player = await guestContext.newPage();
  await player.goto(a);
  await player
    .getByTestId('fleet-match')
    .filter({ hasText: 'host-c' })
    .getByRole('button', { name: 'Join' })
    .click({ timeout: GUARD_MS });
  await expect(player).toHaveURL(new RegExp(`^${c.replace(/[/.]/g, '\\$&')}#invite=`), {
    timeout: GUARD_MS,
  });
  const seatUrl = player.url();
  await player.getByTestId('friend-name').fill('Ada');
  await player.getByRole('button', { name: 'Join the match' }).click();
  await expect.poll(() => ownUnit(player), { timeout: GUARD_MS }).not.toBeNull();
  await receivesSnapshots(player);
  // Seated: C's one place is taken, and A's lobby says so instead of offering it.
  await expect(row('host-c')).toContainText('1/1', { timeout: GUARD_MS });
  await expect(row('host-c').getByRole('button', { name: 'Full' })).toBeDisabled();

  // The same seat link again (another browser): the seat is taken, said plainly, with the way back.
  const lateContext = await browser.newContext();
  const late = await lateContext.newPage();
  await late.goto(seatUrl);
  await late.getByTestId('friend-name').fill('Bo');
  await late.getByRole('button', { name: 'Join the match' }).click();
  await expect(late.getByTestId('friend-status')).toHaveText(
    'The seat reserved for you has been taken.',
    { timeout: GUARD_MS },
  );
  // That seat is gone for good: no Join button to press in vain, only the lobby.
  await expect(late.getByRole('button', { name: 'Join the match' })).toHaveCount(0);
  await late.getByTestId('back-to-lobby').click();
  await expect(late.getByTestId('fleet-match').filter({ hasText: 'host-a' })).toBeVisible({
    timeout: GUARD_MS,
  });
  await lateContext.close();

  // Host B dies without a word: its match leaves the directory within the TTL, on A's
  // `GET /matches` and in A's lobby.
  children[1].kill('SIGKILL');
  await expect.poll(() => listedHosts(a), { timeout: GUARD_MS }).toEqual(['host-a', 'host-c']);
  await expect(row('host-b')).toHaveCount(0, { timeout: GUARD_MS });

  // Redis stops answering for 10 s: every match ticks on, the player still gets snapshots,
  // and the lobby says the directory is out of reach rather than showing a stale list.
  const live = [a, c];
  redis.pause();
  const pausedAt = Date.now();
  await allTicking(live);
  await receivesSnapshots(player);
  await expect.poll(() => listing(a), { timeout: GUARD_MS }).toEqual({ status: 503, hosts: [] });
  await expect(lobby.getByTestId('fleet-unreachable')).toBeVisible({ timeout: GUARD_MS });
  await expect
    .poll(() => Date.now() - pausedAt >= 10_000, { timeout: GUARD_MS, intervals: [500] })
    .toBe(true);
  await allTicking(live);
  await receivesSnapshots(player);
  expect(await ownUnit(player)).not.toBeNull();

  // Redis answers again: the directory recovers, on the API and in the lobby.
  redis.resume();
  await expect.poll(() => listedHosts(a), { timeout: GUARD_MS }).toEqual(['host-a', 'host-c']);
  await expect(row('host-c')).toBeVisible({ timeout: GUARD_MS });
  await expect(lobby.getByTestId('fleet-unreachable')).toHaveCount(0);
  await guestContext.close();
});
