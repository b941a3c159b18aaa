/**
 * The behavior console end to end: real sandbox, real engine worker, the
 * host API over a memory pair (the friends over the HTTP host they join
 * by). A behavior's console.* lines arrive with tick, agent, level and
 * behavior; a flood stays bounded and says how much it dropped; a friend's
 * editor sees only lines of behaviors that friend wrote; a friend who may
 * not edit cannot follow the console at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleLine } from '../../../shared/consoleApi';
import type { EventData, EventName } from '../../../shared/hostApi';
import { createRpcClient, type RpcClient } from '../../../shared/rpcClient';
import { createMemoryChannelPair } from '../../../shared/textChannel';
import type { HostCore, HostSession } from '../hostCore';
import { serveRpc, type HttpHost } from '../server/index';
import { joinAsFriend, type NodeFriend } from '../testing/nodeFriend';
import { createTestHostCore, startTestHttpHost, until } from '../testing/testHost';

const TALKER =
  'export default function act(obs, memory) {\n' +
  "  console.log('at', obs.tick, { id: obs.self.id, hp: obs.self.hp > 0 });\n" +
  "  if (obs.self.id % 4 === 1) console.warn('one in four');\n" +
  '  return {};\n' +
  '}\n';

/** Ten lines per agent per tick, one of them long, one a cyclic object. */
const FLOOD =
  'export default function act(obs) {\n' +
  "  const ring = { name: 'ring' }; ring.self = ring;\n" +
  "  console.error('x'.repeat(1000));\n" +
  '  console.info(ring);\n' +
  "  for (let i = 0; i < 8; i++) console.log('flood', i);\n" +
  '  return {};\n' +
  '}\n';

