import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHostCore, type HostCore } from '../hostCore';
import { createLogger } from '../server/index';
import { REPO_ROOT } from '../testing/testHost';

describe('a data folder that cannot be written', () => {
  let core: HostCore | null = null;
  afterAll(async () => core?.dispose());

  it('runs the match in memory and says so', async () => {
    // A path under a plain file can never become a folder, even for root.
    const blocker = join(mkdtempSync(join(tmpdir(), 'arbiter-ro-')), 'plain-file');
    writeFileSync(blocker, 'x');
    core = createHostCore({
      mode: 'headless',
      version: 'test',
      resourcesDir: join(REPO_ROOT, 'resources'),
      dataDir: join(blocker, 'data'),
      workerUrl: new URL('../match/engineWorker.ts', import.meta.url),
      logger: createLogger('silent'),
    });
    const session = core.openSession(() => {});
    const info = (await session.request('server.info', {})) as { storageWarning: string | null };
    expect(info.storageWarning).toMatch(/cannot save to .*runs in memory/);
    const state = (await session.request('match.start', {})) as { running: boolean };
    expect(state.running).toBe(true);
    const joined = (await session.request('player.join', { name: 'Ada' })) as { playerId: number };
    expect(joined.playerId).toBeGreaterThan(0);
  });
});
