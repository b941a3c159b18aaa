/**
 * Test helper: a host core with the real engine worker (compiled by tsx from
 * source) and a silent logger. Used by the host's own tests only.
 */
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventData, EventName, HostClient } from '../../shared/hostApi';
import { createHostCore, type HostCore } from './hostCore';
import { createLogger } from './logger';

export const REPO_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

export function createTestHostCore(): HostCore {
  return createHostCore({
    mode: 'headless',
    version: 'test',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir: mkdtempSync(join(tmpdir(), 'arbiter-test-host-')),
    workerUrl: new URL('./engineWorker.ts', import.meta.url),
    logger: createLogger('silent'),
  });
}

/** Resolves with the first `event` the client receives that passes `accept`. */
export function nextEvent<E extends EventName>(
  client: HostClient,
  event: E,
  accept: (data: EventData<E>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<EventData<E>> {
  const register = (listener: (value: EventData<E>) => void) => client.on(event, listener);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching value within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = register((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** Ids of the units (avatars and agents) in a world frame, leaving out projectiles and items. */
export function unitIds(frame: { ids: number[]; kinds: number[] }): number[] {
  return frame.ids.filter((_, i) => frame.kinds[i] <= 1);
}