describe('the behavior console', () => {
  let core: HostCore;
  let http: HttpHost;
  let host: RpcClient;
  const hostLines: ConsoleLine[] = [];
  const friends: NodeFriend[] = [];
  const sessions: HostSession[] = [];

  beforeAll(async () => {
    core = createTestHostCore();
    http = await startTestHttpHost(core);
    const [clientEnd, hostEnd] = createMemoryChannelPair();
    serveRpc(hostEnd, core, {});
    host = createRpcClient(clientEnd);
    host.on('console', (event) => hostLines.push(...event.lines));
    await host.request('subscribe', { topics: ['console'] });
    await host.request('match.start', { agents: 8, seed: 4 });
  }, 60_000);

  afterAll(async () => {
    for (const session of sessions) session.close();
    for (const friend of friends) friend.close();
    host?.close();
    await http?.close();
    await core?.dispose();
  });

  /** A friend's editor session, straight on the core, with the events it is sent. */
  async function friendEditor(name: string, canEditBehaviors: boolean) {
    const invite = (await host.request('invite.create', { canEditBehaviors })).code;
    const friend = await joinAsFriend({ baseUrl: http.url, name, invite, fallback: true });
    friends.push(friend);
    const lines: ConsoleLine[] = [];
    const session = core.openEditorSession(
      friend.welcome.playerId,
      <E extends EventName>(event: E, data: EventData<E>) => {
        if (event === 'console') lines.push(...(data as EventData<'console'>).lines);
      },
    );
    sessions.push(session);
    return { friend, session, lines, author: `friend-${friend.welcome.playerId}` };
  }

  it("returns the dry run's output with the check", async () => {
    const checked = await host.request('behavior.validate', {
      code: TALKER,
      language: 'javascript',
    });
    expect(checked.ok).toBe(true);
    expect(checked.console.length).toBeGreaterThan(0);
    expect(checked.console[0]).toMatchObject({
      source: 'dry-run',
      level: 'log',
      author: 'host',
      agentId: expect.any(Number),
      text: expect.stringMatching(/^at \d+ \{ id: \d+, hp: (true|false) \}$/),
    });
    expect(checked.console.some((l) => l.level === 'warn' && l.text === 'one in four')).toBe(true);
  }, 30_000);

  it('delivers lines a running behavior prints, with tick, agent, level and behavior', async () => {
    const saved = await host.request('behavior.save', { name: 'Talker', code: TALKER });
    expect(saved.ok).toBe(true);
    expect(saved.console?.[0]).toMatchObject({ source: 'dry-run', behaviorName: 'Talker' });
    await host.request('behavior.assign', { team: 0, name: 'Talker' });
    await until(
      () => hostLines.some((l) => l.behaviorId === 'talker' && l.level === 'warn'),
      20_000,
    );
    const line = hostLines.find((l) => l.behaviorId === 'talker' && l.level === 'log')!;
    expect(line).toMatchObject({
      source: 'match',
      behaviorName: 'Talker',
      version: 1,
      author: 'host',
      agentId: expect.any(Number),
    });
    expect(line.tick).toBeGreaterThan(0);
    expect(line.text).toBe(`at ${line.tick} { id: ${line.agentId}, hp: true }`);
    const warned = hostLines.find((l) => l.behaviorId === 'talker' && l.level === 'warn')!;
    expect(warned.agentId! % 4).toBe(1);
  }, 30_000);

  it('keeps a flood bounded and reports what it dropped in one line', async () => {
    expect((await host.request('behavior.save', { name: 'Flood', code: FLOOD })).ok).toBe(true);
    const from = hostLines.length;
    await host.request('behavior.assign', { team: 1, name: 'Flood' });
    const flood = () => hostLines.slice(from).filter((l) => l.behaviorId === 'flood');
    await until(() => flood().some((l) => l.dropped !== undefined), 20_000);
    await host.request('behavior.assign', { team: 1, name: null });
    const lines = flood();
    const notice = lines.findIndex((l) => l.dropped !== undefined);
    // One author's second: at most 100 of its lines before the notice of what it cut.
    expect(notice).toBeLessThanOrEqual(100);
    expect(lines[notice]).toMatchObject({
      level: 'warn',
      agentId: null,
      text: expect.stringMatching(/^\d+ lines dropped/),
    });
    expect(lines[notice].dropped).toBeGreaterThan(0);
    const printed = lines.filter((l) => l.dropped === undefined);
    const perAgentTick = new Map<string, number>();
    const perTick = new Map<number, number>();
    for (const l of printed) {
      const key = `${l.tick}:${l.agentId}`;
      perAgentTick.set(key, (perAgentTick.get(key) ?? 0) + 1);
      perTick.set(l.tick, (perTick.get(l.tick) ?? 0) + 1);
      expect(l.text.length).toBeLessThanOrEqual(200);
    }
    expect(Math.max(...perAgentTick.values())).toBeLessThanOrEqual(5);
    expect(Math.max(...perTick.values())).toBeLessThanOrEqual(20);
    const long = printed.find((l) => l.level === 'error')!;
    expect(long.text).toMatch(/^x{199}…$/);
    const ring = printed.find((l) => l.level === 'info')!;
    expect(ring.text).toBe('{ name: "ring", self: [Circular] }');
  }, 40_000);

  it("shows a friend's editor only their own behaviors' lines", async () => {
    const ada = await friendEditor('Ada', true);
    await ada.session.request('subscribe', { topics: ['console'] });
    const saved = (await ada.session.request('behavior.save', {
      name: 'Ada talks',
      code: "export default function act(obs) {\n  console.log('ada', obs.tick);\n  return {};\n}\n",
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    await host.request('behavior.assign', { team: 1, name: 'Ada talks' });
    // The host sees both authors' lines printed after the friend subscribed…
    await until(
      () =>
        hostLines.some((l) => l.author === ada.author && l.source === 'match') &&
        hostLines.some((l) => l.author === 'host' && l.tick > firstTick(hostLines, ada.author)),
      20_000,
    );
    await until(() => ada.lines.length > 0, 10_000);
    // …the friend only theirs.
    expect(ada.lines.every((l) => l.author === ada.author)).toBe(true);
    expect(ada.lines[0]).toMatchObject({ behaviorName: 'Ada talks', level: 'log' });
    // Other topics stay the host's.
    await expect(ada.session.request('subscribe', { topics: ['scoreboard'] })).rejects.toThrow(
      /scoreboard topic is for the host only/,
    );
  }, 60_000);

  it('refuses the console to a friend who may not edit behaviors', async () => {
    const bob = await friendEditor('Bob', false);
    const error = await bob.session.request('subscribe', { topics: ['console'] }).catch((e) => e);
    expect(error).toMatchObject({ code: 'forbidden' });
    expect(String(error)).toMatch(/friends whose invite lets them edit behaviors/);
  }, 30_000);
});

/** The tick of `author`'s first match line (Infinity when none yet). */
function firstTick(lines: readonly ConsoleLine[], author: string): number {
  const first = lines.find((l) => l.author === author && l.source === 'match');
  return first ? first.tick : Infinity;
}
