import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LlmEvent, LlmSettings } from '../../../shared/llmApi';
import { createRpcClient, type RpcClient } from '../../../shared/rpcClient';
import { createMemoryChannelPair } from '../../../shared/textChannel';
import type { HostCore } from '../hostCore';
import { serveRpc } from '../server/index';
import { createTestHostCore, startGeneration } from '../testing/testHost';
import { envKeyVault } from './keyVault';
import {
  startAnthropicTestServer,
  startOpenAiTestServer,
  type ScriptedLlmServer,
} from '../testing/llmTestServer/scriptedLlmServer';

const KEY = 'sk-test-secret-key-4242';
const GOOD =
  '```js\nexport default function act(obs) {\n  return { moveTo: { x: 40, y: 40 } };\n}\n```\nThey walk to the top-left.';
/** Parses, but throws on every observation: the dry run refuses it at line 2. */
const THROWS = '```js\nexport default function act(obs) {\n  return obs.self.missing.x;\n}\n```';

/** The LLM panel's back end, end to end: real host core, real sandbox, real HTTP servers. */
describe('LLM generations through the host API', () => {
  let core: HostCore;
  let client: RpcClient;
  let openai: ScriptedLlmServer;
  let anthropic: ScriptedLlmServer;
  /** Every message the session received, as the renderer would see it. */
  const seen: string[] = [];

  beforeAll(async () => {
    [openai, anthropic] = await Promise.all([
      startOpenAiTestServer({ apiKey: KEY }),
      startAnthropicTestServer({ apiKey: KEY }),
    ]);
    core = createTestHostCore({ keyVault: envKeyVault({}) });
    const [clientEnd, hostEnd] = createMemoryChannelPair();
    const send = hostEnd.send.bind(hostEnd);
    hostEnd.send = (text: string) => {
      seen.push(text);
      send(text);
    };
    serveRpc(hostEnd, core, {});
    client = createRpcClient(clientEnd);
  });

  afterAll(async () => {
    client.close();
    await core.dispose();
    await Promise.all([openai.close(), anthropic.close()]);
  });

  beforeEach(() => {
    openai.requests.length = 0;
    anthropic.requests.length = 0;
  });

  const settings = (server: ScriptedLlmServer, more: Partial<LlmSettings> = {}): LlmSettings => ({
    preset: server === anthropic ? 'anthropic' : 'custom',
    provider: server === anthropic ? 'anthropic' : 'openai-compatible',
    baseUrl: server.baseUrl,
    model: 'test-model',
    temperature: 0.1,
    timeoutMs: 5000,
    maxRepairs: 2,
    ...more,
  });

  /** Runs a generation and collects its events up to the last one. */
  async function generate(
    prompt = 'gather in the top-left corner',
    code = '',
  ): Promise<LlmEvent[]> {
    const { done } = await start(prompt, code);
    return done;
  }
  /** Starts a generation: its id, and its events once it ended. */
  async function start(
    prompt = 'gather in the top-left corner',
    code = '',
  ): Promise<{ requestId: string; done: Promise<LlmEvent[]> }> {
    return startGeneration(client, prompt, code);
  }
  const last = (events: LlmEvent[]) => events[events.length - 1];

  it('says so when no provider is configured', async () => {
    const status = await client.request('llm.status', {});
    expect(status).toMatchObject({ settings: null, keySet: false, keySource: 'none' });
    expect(last(await generate())).toMatchObject({ type: 'failed', failure: 'not_configured' });
  });

  it('streams an OpenAI-compatible answer, validates it and sends the API and the current code', async () => {
    await client.request('llm.key.set', { key: KEY });
    const status = await client.request('llm.settings.save', { settings: settings(openai) });
    expect(status).toMatchObject({ keySet: true, keySource: 'memory' });
    openai.script({ kind: 'answer', text: GOOD, chunkSize: 10 });
    const events = await generate('gather in the top-left corner', 'export default () => ({});\n');
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.map((e) => (e.type === 'delta' ? e.text : '')).join('')).toBe(GOOD);
    expect(last(events)).toMatchObject({ type: 'done', attempt: 1 });
    expect(last(events).type === 'done' && last(events)).toMatchObject({
      code: expect.stringContaining('moveTo: { x: 40, y: 40 }'),
    });
    const sent = openai.requests[0];
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body.stream).toBe(true);
    expect(sent.body.messages?.[0].content).toContain('interface Observation');
    expect(sent.body.messages?.[1].content).toContain('gather in the top-left corner');
    expect(sent.body.messages?.[1].content).toContain('export default () => ({});');
  });

  it('speaks Anthropic through its own client', async () => {
    await client.request('llm.settings.save', { settings: settings(anthropic) });
    anthropic.script({ kind: 'answer', text: GOOD });
    const events = await generate();
    expect(last(events), JSON.stringify(last(events))).toMatchObject({ type: 'done' });
    const { headers } = anthropic.requests[0];
    expect(headers['x-api-key'] ?? headers.authorization).toMatch(new RegExp(`^(Bearer )?${KEY}$`));
    expect(anthropic.requests[0].body.system).toContain('interface Observation');
  });

  it('sends validation errors back for a repair, at most twice, each attempt visible', async () => {
    await client.request('llm.settings.save', { settings: settings(openai) });
    openai.script(
      { kind: 'answer', text: THROWS },
      { kind: 'answer', text: '```js\nexport default function act() { return Date.now(); }\n```' },
      { kind: 'answer', text: GOOD },
    );
    const events = await generate();
    const checked = events.filter((e) => e.type === 'checked');
    expect(checked.map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(checked[0].type === 'checked' && checked[0].errors[0]).toMatchObject({ line: 2 });
    expect(checked[1].type === 'checked' && checked[1].errors[0]).toMatchObject({
      phase: 'static',
      line: 1,
    });
    expect(last(events)).toMatchObject({ type: 'done', attempt: 3 });
    // The repairs carried the errors back.
    expect(openai.requests[1].body.messages?.at(-1)?.content).toContain('line 2');
    expect(openai.requests[2].body.messages?.at(-1)?.content).toContain('Date is not available');

    openai.script(
      { kind: 'answer', text: THROWS },
      { kind: 'answer', text: THROWS },
      { kind: 'answer', text: THROWS },
    );
    const failing = await generate();
    expect(last(failing)).toMatchObject({
      type: 'failed',
      failure: 'invalid',
      attempt: 3,
      code: expect.stringContaining('obs.self.missing'),
    });
    expect(openai.requests.length).toBe(6);
  }, 30_000);

  it('names each failure: wrong key, rate limit, timeout, cut off, no code, unreachable, stopped', async () => {
    await client.request('llm.settings.save', { settings: settings(openai, { timeoutMs: 1500 }) });

    await client.request('llm.key.set', { key: 'sk-wrong' });
    expect(last(await generate())).toMatchObject({
      failure: 'unauthorized',
      message: expect.stringContaining('401'),
    });
    await client.request('llm.key.set', { key: KEY });

    openai.script(
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      { kind: 'answer', text: GOOD },
    );
    const started = Date.now();
    const limited = await generate();
    expect(limited.find((e) => e.type === 'waiting')).toMatchObject({ ms: 1000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(last(limited)).toMatchObject({ type: 'done' });

    openai.script({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    expect(last(await generate())).toMatchObject({
      failure: 'rate_limited',
      message: expect.stringContaining('120 s'),
    });

    openai.script({ kind: 'hang' });
    expect(last(await generate())).toMatchObject({ failure: 'timeout' });

    openai.script({ kind: 'answer', text: GOOD, chunkSize: 8, cutAfterChunks: 3 });
    const cut = await generate();
    expect(cut.some((e) => e.type === 'delta')).toBe(true);
    expect(last(cut)).toMatchObject({ failure: 'cut_off' });

    openai.script({ kind: 'answer', text: 'I would rather not write code today.' });
    expect(last(await generate())).toMatchObject({ failure: 'no_code' });

    openai.script({ kind: 'answer', text: GOOD, chunkSize: 4, chunkDelayMs: 50 });
    const stopping = await start();
    await new Promise((r) => setTimeout(r, 150));
    expect(await client.request('llm.stop', { requestId: stopping.requestId })).toEqual({
      stopped: true,
    });
    const stopped = last(await stopping.done);
    expect(stopped, JSON.stringify(stopped)).toMatchObject({ failure: 'stopped' });

    const closed = await startOpenAiTestServer();
    const unreachable = closed.baseUrl;
    await closed.close();
    await client.request('llm.settings.save', {
      settings: { ...settings(openai), baseUrl: unreachable },
    });
    expect(last(await generate())).toMatchObject({
      failure: 'unreachable',
      message: expect.stringContaining(unreachable),
    });
  }, 30_000);

  it('never lets the key reach the session', async () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const message of seen) {
      expect(message).not.toContain(KEY);
      expect(message).not.toContain('sk-wrong');
    }
  });
});
