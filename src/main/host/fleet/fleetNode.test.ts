/**
 * Two real host cores in one fleet on a real redis-server: each lists the
 * other's match through `GET /matches`, a join on host A reserves a seat on
 * host B (a one-use invite B minted, answered over Redis) that a friend then
 * redeems on B; a full match, a host that left, a Redis that stops
 * answering mid-join and malformed requests get clear refusals, never a hang.
 */
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCore, HostSession } from '../hostCore';
import { createLogger, type HttpHost } from '../server/index';
import { FleetMetrics } from '../metrics/index';
import { joinAsFriend, JoinRejected } from '../testing/nodeFriend';
import { createTestHostCore, startTestHttpHost } from '../testing/testHost';
import { FleetNode, serveFleet, type ListedMatch } from './index';
import { startTestRedis, type TestRedis } from '../testing/testRedis';

interface Member {
  core: HostCore;
  http: HttpHost;
  node: FleetNode;
  session: HostSession;
}

let redis: TestRedis;
const members: Member[] = [];

async function member(hostId: string, seatTtlMs?: number): Promise<Member> {
  const core = createTestHostCore();
  let node: FleetNode | null = null;
  const http = await startTestHttpHost(core, {
    route: (request, response) => node !== null && serveFleet(node, request, response),
  });
  node = new FleetNode({
    core,
    directoryUrl: redis.url,
    hostId,
    address: http.url,
    version: 'test',
    logger: createLogger('silent'),
    metrics: new FleetMetrics(new Registry()),
    refreshMs: 200,
    ttlMs: 2000,
    reservationTimeoutMs: 1500,
    seatTtlMs,
  });
  await node.directory.connected();
  node.start();
  const entry = { core, http, node, session: core.openSession(() => {}) };
  members.push(entry);
  return entry;
}

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  redis.resume();
  for (const { core, http, node } of members.splice(0)) {
    await node.stop();
    await http.close();
    await core.dispose();
  }
  await redis.stop();
});

async function matchesOn(host: Member): Promise<{ status: number; matches: ListedMatch[] }> {
  const response = await fetch(`${host.http.url}matches`);
  const body = (await response.json()) as { matches?: ListedMatch[] };
  return { status: response.status, matches: body.matches ?? [] };
}

async function untilListed(host: Member, hostId: string): Promise<ListedMatch> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await matchesOn(host)).matches.find((match) => match.hostId === hostId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${hostId}'s match never listed`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `hostId`'s match is listed on `host` with these fields. */
async function untilListedAs(host: Member, hostId: string, fields: Partial<ListedMatch>) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await matchesOn(host)).matches.find((match) => match.hostId === hostId);
    if (
      found &&
      Object.entries(fields).every(([key, value]) => found[key as keyof ListedMatch] === value)
    )
      return found;
    if (Date.now() > deadline)
      throw new Error(
        `${hostId}'s match never listed as ${JSON.stringify(fields)}: ${JSON.stringify(found)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function join(host: Member, body: unknown) {
  const response = await fetch(`${host.http.url}matches/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { url?: string; reason?: string; error?: string },
  };
}

describe('fleet of two hosts on one Redis', () => {
  it('lists the other host’s match, reserves a seat there that a friend redeems, and refuses a full match', async () => {
    const a = await member('host-a');
    const b = await member('host-b');
    await b.session.request('match.start', { agents: 2, overrides: { playerLimit: 1 } });
    const listed = await untilListed(a, 'host-b');
    expect(listed).toMatchObject({ address: b.http.url, players: 0, limit: 1, joinable: true });

    const reserved = await join(a, { hostId: 'host-b', matchId: listed.id });
    expect(reserved.status).toBe(200);
    const url = new URL(reserved.body.url!);
    expect(`${url.origin}/`).toBe(b.http.url);
    const code = url.hash.replace('#invite=', '');
    // The held seat counts in the listing before its player arrives: no lobby offers it again.
    await untilListedAs(a, 'host-b', { players: 1, joinable: false });

    // The one seat is held: a second join is refused as full, with words to show.
    const second = await join(a, { hostId: 'host-b', matchId: listed.id });
    expect(second).toMatchObject({ status: 409, body: { reason: 'full', error: /full/ } });

    const friend = await joinAsFriend({ baseUrl: b.http.url, name: 'Ada', invite: code });
    expect(friend.welcome.t).toBe('welcome');
    // The reservation was one use: the same link cannot seat a second player.
    await expect(
      joinAsFriend({ baseUrl: b.http.url, name: 'Bo', invite: code, fallback: true }),
    ).rejects.toBeInstanceOf(JoinRejected);
    friend.close();
  });

  it('refuses a host that left, a match that ended and malformed requests; a paused Redis answers within the timeout', async () => {
    const a = members[0] ?? (await member('host-a'));
    expect(await join(a, { hostId: 'nobody', matchId: 'x' })).toMatchObject({
      status: 404,
      body: { reason: 'gone' },
    });
    expect(await join(a, { hostId: 'host-b', matchId: 'ended-long-ago' })).toMatchObject({
      status: 404,
      body: { reason: 'no_such_match' },
    });
    expect((await join(a, '{nope')).status).toBe(400);
    expect((await join(a, { hostId: 'host-b' })).status).toBe(400);
    expect((await join(a, 'x'.repeat(5000))).status).toBe(413);
    expect((await fetch(`${a.http.url}matches/join`)).status).toBe(405);

    redis.pause();
    const during = await join(a, { hostId: 'host-b', matchId: 'whatever' });
    expect([503, 504]).toContain(during.status);
    expect(during.body.error).toMatch(/try again/);
    expect((await matchesOn(a)).status).toBe(503);
    redis.resume();
    await untilListed(a, 'host-b');
  });

  it('lets a reservation nobody takes expire: the seat frees, its link is refused as expired, a new one is granted', async () => {
    const a = members[0] ?? (await member('host-a'));
    const c = await member('host-c', 1500);
    await c.session.request('match.start', { agents: 2, overrides: { playerLimit: 1 } });
    const listed = await untilListedAs(a, 'host-c', { players: 0, joinable: true });
    const reserved = await join(a, { hostId: 'host-c', matchId: listed.id });
    expect(reserved.status).toBe(200);
    const stale = new URL(reserved.body.url!).hash.replace('#invite=', '');
    await untilListedAs(a, 'host-c', { players: 1, joinable: false });
    expect(await join(a, { hostId: 'host-c', matchId: listed.id })).toMatchObject({
      status: 409,
      body: { reason: 'full' },
    });

    // Nobody came within the seat's 1.5 s: the listing offers the seat again.
    await untilListedAs(a, 'host-c', { players: 0, joinable: true });
    const late = joinAsFriend({ baseUrl: c.http.url, name: 'Late', invite: stale, fallback: true });
    await expect(late).rejects.toMatchObject({ reason: 'expired', message: /expired/ });
    const again = await join(a, { hostId: 'host-c', matchId: listed.id });
    expect(again.status).toBe(200);
    const friend = await joinAsFriend({
      baseUrl: c.http.url,
      name: 'Ada',
      invite: new URL(again.body.url!).hash.replace('#invite=', ''),
      fallback: true,
    });
    expect(friend.welcome.t).toBe('welcome');
    // Seated now: the player counts once (the seat's hold ended with its use).
    await untilListedAs(a, 'host-c', { players: 1, joinable: false });
    friend.close();
  });
});
