/**
 * A friend whose invite lets them edit behaviors reaches the host API with
 * their session token, from any origin, and only the editor's methods; a
 * friend without that permission is refused at the door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import type { HttpHost } from '../httpServer';
import {
  connectRpc,
  createTestHostCore,
  openTestSocket,
  rpcOverSocket,
  startTestHttpHost,
} from '../testHost';
import { joinAsFriend, type NodeFriend } from './nodeFriend';

/** The host API as a friend's own app would open it: another origin, the session token. */
async function connectAsEditor(baseUrl: string, token: string): Promise<RpcClient> {
  const url = `${baseUrl.replace('http:', 'ws:')}api?session=${token}`;
  return rpcOverSocket(await openTestSocket(url, 'app://arbiter'));
}

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

  async function joinFriend(name: string, canEditBehaviors: boolean): Promise<NodeFriend> {
    const invite = await host.request('invite.create', { canEditBehaviors });
    const friend = await joinAsFriend({
      baseUrl: http.url,
      name,
      invite: invite.code,
      fallback: true,
    });
    friends.push(friend);
    return friend;
  }

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
});
