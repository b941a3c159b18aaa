/**
 * A friend whose invite lets them edit behaviors reaches the host API with
 * their session token, from any origin, and only the editor's methods; a
 * friend without that permission is refused at the door. Their permission
 * ends with a kick, a ban or the invite's revocation, at once and for every
 * socket they hold, and they never change a behavior they did not write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import type { HttpHost } from '../server/index';
import {
  connectAsEditor,
  connectRpc,
  createTestHostCore,
  nextEvent,
  startTestHttpHost,
  until,
} from '../testing/testHost';
import { joinAsFriend, JoinRejected, type NodeFriend } from '../testing/nodeFriend';

const WALKER = 'export default function act() {\n  return { moveTo: { x: 100, y: 100 } };\n}\n';

describe('friends who may edit behaviors', () => {
  let core: HostCore;
  let http: HttpHost;
  let host: RpcClient;
  const friends: NodeFriend[] = [];

  beforeAll(async () => {
    core = createTestHostCore();
    http = await startTestHttpHost(core);
    host = await connectRpc(http.url);
    await host.request('match.start', { agents: 4, seed: 2 });
  }, 60_000);

  afterAll(async () => {
    for (const friend of friends) friend.close();
    host?.close();
    await http?.close();
    await core?.dispose();
  });

  async function joinFriend(
    name: string,
    canEditBehaviors: boolean,
    code?: string,
  ): Promise<NodeFriend> {
    const invite = code ?? (await host.request('invite.create', { canEditBehaviors })).code;
    const friend = await joinAsFriend({ baseUrl: http.url, name, invite, fallback: true });
    friends.push(friend);
    return friend;
  }

  /** Behaviors in the library written by `author`. */
  const authoredBy = async (author: string) =>
    (await host.request('behavior.list', {})).behaviors.filter((b) => b.author === author);

  it('lets an editor use the library and the LLM panel, as themselves, and nothing else', async () => {
    const friend = await joinFriend('Ada', true);
    expect(friend.welcome.canEditBehaviors).toBe(true);
    const editor = await connectAsEditor(http.url, friend.welcome.session);
    try {
      expect((await editor.request('behavior.list', {})).behaviors.length).toBeGreaterThan(0);
      const saved = await editor.request('behavior.save', {
        name: 'Ada walks',
        code: 'export default function act() {\n  return { moveTo: { x: 100, y: 100 } };\n}\n',
      });
      expect(saved).toMatchObject({
        ok: true,
        behavior: { author: `friend-${friend.welcome.playerId}` },
      });
      expect((await editor.request('llm.status', {})).keySet).toBe(false);
      for (const [method, params] of [
        ['match.start', {}],
        ['llm.key.set', { key: 'sk-stolen' }],
        ['llm.settings.save', { settings: {} }],
        ['behavior.delete', { id: 'guard' }],
        ['behavior.assign', { team: 0, name: 'guard' }],
        ['invite.create', {}],
        ['saves.list', {}],
      ] as const) {
        await expect(
          editor.request(method as 'saves.list', params as never),
          method,
        ).rejects.toThrow(/for the host only/);
      }
    } finally {
      editor.close();
    }
  }, 30_000);

  it('refuses a friend whose invite does not allow editing, and a made-up token', async () => {
    const friend = await joinFriend('Bob', false);
    expect(friend.welcome.canEditBehaviors).toBe(false);
    await expect(connectAsEditor(http.url, friend.welcome.session)).rejects.toThrow(/403/);
    await expect(connectAsEditor(http.url, 'x'.repeat(43))).rejects.toThrow(/403/);
    // The host key is still what the host's own API needs.
    expect(http.rejects.not_an_editor).toBe(2);
  }, 30_000);

  it('ends every session of a kicked friend at once and refuses new ones', async () => {
    const friend = await joinFriend('Cy', true);
    const { session, playerId } = friend.welcome;
    const editors = [
      await connectAsEditor(http.url, session),
      await connectAsEditor(http.url, session),
    ];
    expect((await editors[0].request('behavior.list', {})).behaviors.length).toBeGreaterThan(0);

    expect(await host.request('player.kick', { playerId })).toEqual({ kicked: true });
    await friend.closed;
    await until(() => editors.every((editor) => editor.closed));
    for (const editor of editors) {
      await expect(
        editor.request('behavior.save', { name: 'Cy sneaks', code: WALKER }),
      ).rejects.toThrow(/kicked by the host/);
    }
    await expect(connectAsEditor(http.url, session)).rejects.toThrow(/403/);
    const rejoin = joinAsFriend({ baseUrl: http.url, name: 'Cy', session, fallback: true });
    await expect(rejoin).rejects.toThrow(JoinRejected);
    await expect(rejoin).rejects.toMatchObject({ reason: 'kicked' });
    expect(await authoredBy(`friend-${playerId}`)).toEqual([]);
  }, 30_000);

  it("ends a banned friend's editor and keeps them out, also with a fresh editor socket", async () => {
    const friend = await joinFriend('Di', true);
    const { session, playerId } = friend.welcome;
    const editor = await connectAsEditor(http.url, session);
    expect(await host.request('player.ban', { playerId, banned: true })).toEqual({ banned: true });
    await until(() => editor.closed);
    await expect(editor.request('behavior.list', {})).rejects.toThrow(/banned by the host/);
    await expect(connectAsEditor(http.url, session)).rejects.toThrow(/403/);
    await expect(
      joinAsFriend({ baseUrl: http.url, name: 'Di', session, fallback: true }),
    ).rejects.toMatchObject({ reason: 'banned' });
  }, 30_000);

  it('takes editing away from everyone who joined with an invite the host revokes', async () => {
    const invite = await host.request('invite.create', { canEditBehaviors: true });
    const friend = await joinFriend('Eve', true, invite.code);
    const { session } = friend.welcome;
    const editor = await connectAsEditor(http.url, session);
    expect(await host.request('invite.revoke', { code: invite.code })).toEqual({ revoked: true });
    await until(() => editor.closed);
    await expect(editor.request('behavior.list', {})).rejects.toThrow(/revoked/);
    await expect(connectAsEditor(http.url, session)).rejects.toThrow(/403/);
    // Still a player (the invite let them in), no longer an editor, also after a rejoin.
    friend.close();
    const back = await joinAsFriend({ baseUrl: http.url, name: 'Eve', session, fallback: true });
    friends.push(back);
    expect(back.welcome.canEditBehaviors).toBe(false);
    await expect(connectAsEditor(http.url, session)).rejects.toThrow(/403/);
  }, 30_000);

  it('refuses a flood of saves from a friend being kicked: nothing lands after the kick', async () => {
    const friend = await joinFriend('Flo', true);
    const { session, playerId } = friend.welcome;
    const editor = await connectAsEditor(http.url, session);
    const guardBefore = (await host.request('behavior.get', { id: 'guard' })).behavior;
    const saves = Array.from({ length: 60 }, (_, i) =>
      editor
        .request('behavior.save', { name: `Flood ${i}`, code: WALKER })
        .then((result) => result.ok)
        .catch(() => false),
    );
    const forged = Array.from({ length: 20 }, () =>
      editor
        .request('behavior.save', { id: 'guard', name: 'Guard', code: WALKER })
        .catch(() => null),
    );
    await host.request('player.kick', { playerId });
    const accepted = (await Promise.all(saves)).filter(Boolean).length;
    await Promise.all(forged);
    await until(() => editor.closed);
    // Saves the host answered before the kick are kept; none after it.
    const stored = await authoredBy(`friend-${playerId}`);
    expect(stored.filter((b) => b.name.startsWith('Flood')).length).toBe(accepted);
    expect(accepted).toBeLessThan(60);
    expect((await host.request('behavior.get', { id: 'guard' })).behavior).toEqual(guardBefore);
    // Made-up and kicked tokens at the door, over and over: refused, counted, nothing opens.
    const before = http.rejects.not_an_editor ?? 0;
    for (let i = 0; i < 20; i++) {
      await expect(connectAsEditor(http.url, i % 2 ? session : 'y'.repeat(43))).rejects.toThrow(
        /403/,
      );
    }
    expect(http.rejects.not_an_editor).toBe(before + 20);
    expect(await authoredBy(`friend-${playerId}`)).toEqual(stored);
  }, 60_000);

  it('saves a copy under the friend when they save over a behavior they did not write', async () => {
    const friend = await joinFriend('Gil', true);
    const author = `friend-${friend.welcome.playerId}`;
    const editor = await connectAsEditor(http.url, friend.welcome.session);
    try {
      await host.request('subscribe', { topics: ['behaviors'] });
      const assigned = await host.request('behavior.assign', { team: 0, name: 'guard' });
      const guard = assigned.behaviors.find((b) => b.id === 'guard')!;
      const original = (await host.request('behavior.get', { id: 'guard' })).behavior!;

      const saved = await editor.request('behavior.save', {
        id: 'guard',
        name: original.name,
        code: WALKER,
        expectedVersion: original.version,
      });
      expect(saved.ok).toBe(true);
      expect(saved.behavior).toMatchObject({ author, code: WALKER, version: 1 });
      expect(saved.behavior!.id).not.toBe('guard');
      expect(saved.copiedFrom).toBe('guard');
      // The host's behavior and what its team runs are untouched.
      expect((await host.request('behavior.get', { id: 'guard' })).behavior).toEqual(original);
      const after = await nextEvent(host, 'behaviors');
      expect(after.teams['0']).toBe('guard');
      expect(after.behaviors.find((b) => b.id === 'guard')?.version).toBe(guard.version);
      await expect(
        editor.request('behavior.rollback', { id: 'guard', version: 1 }),
      ).rejects.toThrow(/only behaviors you wrote/);

      // Their own copy they edit in place.
      const again = await editor.request('behavior.save', {
        id: saved.behavior!.id,
        name: saved.behavior!.name,
        code: WALKER.replace('100', '120'),
      });
      expect(again).toMatchObject({ ok: true, copiedFrom: null });
      expect(again.behavior).toMatchObject({ id: saved.behavior!.id, version: 2, author });
    } finally {
      editor.close();
      await host.request('unsubscribe', { topics: ['behaviors'] });
    }
  }, 30_000);
});
