/**
 * Replays end to end through the host API, with the real engine worker, the
 * real sandbox (a library behavior drives team 0) and real SQLite: a
 * recorded match replays to the recorded state hash, seeks back and forth
 * land on the same hashes, a what-if with another version changes the
 * outcome, and bad input (a seek past the end, a cut-off or damaged
 * replay, one from a newer format) gets a clear message and loses nothing.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import { connectMemoryClient, createTestHostCore, nextEvent } from '../testing/testHost';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const STAND_STILL = `export default function still(obs, memory) { return {}; }`;

describe('replays', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-replay-'));
  let core: HostCore;
  let host: RpcClient;
  let matchId = 0;

  beforeAll(async () => {
    core = createTestHostCore({ dataDir, syncIntervalMs: 100 });
    host = connectMemoryClient(core);
    await host.request('match.start', { agents: 8, seed: 99 });
    const first = nextEvent(host, 'stats');
    await host.request('subscribe', { topics: ['stats'] });
    await first;
    // As the settings screen starts a match: each team told its behavior, here the built-in
    // AI, before team 0 gets hunter. A what-if replays these in order (an unload sits between).
    await host.request('behavior.assign', { team: 0, name: null });
    await host.request('behavior.assign', { team: 1, name: null });
    await host.request('behavior.assign', { team: 0, name: 'hunter' });
    // However busy the machine, hunter then runs for 200 ticks or more.
    const assignedBy = (await nextEvent(host, 'stats')).tick;
    await nextEvent(host, 'stats', (s) => s.tick > Math.max(260, assignedBy + 200), 60_000);
    // A pause and a few steps are part of the match too.
    await host.request('match.pause', {});
    for (let i = 0; i < 3; i++) await host.request('match.step', {});
    await host.request('match.resume', {});
    await host.request('match.stop', {});
    const { replays } = await host.request('replay.list', {});
    matchId = replays[0].matchId;
  }, 120_000);

  afterAll(async () => {
    host.close();
    await core.dispose();
  });

  it('replays an unchanged match (sandbox behavior included) to the recorded state hash', async () => {
    const info = await host.request('replay.open', { matchId });
    expect(info.truncated).toBeNull();
    expect(info.endHash).toMatch(/^[0-9a-f]{16}$/);
    expect(info.endTick).toBeGreaterThan(260);
    expect(info.behaviors.map((b) => b.behaviorId)).toContain('hunter');
    const end = await host.request('replay.seek', { matchId, tick: info.endTick });
    expect(end.hash).toBe(info.endHash);
    // Back and forth: the same tick gives the same world whichever way it was reached.
    const mid = await host.request('replay.seek', { matchId, tick: 150 });
    await host.request('replay.seek', { matchId, tick: 20 });
    expect((await host.request('replay.seek', { matchId, tick: 150 })).hash).toBe(mid.hash);
    expect((await host.request('replay.seek', { matchId, tick: info.endTick })).hash).toBe(
      info.endHash,
    );
  });

  it('refuses a seek past the end in words, and the replay still plays', async () => {
    const info = await host.request('replay.open', { matchId });
    await expect(host.request('replay.seek', { matchId, tick: info.endTick + 1 })).rejects.toThrow(
      `tick ${info.endTick + 1} is past the end of replay ${matchId}`,
    );
    expect((await host.request('replay.seek', { matchId, tick: 10 })).tick).toBe(10);
  });

  it('runs a what-if with another version and shows a different outcome', async () => {
    const saved = await host.request('behavior.save', {
      id: 'hunter',
      name: 'Hunt the nearest enemy',
      code: STAND_STILL,
    });
    const version = (saved as { behavior: { version: number } }).behavior.version;
    const info = await host.request('replay.open', { matchId });
    const fromTick = info.behaviors[0].tick + 20;
    const result = await host.request('replay.whatIf', {
      matchId,
      fromTick,
      seconds: 5,
      behaviorId: 'hunter',
      version,
    });
    expect(result.toTick).toBe(fromTick + 100);
    expect(result.recorded[0].agents).toBeGreaterThan(0);
    expect(result.recorded[0].distance).toBeGreaterThan(50);
    expect(result.variant[0].distance).toBe(0);
  }, 60_000);

  it('plays a cut-off replay up to the cut, saying so; refuses a newer format; loses nothing', async () => {
    const db = new Database(join(dataDir, 'arbiter.db'));
    const info = await host.request('replay.open', { matchId });
    db.prepare('DELETE FROM replay_chunks WHERE match_id = ? AND from_tick >= 200').run(matchId);
    const cut = await host.request('replay.open', { matchId });
    expect(cut.truncated).toBe(`replay ${matchId} is cut off: the input from tick 200 is missing`);
    expect(cut.endTick).toBe(200);
    expect(cut.endHash).toBeNull();
    expect((await host.request('replay.seek', { matchId, tick: 200 })).tick).toBe(200);
    db.prepare('UPDATE replay_chunks SET data = ? WHERE match_id = ? AND from_tick = 100').run(
      Buffer.from('not deflate'),
      matchId,
    );
    expect((await host.request('replay.open', { matchId })).truncated).toBe(
      `replay ${matchId} is damaged: the input from tick 100 cannot be read`,
    );
    db.prepare('UPDATE replays SET format = 2 WHERE match_id = ?').run(matchId);
    await expect(host.request('replay.open', { matchId })).rejects.toThrow(
      `replay ${matchId} is format 2, newer than this Arbiter plays (format 1)`,
    );
    db.close();
    const { replays } = await host.request('replay.list', {});
    expect(replays.find((r) => r.matchId === matchId)?.endTick).toBe(info.endTick);
  });
});
