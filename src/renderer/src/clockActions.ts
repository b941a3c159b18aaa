import type { HostClient, MatchState } from '../../shared/hostApi';
import { describeError } from './describeError';
import { useArbiterStore } from './store';

/**
 * Runs one clock request (pause, resume, step, speed) for the host's
 * toolbar; the new match state goes into the store, a refusal into the
 * store's error text. Resolves to the new state, or undefined.
 */
export async function clockRequest(
  what: string,
  run: (client: HostClient) => Promise<MatchState>,
): Promise<MatchState | undefined> {
  const { client } = useArbiterStore.getState();
  if (!client) return undefined;
  try {
    const match = await run(client);
    useArbiterStore.setState({ match, error: null });
    return match;
  } catch (error) {
    useArbiterStore.setState({ error: `${what}: ${describeError(error)}` });
    return undefined;
  }
}
