/**
 * A friend's editor follows the match's behaviors live (the `behaviors`
 * topic), scoped: their own behaviors' run-time errors in full, with the
 * observation they were thrown on; the host's without it; only their own
 * sandbox memory. A friend who may not edit is refused the topic, and a
 * kicked friend's subscription ends with their session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BehaviorsEvent, EventData, EventName } from '../../../shared/hostApi';
import type { RpcClient } from '../../../shared/rpcClient';
import type { HostCore, HostSession } from '../hostCore';
import type { HttpHost } from '../server/index';
import { joinAsFriend, type NodeFriend } from '../testing/nodeFriend';
import {
  connectMemoryClient,
  createTestHostCore,
  nextEvent,
  startTestHttpHost,
  until,
} from '../testing/testHost';

/** Passes the dry run (its observations are at the first ticks), then throws every tick. */
const crasher = (word: string) =>
  `export default function act(obs) {\n  if (obs.tick > 3) throw new Error("${word} " + obs.tick);\n  return {};\n}\n`;

describe("a friend's editor and the match's behaviors", () => {
  let core: HostCore;
  let http: HttpHost;
  let host: RpcClient;
  const friends: NodeFriend[] = [];
  const sessions: HostSession[] = [];

  beforeAll(async () => {
    core = createTestHostCore();
    http = await startTestHttpHost(core);
    host = connectMemoryClient(core);
    await host.request('subscribe', { topics: ['behaviors'] });
    await host.request('match.start', { agents: 8, seed: 5 });
  }, 60_000);

  afterAll(async () => {
    for (const session of sessions) session.close();
    for (const friend of friends) friend.close();
    host?.close();
    await http?.close();
    await core?.dispose();
  });

  /** A friend's editor session, straight on the core, with the behaviors events it is sent. */
  async function friendEditor(name: string, canEditBehaviors: boolean) {
    const invite = (await host.request('invite.create', { canEditBehaviors })).code;
    const friend = await joinAsFriend({ baseUrl: http.url, name, invite, fallback: true });
    friends.push(friend);
    const events: BehaviorsEvent[] = [];
    const session = core.openEditorSession(
      friend.welcome.playerId,
      <E extends EventName>(event: E, data: EventData<E>) => {
        if (event === 'behaviors') events.push(data as BehaviorsEvent);
      },
    );
    sessions.push(session);
    return { friend, session, events, author: `friend-${friend.welcome.playerId}` };
  }

  it("sends an editing friend their own errors in full and the host's without the observation", async () => {
    const ada = await friendEditor('Ada', true);
    await ada.session.request('subscribe', { topics: ['behaviors'] });
    const saved = (await ada.session.request('behavior.save', {
      name: 'Ada crashes',
      code: crasher('ada'),
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    expect(
      (await host.request('behavior.save', { name: 'Host crashes', code: crasher('host') })).ok,
    ).toBe(true);
    await host.request('behavior.assign', { team: 0, name: 'Host crashes' });
    await host.request('behavior.assign', { team: 1, name: 'Ada crashes' });

    const both = (e: BehaviorsEvent) =>
      ['ada-crashes', 'host-crashes'].every((id) =>
        e.behaviors.some((b) => b.id === id && b.runErrors?.observation),
      );
    // The host sees both observations…
    await nextEvent(host, 'behaviors', both, 20_000);
    // …the friend, live, theirs only: the host's error is there, what its agent saw is not.
    await until(
      () =>
        ada.events.some((e) =>
          e.behaviors.some((b) => b.id === 'ada-crashes' && b.runErrors?.observation),
        ) &&
        ada.events.some((e) => e.behaviors.some((b) => b.id === 'host-crashes' && b.runErrors)),
      20_000,
    );
    const last = ada.events.at(-1)!;
    const own = last.behaviors.find((b) => b.id === 'ada-crashes')!;
    const others = last.behaviors.find((b) => b.id === 'host-crashes')!;
    expect(own.author).toBe(ada.author);
    expect(own.runErrors!.message).toMatch(/^ada \d+/);
    expect(own.runErrors!.observation!.json).toContain('"self":');
    expect(others.runErrors!.message).toMatch(/^host \d+/);
    expect(others.runErrors!.observation ?? null).toBeNull();
    expect(
      ada.events.every((e) =>
        e.behaviors.every((b) => b.author === ada.author || !b.runErrors?.observation),
      ),
    ).toBe(true);
    expect((last.authors ?? []).every((a) => a.author === ada.author)).toBe(true);

    // Kicked: the session ends, and with it the events and any new subscription.
    expect(await host.request('player.kick', { playerId: ada.friend.welcome.playerId })).toEqual({
      kicked: true,
    });
    const seen = ada.events.length;
    await expect(ada.session.request('subscribe', { topics: ['behaviors'] })).rejects.toThrow(
      /kicked by the host/,
    );
    await nextEvent(host, 'behaviors', () => true, 10_000);
    await nextEvent(host, 'behaviors', () => true, 10_000);
    expect(ada.events.length).toBe(seen);
  }, 90_000);

  it('refuses the behaviors topic to a friend who may not edit', async () => {
    const bob = await friendEditor('Bob', false);
    const error = await bob.session.request('subscribe', { topics: ['behaviors'] }).catch((e) => e);
    expect(error).toMatchObject({ code: 'forbidden' });
    expect(String(error)).toMatch(/friends whose invite lets them edit behaviors/);
    await nextEvent(host, 'behaviors', () => true, 10_000);
    expect(bob.events).toEqual([]);
  }, 30_000);
});
