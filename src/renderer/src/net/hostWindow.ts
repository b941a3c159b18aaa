import type { HostClient } from '../../../shared/hostApi';
import { openLocalClientLink } from './clientLink.local';
import { openPlayerClient, type PlayerClient } from './playerClient';

/**
 * The host's own window joins its match as a player over its local link,
 * with the same client a friend runs. Resolves once the host's first
 * `reset` (avatar, tick rate, map) has arrived; rejects when the host
 * refuses the link.
 */
export async function connectHostWindow(client: HostClient): Promise<PlayerClient> {
  const link = openLocalClientLink(client);
  // Until the host's first reset says otherwise: no avatar, the default rate, no map.
  const player = openPlayerClient(link, { unitId: null, tickRate: 20, map: null });
  const started = new Promise<void>((resolve) => {
    const off = player.onReset(() => {
      off();
      resolve();
    });
  });
  try {
    await client.request('subscribe', { topics: ['snapshots'] });
  } catch (error) {
    player.close();
    throw error;
  }
  await started;
  return player;
}
