/**
 * What a friend's screen reads besides snapshots, against a real host
 * process: the `players` message names everyone (cleaned by displayName)
 * and follows joins and kicks; `score` messages carry the scoreboard, the
 * clock running down and deaths with the enemy who got the kill.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../../scripts/ensureBuilt.mjs';
import type { PlayersMessage, ScoreMessage } from '../../../shared/controlLane';
import type { RpcClient } from '../../../shared/rpcClient';
import { connectRpc, exitOf, spawnBuiltHost } from '../testing/testHost';
import { joinAsFriend, type NodeFriend } from '../testing/nodeFriend';

let child: ChildProcess;
let baseUrl: string;
let host: RpcClient;
const friends: NodeFriend[] = [];

// A hang-catcher, not a speed limit: on a busy machine conditions take longer, never fail.
const until = async (check: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const lastPlayers = (friend: NodeFriend) =>
  friend.controls.filter((m): m is PlayersMessage => m.t === 'players').at(-1)?.players ?? [];
const scores = (friend: NodeFriend) =>
  friend.controls.filter((m): m is ScoreMessage => m.t === 'score');

beforeAll(async () => {
  ensureBuilt();
  const spawned = spawnBuiltHost([
    '--port',
    '0',
    '--data-dir',
    mkdtempSync(join(tmpdir(), 'arbiter-friend-hud-')),
  ]);
  child = spawned.child;
  baseUrl = await spawned.url;
  host = await connectRpc(baseUrl);
  // Many bots hitting hard: deaths come within seconds.
  await host.request('match.start', {
    overrides: { botsPerTeam: 40, damageScale: 10, respawnSeconds: 1, matchSeconds: 600 },
  });
}, 120_000);

afterAll(async () => {
  for (const friend of friends) friend.close();
  host?.close();
  child?.kill('SIGTERM');
  if (child) await exitOf(child);
});

describe('a friend’s HUD messages', () => {
  it('names every player, cleaned, and follows joins and kicks', async () => {
    const seat = await host.request('player.join', { name: 'The Host' });
    const invite = await host.request('invite.create', { maxUses: 4 });
    // Control characters and a bidi override in the typed name never reach anyone's screen.
    const ada = await joinAsFriend({
      baseUrl,
      name: '  Ada\u0007 \u202ELovelace ',
      invite: invite.code,
    });
    friends.push(ada);
    await until(() => lastPlayers(ada).length === 2);
    expect(lastPlayers(ada)).toEqual(
      expect.arrayContaining([
        {
          id: ada.welcome.playerId,
          name: 'Ada Lovelace',
          team: ada.welcome.team,
          unitId: ada.welcome.unitId,
        },
        { id: seat.playerId, name: 'The Host', team: seat.team, unitId: seat.unitId },
      ]),
    );

    const bo = await joinAsFriend({ baseUrl, name: 'Bo', invite: invite.code });
    friends.push(bo);
    await until(() => lastPlayers(ada).some((player) => player.name === 'Bo'));
    // Bo, joining last, is told about everyone on link-up.
    await until(() => lastPlayers(bo).length === 3);
    await host.request('player.kick', { playerId: bo.welcome.playerId });
    await until(() => !lastPlayers(ada).some((player) => player.name === 'Bo'));
    expect(lastPlayers(ada)).toHaveLength(2);
  });

  it('sends the score about twice a second, with deaths and the enemy who got each kill', async () => {
    const invite = await host.request('invite.create', {});
    const cy = await joinAsFriend({ baseUrl, name: 'Cy', invite: invite.code });
    friends.push(cy);
    await until(() => scores(cy).some((score) => score.kills.some((kill) => kill.killer !== null)));
    const kill = scores(cy)
      .flatMap((score) => score.kills)
      .find((line) => line.killer !== null)!;
    expect(kill.killerTeam).not.toBeNull();
    expect(kill.killerTeam).not.toBe(kill.victimTeam);
    // The board it came with (or a later one) credits the killer with a kill.
    await until(() => {
      const board = scores(cy).at(-1)!.board;
      const killer = board.entities.find((line) => line.id === kill.killer);
      return killer === undefined || killer.kills > 0;
    });
    const board = scores(cy).at(-1)!.board;
    expect(board.phase).toBe('running');
    expect(board.entities.some((line) => line.id === cy.welcome.unitId)).toBe(true);
    // Avatars only while the match runs, not eighty bots.
    expect(board.entities.every((line) => line.kind === 'avatar')).toBe(true);
    expect(board.teams.reduce((sum, team) => sum + team.deaths, 0)).toBeGreaterThan(0);

    // The clock runs down between messages: at least 2 per second of match time.
    const first = scores(cy).at(-1)!;
    await until(() => scores(cy).at(-1)!.board.tick >= first.board.tick + 3 * 20);
    const later = scores(cy).filter((score) => score.board.tick > first.board.tick);
    expect(later.length).toBeGreaterThanOrEqual(5);
    expect(later.at(-1)!.board.secondsLeft!).toBeLessThan(first.board.secondsLeft!);
  });

  it('shows the end of the match: phase ended and the winner', async () => {
    const invite = await host.request('invite.create', {});
    const dee = await joinAsFriend({ baseUrl, name: 'Dee', invite: invite.code });
    friends.push(dee);
    await host.request('match.start', {
      overrides: { botsPerTeam: 10, damageScale: 10, matchSeconds: 2 },
    });
    await until(() => scores(dee).at(-1)?.board.phase === 'ended');
    const board = scores(dee).at(-1)!.board;
    expect(board.secondsLeft).toBe(0);
    // At the end, the best agents join the players, for the end screen.
    const agents = board.entities.filter((line) => line.kind === 'agent');
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.length).toBeLessThanOrEqual(5);
    const kills = board.teams.map((team) => team.kills);
    if (kills[0] !== kills[1]) expect(board.winner).toBe(kills[0] > kills[1] ? 0 : 1);
  });
});
