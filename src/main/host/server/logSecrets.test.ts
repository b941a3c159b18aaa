/**
 * What the host logs through a whole session: a friend joins over WebRTC
 * with an invite, edits a behavior as an editor, asks the LLM (a key is
 * set), is kicked, comes back with their token and is banned; the match
 * ends. Every line is JSON with the ids needed to follow the player, and
 * none carries the LLM key, the friend's session token, the invite code or
 * the host key, even at the most verbose level.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LlmEvent } from '../../../shared/llmApi';
import type { RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import type { HttpHost } from './httpServer';
import { envKeyVault } from '../llm/keyVault';
import {
  startOpenAiTestServer,
  type ScriptedLlmServer,
} from '../testing/llmTestServer/scriptedLlmServer';
import { createLogger } from './logger';
import { joinAsFriend, JoinRejected, type NodeFriend } from '../testing/nodeFriend';
import {
  connectRpc,
  createTestHostCore,
  openTestSocket,
  rpcOverSocket,
  startTestHttpHost,
  TEST_HOST_KEY,
} from '../testing/testHost';

const KEY = 'sk-ops-log-secret-key-97531';
const ANSWER =
  '```js\nexport default function act() {\n  return { moveTo: { x: 10, y: 10 } };\n}\n```';

interface Line {
  msg: string;
  level: number;
  playerId?: number;
  matchId?: number;
  behaviorId?: string;
  [field: string]: unknown;
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('log lines through a whole session', () => {
  const written: string[] = [];
  let core: HostCore;
  let http: HttpHost;
  let llm: ScriptedLlmServer;
  const clients: RpcClient[] = [];
  const friends: NodeFriend[] = [];

  afterAll(async () => {
    for (const friend of friends) friend.close();
    for (const client of clients) client.close();
    await http?.close();
    await core?.dispose();
    await llm?.close();
  });

  const lines = (): Line[] =>
    written
      .join('')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
  const find = (msg: string) => lines().filter((line) => line.msg === msg);

  it('logs each step with its ids and never a key, token or invite code', async () => {
    llm = await startOpenAiTestServer({ apiKey: KEY });
    llm.setFallback({ kind: 'answer', text: ANSWER });
    const logger = createLogger('trace', {
      destination: { write: (s: string) => written.push(s) },
    });
    core = createTestHostCore({ logger, keyVault: envKeyVault({}) });
    http = await startTestHttpHost(core, { logger });
    const host = await connectRpc(http.url);
    clients.push(host);
    await host.request('match.start', { agents: 2 });
    await host.request('llm.key.set', { key: KEY });
    await host.request('llm.settings.save', {
      settings: {
        preset: 'custom',
        provider: 'openai-compatible',
        baseUrl: llm.baseUrl,
        model: 'test-model',
        temperature: 0.1,
        timeoutMs: 5000,
        maxRepairs: 1,
      },
    });
    const invite = await host.request('invite.create', { canEditBehaviors: true, maxUses: 1 });

    const friend = await joinAsFriend({ baseUrl: http.url, name: 'Ada', invite: invite.code });
    friends.push(friend);
    const { playerId, session: token } = friend.welcome;
    const editor = rpcOverSocket(
      await openTestSocket(`${http.url.replace('http:', 'ws:')}api?session=${token}`, 'app://x'),
    );
    clients.push(editor);
    await editor.request('behavior.save', {
      name: 'Ada walks',
      code: 'export default function act() {\n  return { moveTo: { x: 90, y: 90 } };\n}\n',
    });
    const ended = new Promise<LlmEvent>((resolve) =>
      editor.on('llm', (event) => {
        if (event.type === 'done' || event.type === 'failed') resolve(event);
      }),
    );
    await editor.request('llm.generate', {
      prompt: 'walk to the corner',
      code: '',
      language: 'javascript',
      includeMatch: true,
    });
    expect(await ended).toMatchObject({ type: 'done' });
    expect(llm.requests.length).toBeGreaterThan(0);

    await host.request('player.kick', { playerId });
    // A kicked token stays out for the rest of this run.
    await expect(
      joinAsFriend({ baseUrl: http.url, name: 'Ada', session: token }),
    ).rejects.toBeInstanceOf(JoinRejected);
    await host.request('player.ban', { playerId, banned: true });
    await host.request('match.stop', {});
    await until(() => find('match ended').length > 0, 'the match end in the log');

    // What a person following Ada sees, in order, each line with her id.
    const hers = lines()
      .filter((line) => line.playerId === playerId)
      .map((line) => line.msg);
    expect(hers).toEqual(
      expect.arrayContaining([
        'player joined',
        'friend connected',
        'player kicked',
        'player left',
        'player banned',
      ]),
    );
    expect(hers.indexOf('player joined')).toBeLessThan(hers.indexOf('player kicked'));
    expect(find('player joined').filter((l) => l.playerId === playerId)).toHaveLength(1);
    expect(find('player left').map((l) => l.reason)).toContain('kicked');
    const started = find('match started')[0];
    expect(started.matchId).toEqual(expect.any(Number));
    expect(find('match ended')[0]).toMatchObject({ matchId: started.matchId, result: 'stopped' });
    expect(find('behavior loaded').map((l) => l.author)).toContain(`friend-${playerId}`);
    // The trace level saw the connections' URLs, with their secrets scrubbed out.
    expect(find('websocket upgrade').map((l) => l.url)).toEqual(
      expect.arrayContaining(['/api?session=[redacted]', `/api?key=[redacted]`]),
    );

    const everything = written.join('');
    for (const [name, secret] of [
      ['the LLM key', KEY],
      ['the session token', token],
      ['the invite code', invite.code],
      ['the host key', TEST_HOST_KEY],
    ])
      expect(everything.includes(secret), `${name} is in the log`).toBe(false);
  }, 120_000);
});
