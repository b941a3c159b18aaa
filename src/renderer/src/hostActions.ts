import { HostApiError, type HostClient } from '../../shared/hostApi';
import { describeError } from './describeError';
import { markConnectionLost } from './session';
import { useArbiterStore } from './store';

/**
 * Runs one host request on behalf of a button: failures become the store's
 * `error` text instead of an unhandled rejection. Resolves to undefined on
 * failure.
 */
export async function attempt<T>(
  what: string,
  run: (client: HostClient) => Promise<T>,
): Promise<T | undefined> {
  const { client } = useArbiterStore.getState();
  if (!client) {
    useArbiterStore.setState({ error: `${what}: not connected to the host` });
    return undefined;
  }
  try {
    const result = await run(client);
    useArbiterStore.setState({ error: null });
    return result;
  } catch (error) {
    if (error instanceof HostApiError && error.code === 'closed') markConnectionLost(error.message);
    else useArbiterStore.setState({ error: `${what}: ${describeError(error)}` });
    return undefined;
  }
}

const PLAYER_TOKEN_KEY = 'arbiter.playerToken';

/** Joins as the host's player, coming back as the same one through the token kept in this browser. */
export async function joinAsHost(): Promise<void> {
  const saved = localStorage.getItem(PLAYER_TOKEN_KEY) ?? undefined;
  const joined = await attempt('Could not join the match', async (client) => {
    try {
      return await client.request('player.join', { name: 'Host', token: saved });
    } catch (error) {
      // A token from another host's data folder: start over as a new player.
      if (saved && /not known to this host/.test(String((error as Error).message))) {
        return client.request('player.join', { name: 'Host' });
      }
      throw error;
    }
  });
  if (joined) {
    localStorage.setItem(PLAYER_TOKEN_KEY, joined.token);
    useArbiterStore.setState({ ownUnitId: joined.unitId });
  }
}

/** Creates an invite and returns its link (or code, where the host serves no page). */
/** `canEditBehaviors`: the friend may also edit behaviors (in the same sandbox, as themselves). */
export async function createInvite(canEditBehaviors = false): Promise<string | undefined> {
  const invite = await attempt('Could not create an invite', (client) =>
    client.request('invite.create', { canEditBehaviors }),
  );
  return invite ? (invite.link ?? invite.code) : undefined;
}

export function watchMatch(): void {
  useArbiterStore.setState({ screen: 'game', error: null });
}

export async function stopMatch(): Promise<void> {
  const match = await attempt('Could not stop the match', (client) =>
    client.request('match.stop', {}),
  );
  if (match) useArbiterStore.setState({ match });
}

/**
 * Starts a match from the game view, keeping the view open, with the
 * settings the last match ran with (Stop → Start changes nothing else);
 * `agents`, when given, replaces its agent count.
 */
export async function restartMatch(agents?: number): Promise<void> {
  const last = useArbiterStore.getState().match?.settings;
  const match = await attempt('Could not start the match', (client) =>
    client.request(
      'match.start',
      last
        ? { overrides: { ...last.config }, seed: last.seed, agents: agents ?? last.agents }
        : { agents },
    ),
  );
  if (match) useArbiterStore.setState({ match });
}

/** @param count agents in the match, 0..HOST_API_LIMITS.maxAgents */
export async function setAgentCount(count: number): Promise<void> {
  const match = await attempt('Could not change the agent count', (client) =>
    client.request('match.setAgentCount', { count }),
  );
  if (match) useArbiterStore.setState({ match });
}

/** Back to the lobby, with fresh server info so "Watch" reflects the host. */
export async function backToLobby(): Promise<void> {
  useArbiterStore.setState({ screen: 'lobby', error: null });
  const info = await attempt('Could not refresh the host info', (client) =>
    client.request('server.info', {}),
  );
  if (info) useArbiterStore.setState({ serverInfo: info, match: info.match });
}

export function dismissError(): void {
  useArbiterStore.setState({ error: null });
}
