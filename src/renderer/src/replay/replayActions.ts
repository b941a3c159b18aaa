import type { HostClient } from '../../../shared/hostApi';
import { describeError } from '../describeError';
import { useArbiterStore } from '../store';

/** Runs a replay request; returns the error text instead of throwing. */
export async function replayRequest<T>(
  run: (client: HostClient) => Promise<T>,
): Promise<{ value?: T; error?: string }> {
  const client = useArbiterStore.getState().client;
  if (!client) return { error: 'not connected to the host' };
  try {
    return { value: await run(client) };
  } catch (error) {
    return { error: describeError(error) };
  }
}
