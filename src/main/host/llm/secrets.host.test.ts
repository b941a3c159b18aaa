/**
 * The LLM key never leaves the host, even when the provider (or a proxy in
 * front of it) echoes it back: in an error body, in the streamed answer, in
 * a rate-limit answer. The host's own UI sees what went wrong with the
 * secrets cut out; a friend's editor sees only a generic line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmEvent, LlmSettings } from '../../../shared/llmApi';
import type { RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import type { HttpHost } from '../server/index';
import { joinAsFriend, type NodeFriend } from '../testing/nodeFriend';
import {
  createTestHostCore,
  openTestSocket,
  rpcOverSocket,
  startGeneration,
  startTestHttpHost,
  TEST_HOST_KEY,
} from '../testing/testHost';
import { envKeyVault } from './keyVault';
import {
  startOpenAiTestServer,
  type ScriptedLlmServer,
} from '../testing/llmTestServer/scriptedLlmServer';

const KEY = 'sk-proj-Zq8vN3tK1mW5xR7pL2yB9cH4';
/** Another key-shaped secret the proxy adds (not the configured one): also never shown. */
const OTHER = 'sk-ant-api03-Tg5hJ8kL1zX4cV7bN0mQ';

/** A socket's host API client, and every frame it received (what a renderer would see). */
async function recordingClient(url: string, origin?: string) {
  const socket = await openTestSocket(url, origin);
  const frames: string[] = [];
  socket.on('message', (data) => frames.push(data.toString()));
  return { client: rpcOverSocket(socket), frames };
}

describe('LLM secrets stay on the host', () => {
  let core: HostCore;
  let http: HttpHost;
  let llm: ScriptedLlmServer;
  let host: { client: RpcClient; frames: string[] };
  let friend: NodeFriend;
  let editor: { client: RpcClient; frames: string[] };

  beforeAll(async () => {
    llm = await startOpenAiTestServer({ apiKey: KEY });
    core = createTestHostCore({ keyVault: envKeyVault({}) });
    http = await startTestHttpHost(core);
    const ws = http.url.replace('http:', 'ws:');
    host = await recordingClient(`${ws}api?key=${TEST_HOST_KEY}`);
    const settings: LlmSettings = {
      preset: 'custom',
      provider: 'openai-compatible',
      baseUrl: llm.baseUrl,
      model: 'test-model',
      temperature: 0.1,
      timeoutMs: 10_000,
      maxRepairs: 0,
    };
    await host.client.request('llm.key.set', { key: KEY });
    await host.client.request('llm.settings.save', { settings });
    const invite = await host.client.request('invite.create', { canEditBehaviors: true });
    friend = await joinAsFriend({ baseUrl: http.url, name: 'Ivy', invite: invite.code });
    editor = await recordingClient(`${ws}api?session=${friend.welcome.session}`, 'app://arbiter');
  }, 60_000);

  afterAll(async () => {
    editor?.client.close();
    friend?.close();
    host?.client.close();
    await http?.close();
    await core?.dispose();
    await llm?.close();
  });

  /** One generation from `client`: its events up to the last. */
  const generate = async (client: RpcClient): Promise<LlmEvent[]> =>
    (await startGeneration(client, 'walk to the corner')).done;

  /** A proxy whose 500 page echoes the request's credentials. */
  const echoingProxy = () =>
    llm.script((_body, headers) => ({
      kind: 'status',
      status: 500,
      message: `upstream failed. request was: Authorization: ${headers.authorization}; x-api-key: ${OTHER}; "api_key": "${KEY}"`,
    }));

  it('shows the host what failed with the secrets cut out, and a friend only that it failed', async () => {
    echoingProxy();
    const seenByHost = (await generate(host.client)).at(-1)!;
    expect(seenByHost).toMatchObject({ type: 'failed', failure: 'failed' });
    const hostMessage = seenByHost.type === 'failed' ? seenByHost.message : '';
    expect(hostMessage).toContain('HTTP 500');
    expect(hostMessage).toContain('upstream failed');
    expect(hostMessage).toContain('[redacted]');
    expect(hostMessage).toContain('Authorization: Bearer [redacted]; x-api-key: [redacted]');
    expect(hostMessage).not.toContain(KEY);

    echoingProxy();
    const seenByFriend = (await generate(editor.client)).at(-1)!;
    expect(seenByFriend).toMatchObject({
      type: 'failed',
      failure: 'failed',
      message: 'the LLM provider failed (HTTP 500)',
    });
  }, 30_000);

  it('cuts the key out of a streamed answer and a rate-limit answer that repeat it', async () => {
    const answer = `Your key is ${KEY}, bearer: Bearer ${KEY}.\n\`\`\`js\n// ${KEY}\nexport default function act() {\n  return { moveTo: { x: 40, y: 40 } };\n}\n\`\`\`\n`;
    for (const client of [host.client, editor.client]) {
      llm.script(
        {
          kind: 'status',
          status: 429,
          headers: { 'retry-after': '0' },
          message: `slow down ${KEY}`,
        },
        { kind: 'answer', text: answer, chunkSize: 5 },
      );
      const events = await generate(client);
      expect(events.some((e) => e.type === 'waiting')).toBe(true);
      const streamed = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
      expect(streamed).toContain('export default function act()');
      expect(streamed).toContain('[redacted]');
      expect(events.at(-1)).toMatchObject({ type: 'done' });
    }
  }, 30_000);

  it('never sends the key, nor any part of it, to the host page or a friend', () => {
    expect(host.frames.length).toBeGreaterThan(10);
    expect(editor.frames.length).toBeGreaterThan(10);
    for (const frame of [...host.frames, ...editor.frames]) {
      for (const secret of [KEY, OTHER]) {
        expect(frame).not.toContain(secret);
        // A cut-off tail of it (the provider's message shortened) counts too.
        expect(frame).not.toContain(secret.slice(0, 12));
      }
    }
  });
});
