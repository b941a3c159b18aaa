import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import { connectMemoryClient, createTestHostCore, nextEvent } from '../testing/testHost';

/** Behaviors end to end in the host core: library, dry run, hot-load, assignment, events. */
describe('behaviors in a running match', () => {
  let core: HostCore;
  let client: RpcClient;

  beforeAll(() => {
    core = createTestHostCore();
    client = connectMemoryClient(core);
  });

  afterAll(async () => {
    client.close();
    await core.dispose();
  });

  it('seeds the five shipped behaviors', async () => {
    // Seeding is asynchronous at host start; it finishes within moments.
    await expect
      .poll(async () => (await client.request('behavior.list', {})).behaviors.length)
      .toBe(5);
    const { behaviors } = await client.request('behavior.list', { tag: 'ranged' });
    expect(behaviors.map((b) => b.id)).toEqual(['kiter']);
  });

  it('drives a team with a behavior and reports it at about 1 Hz', async () => {
    await client.request('subscribe', { topics: ['behaviors'] });
    await client.request('match.start', { agents: 20, seed: 3 });
    const assigned = await client.request('behavior.assign', { team: 0, name: 'hunter' });
    expect(assigned.teams).toEqual({ '0': 'hunter' });
    const event = await nextEvent(
      client,
      'behaviors',
      (e) =>
        e.behaviors.some((b) => b.id === 'hunter' && b.agents > 0) &&
        (e.authors ?? []).some((a) => a.memoryBytes > 0),
      15_000,
    );
    const hunter = event.behaviors.find((b) => b.id === 'hunter');
    expect(hunter).toMatchObject({ version: 1, suspended: false, lastError: null });
    // The author's sandbox instance and its memory, against the config's cap (64 MiB default).
    expect(event.authors).toEqual([
      { author: 'arbiter', memoryBytes: expect.any(Number), limitBytes: 64 * 1024 * 1024 },
    ]);
  }, 30_000);

  it('refuses a broken save with line and column and changes nothing', async () => {
    const before = await client.request('behavior.versions', { id: 'guard' });
    const result = await client.request('behavior.save', {
      id: 'guard',
      name: 'Guard a point',
      code: 'export default function (obs) {\n  const a = 1;\n  return obs.self.nothing.x;\n}\n',
    });
    expect(result.ok).toBe(false);
    expect(result.errors[0].line).toBe(3);
    expect(result.errors[0].column).not.toBeNull();
    const after = await client.request('behavior.versions', { id: 'guard' });
    expect(after.versions.length).toBe(before.versions.length);
  }, 30_000);

  it('reports an error thrown during the match with its line, and the match goes on', async () => {
    // Passes the dry run (sample observations are at tick 0), throws once the match is past tick 3.
    const code =
      'export default function (obs) {\n  if (obs.tick > 3) {\n    throw new Error("boom at " + obs.tick);\n  }\n  return {};\n}\n';
    const saved = await client.request('behavior.save', { name: 'Flaky', code });
    expect(saved.ok).toBe(true);
    await client.request('behavior.assign', { team: 1, name: 'Flaky' });
    const event = await nextEvent(
      client,
      'behaviors',
      (e) => e.behaviors.some((b) => b.id === 'flaky' && b.lastError !== null),
      15_000,
    );
    const flaky = event.behaviors.find((b) => b.id === 'flaky')!;
    expect(flaky.lastError).toMatchObject({ line: 3 });
    expect(flaky.lastError!.message).toMatch(/boom at/);
    // The library remembers that this version crashed, for the rollback warning.
    const deadline = Date.now() + 15_000;
    let versions = (await client.request('behavior.versions', { id: 'flaky' })).versions;
    while (!versions[0].crash && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      versions = (await client.request('behavior.versions', { id: 'flaky' })).versions;
    }
    expect(versions[0]).toMatchObject({ version: 1, origin: 'hand', crash: { line: 3 } });
    await client.request('behavior.assign', { team: 1, name: null });
    expect((await client.request('server.info', {})).match.running).toBe(true);
  }, 30_000);

  it('keeps the observation the first failing agent threw on, cut to a few KB', async () => {
    // Throws only on every seventh tick: an observation of any other tick is not the one.
    const code =
      'export default function (obs) {\n  if (obs.tick > 3 && obs.tick % 7 === 0) {\n    throw new Error("seventh " + obs.tick);\n  }\n  return {};\n}\n';
    expect((await client.request('behavior.save', { name: 'Seventh', code })).ok).toBe(true);
    await client.request('behavior.assign', { team: 1, name: 'Seventh' });
    const event = await nextEvent(
      client,
      'behaviors',
      (e) => e.behaviors.some((b) => b.id === 'seventh' && b.runErrors?.observation),
      15_000,
    );
    const errors = event.behaviors.find((b) => b.id === 'seventh')!.runErrors!;
    const seen = errors.observation!;
    expect(seen.tick % 7).toBe(0);
    expect(seen.tick).toBeGreaterThanOrEqual(errors.sinceTick - 1);
    expect(seen.json.length).toBeLessThanOrEqual(4000);
    // The observation as the behavior got it: its tick and the agent itself.
    expect(seen.json).toContain(`"tick":${seen.tick}`);
    expect(seen.json).toMatch(new RegExp(`"self":\\{"id":${seen.agentId}[,}]`));
    expect(event.agents.find((a) => a.id === seen.agentId)?.team).toBe(1);
    await client.request('behavior.assign', { team: 1, name: null });
  }, 30_000);

  it('keeps a draft that does not pass with its errors, never loads it, and drops it once saved', async () => {
    const broken = 'export default function (obs) {\n  return obs.self.;\n}\n';
    const { draft } = await client.request('behavior.draft.save', {
      id: null,
      name: 'Half done',
      code: broken,
      language: 'javascript',
    });
    expect(draft).toMatchObject({ key: 'new:Half done', id: null, code: broken });
    expect(draft.errors[0]).toMatchObject({ line: 2 });
    // Stored, not a behavior: the library has no "Half done", and nothing runs it.
    expect((await client.request('behavior.list', {})).behaviors.map((b) => b.name)).not.toContain(
      'Half done',
    );
    expect((await client.request('behavior.draft.list', {})).drafts).toEqual([draft]);
    // A draft of a behavior that does not exist is refused with words.
    await expect(
      client.request('behavior.draft.save', {
        id: 'no-such-behavior',
        name: 'x',
        code: broken,
        language: 'javascript',
      }),
    ).rejects.toThrow(/no behavior no-such-behavior/);
    // Fixed and saved for real: the draft is gone.
    const fixed = await client.request('behavior.save', {
      name: 'Half done',
      code: 'export default function () {\n  return {};\n}\n',
    });
    expect(fixed.ok).toBe(true);
    expect((await client.request('behavior.draft.list', {})).drafts).toEqual([]);
    expect(await client.request('behavior.draft.delete', { key: 'new:Half done' })).toEqual({
      deleted: false,
    });
  });

  it('assigns one agent its own behavior mid-match and reports each agent with its last error', async () => {
    const teamOf = (e: { agents: { id: number; team: number }[] }, team: number) =>
      e.agents.filter((a) => a.team === team);
    const before = await nextEvent(client, 'behaviors', (e) => teamOf(e, 0).length > 1);
    const [chosen, other] = teamOf(before, 0);
    expect(chosen).toMatchObject({ behavior: 'hunter', assignedTo: 'team', lastError: null });

    // A behavior of its own (Flaky may be suspended by now: every agent of it failed every tick).
    const code =
      'export default function (obs) {\n  if (obs.tick > 3) {\n    throw new Error("boom at " + obs.tick);\n  }\n  return {};\n}\n// one agent\n';
    expect((await client.request('behavior.save', { name: 'Lone flaky', code })).ok).toBe(true);
    await client.request('behavior.assign', { agentId: chosen.id, name: 'Lone flaky' });
    const failing = await nextEvent(
      client,
      'behaviors',
      (e) => e.agents.find((a) => a.id === chosen.id)?.lastError != null,
      15_000,
    );
    expect(failing.agents.find((a) => a.id === chosen.id)).toMatchObject({
      behavior: 'lone-flaky',
      assignedTo: 'agent',
      lastError: { line: 3, message: expect.stringMatching(/boom at/) },
    });
    // Its teammates keep the team's behavior and have no error of their own.
    expect(failing.agents.find((a) => a.id === other.id)).toMatchObject({
      behavior: 'hunter',
      assignedTo: 'team',
      lastError: null,
    });

    // Back to the team's behavior: the old error is not shown against it.
    const back = await client.request('behavior.assign', { agentId: chosen.id, name: null });
    expect(back.agents.find((a) => a.id === chosen.id)).toMatchObject({
      behavior: 'hunter',
      assignedTo: 'team',
      lastError: null,
    });
  }, 30_000);

  it('gives an author their sandbox memory back when none of their behaviors is assigned, and loads it again on assign', async () => {
    // Keeps 12 MiB alive in its instance: the author's memory grows past the 16 MiB a fresh one holds.
    const code =
      'const keep = [];\nexport default function (obs) {\n  if (keep.length < 12) keep.push(new Uint8Array(1 << 20));\n  return {};\n}\n';
    const saved = await client.request('behavior.save', { name: 'Hoarder', code });
    expect(saved.ok).toBe(true);
    const author = saved.behavior!.author;
    await client.request('behavior.assign', { team: 1, name: 'Hoarder' });
    const held = await nextEvent(
      client,
      'behaviors',
      (e) =>
        e.behaviors.some((b) => b.id === 'hoarder' && b.agents > 0) &&
        (e.authors ?? []).some((a) => a.author === author && a.memoryBytes > 16 * 1024 * 1024),
      15_000,
    );
    expect(held.teams['1']).toBe('hoarder');

    // Team 1 back to the built-in AI: nobody runs Hoarder, so its author holds no instance.
    const back = await client.request('behavior.assign', { team: 1, name: null });
    expect(back.behaviors.map((b) => b.id)).not.toContain('hoarder');
    const freed = await nextEvent(
      client,
      'behaviors',
      (e) => !(e.authors ?? []).some((a) => a.author === author && a.memoryBytes > 0),
      15_000,
    );
    expect(freed.behaviors.map((b) => b.id)).not.toContain('hoarder');
    // The shipped behavior team 0 runs (another author) is untouched.
    expect(freed.behaviors.find((b) => b.id === 'hunter')?.agents).toBeGreaterThan(0);

    // Assigned again, it is loaded again and its agents run it.
    await client.request('behavior.assign', { team: 1, name: 'Hoarder' });
    await nextEvent(
      client,
      'behaviors',
      (e) =>
        e.behaviors.some((b) => b.id === 'hoarder' && b.agents > 0) &&
        (e.authors ?? []).some((a) => a.author === author && a.memoryBytes > 0),
      15_000,
    );
    await client.request('behavior.assign', { team: 1, name: null });
  }, 60_000);

  it('saves a new version, hot-loads it and rolls back', async () => {
    const v1 = (await client.request('behavior.get', { id: 'hunter' })).behavior!;
    const saved = await client.request('behavior.save', {
      id: 'hunter',
      name: v1.name,
      code: `${v1.code}\n// tweaked\n`,
      expectedVersion: 1,
    });
    expect(saved).toMatchObject({ ok: true, loaded: true, behavior: { version: 2 } });
    // The swap lands between two batches: the next tick's observations go to version 2.
    expect(saved.runningFromTick).toBeGreaterThan(0);
    await nextEvent(client, 'behaviors', (e) =>
      e.behaviors.some((b) => b.id === 'hunter' && b.version === 2),
    );
    const rolled = await client.request('behavior.rollback', { id: 'hunter', version: 1 });
    expect(rolled.behavior).toMatchObject({ version: 3, restoredFrom: 1, code: v1.code });
    await expect(
      client.request('behavior.assign', { team: 1, name: 'no such thing' }),
    ).rejects.toThrow(/no behavior named/);
  }, 30_000);
});
