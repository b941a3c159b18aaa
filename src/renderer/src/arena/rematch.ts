import { describeError } from '../describeError';
import { useArbiterStore } from '../store';

/**
 * Starts the same match again: the running match's whole config and agent
 * count go back to `match.start` as overrides (a fresh seed), so settings
 * typed for this match survive rather than falling back to the default
 * config. Failures land in the error banner.
 */
export async function rematch(): Promise<void> {
  const { client, match } = useArbiterStore.getState();
  if (!client) return;
  try {
    const started = await client.request(
      'match.start',
      match
        ? {
            overrides: match.settings.config as unknown as Record<string, unknown>,
            agents: match.settings.agents,
          }
        : {},
    );
    useArbiterStore.setState({ match: started });
  } catch (error) {
    useArbiterStore.setState({ error: `Could not start the rematch: ${describeError(error)}` });
  }
}
